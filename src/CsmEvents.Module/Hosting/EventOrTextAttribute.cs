using System.Management.Automation;
using CsmEvents.Commands;

namespace CsmEvents.Hosting;

/// <summary>
/// On an <c>-InputObject</c> that takes CsmEvent objects and JSON text: refuses every other object at binding time.
/// Why: a PSObject parameter accepts any piped object in PowerShell's first binding pass, so a FileInfo from
/// Get-ChildItem would land here instead of in -LiteralPath (bound by its PSPath property in the second pass).
/// PowerShell skips a pipeline parameter whose transformation fails with an invalid cast and tries the next one;
/// on the command line the same refusal is the binding error the user sees. What is accepted is decided in Core
/// (<see cref="EventOrTextInput.Accepts"/>).
/// </summary>
internal sealed class EventOrTextAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if (EventOrTextInput.Accepts(inputData, PSObjectAdapter.Instance)) return inputData;
        object? bare = inputData is PSObject wrapper ? wrapper.BaseObject : inputData;
        string message = "A " + bare!.GetType().FullName + " is neither a CsmEvent nor JSON text. Convert objects with ConvertTo-CsmEvent; pass files with -Path or -LiteralPath.";
        throw new ArgumentTransformationMetadataException(message, new PSInvalidCastException(message));
    }
}
