using System.Management.Automation;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Text;

namespace CsmEvents.Hosting;

/// <summary>
/// The module's <see cref="ICommandSink"/>: each runner call becomes the matching cmdlet call, on the pipeline
/// thread. Exceptions from WriteObject (the pipeline stopping under <c>Select-Object -First</c>) go back through the
/// runner untouched. Text for the host is escaped (event strings may hold terminal escape sequences).
/// </summary>
internal sealed class CmdletSink : ICommandSink
{
    private readonly Cmdlet _cmdlet;

    public CmdletSink(Cmdlet cmdlet, CancellationToken cancellation)
    {
        _cmdlet = cmdlet;
        Cancellation = cancellation;
    }

    public CancellationToken Cancellation { get; }

    public void Emit(object item) => _cmdlet.WriteObject(item);

    public void Error(CsmError error) => _cmdlet.WriteError(ErrorRecords.From(error));

    public void Warning(string message) => _cmdlet.WriteWarning(TerminalText.Escape(message));

    public void Verbose(string message) => _cmdlet.WriteVerbose(TerminalText.Escape(message));

    public void Progress(CsmProgress progress) => _cmdlet.WriteProgress(new ProgressRecord(progress.ActivityId, TerminalText.Escape(progress.Activity), TerminalText.Escape(progress.Status))
    {
        PercentComplete = progress.PercentComplete,
        ParentActivityId = progress.ParentActivityId,
        RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
    });
}
