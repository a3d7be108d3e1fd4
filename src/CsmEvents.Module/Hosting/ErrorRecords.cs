using System;
using System.Management.Automation;
using CsmEvents.Commands;
using CsmEvents.Text;

namespace CsmEvents.Hosting;

/// <summary>
/// The one place that turns a runner's <see cref="CsmError"/> into a PowerShell <see cref="ErrorRecord"/>: the
/// stable error id, the matching <see cref="ErrorCategory"/> (CsmErrorCategory mirrors its names), the record or path
/// as target, and the message with control characters escaped, since it may quote text from an event.
/// </summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(CsmError error)
    {
        var exception = new CsmErrorException(error.ErrorId, TerminalText.Escape(error.Message) ?? string.Empty, error.Exception);
        return new ErrorRecord(exception, error.ErrorId, ToCategory(error.Category), error.Target);
    }

    internal static ErrorCategory ToCategory(CsmErrorCategory category) =>
        Enum.TryParse(category.ToString(), out ErrorCategory mapped) ? mapped : ErrorCategory.NotSpecified;
}
