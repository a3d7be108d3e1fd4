using System;
using System.Management.Automation;
using CsmEvents.Text;

namespace CsmEvents.Hosting;

/// <summary>
/// On a time parameter (-After, -Before): applies the module's one rule for times (<see cref="TimeText"/>) before
/// PowerShell converts the value. Without it, PowerShell would read text without an offset as local time, while
/// -From/-To, the CLI, the events and Datadog read it as UTC. Text and dates are converted here; a DateTimeOffset
/// passes unchanged; anything else is left to PowerShell's conversion (and its error).
/// </summary>
internal sealed class TimeArgumentAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapper ? wrapper.BaseObject : inputData;
        switch (value)
        {
            case DateTime date:
                return TimeText.FromDateTime(date);
            case string text:
                if (TimeText.TryParse(text, DateTimeOffset.UtcNow, out var instant)) return instant;
                throw new ArgumentTransformationMetadataException("'" + text + "' is not a time (" + TimeText.Forms + ").");
            default:
                return inputData;
        }
    }
}
