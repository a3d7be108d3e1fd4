using System;
using System.Management.Automation;
using System.Threading;
using CsmEvents.Conversion;
using CsmEvents.Hosting;

namespace CsmEvents.Commands;

/// <summary>
/// Base of every CsmEvents cmdlet. A cmdlet maps its parameters to a Core runner's options and hands the runner
/// <see cref="Sink"/>; it holds no loops with decisions and no catches of its own. This class supplies:
/// <list type="bullet">
/// <item><see cref="Sink"/>: runner output becomes WriteObject / WriteError / WriteWarning / WriteVerbose / WriteProgress.</item>
/// <item><see cref="StopProcessing"/> (Ctrl+C) cancels the sink's token; <see cref="Run"/> turns the resulting
/// cancellation into the PipelineStoppedException PowerShell expects.</item>
/// <item><see cref="Dispose(bool)"/> for cleanup: EndProcessing does not run when a downstream
/// <c>Select-Object -First</c> stops the pipeline, Dispose always does.</item>
/// </list>
/// </summary>
public abstract class CsmCmdlet : PSCmdlet, IDisposable
{
    // Not disposed: a source without timers or linked tokens holds nothing to release, and StopProcessing may run
    // on another thread while the pipeline ends.
    private readonly CancellationTokenSource _stopping = new();
    private ICommandSink? _sink;

    /// <summary>The host the runners write to.</summary>
    protected ICommandSink Sink => _sink ??= new CmdletSink(this, _stopping.Token);

    /// <summary>What PowerShell's wrappers (PSObject, PSCustomObject) stand for, for the conversions in Core.</summary>
    protected static HostObjectAdapter HostObjects => PSObjectAdapter.Instance;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>True when verbose messages will be shown (-Verbose, or $VerbosePreference): a runner may then do its
    /// work in an order that lets it count per file.</summary>
    protected bool VerboseRequested
    {
        get
        {
            if (MyInvocation.BoundParameters.TryGetValue("Verbose", out object? verbose)) return verbose is SwitchParameter s ? s.IsPresent : verbose is bool b && b;
            return GetVariableValue("VerbosePreference") is ActionPreference preference && preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        }
    }

    /// <summary>Runs runner work. Exceptions pass through untouched (PipelineStoppedException above all), except
    /// the cancellation caused by StopProcessing, which PowerShell must see as a stopped pipeline, not an error.</summary>
    protected void Run(Action work)
    {
        try
        {
            work();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Ends the command with one terminating error: for settings nothing useful can run with (an unusable
    /// schema, an unknown schema name, a missing Datadog key, an invalid pattern). Per-record problems are never
    /// terminating; runners report them through <see cref="Sink"/>.</summary>
    protected void ThrowTerminating(CsmError error) => ThrowTerminatingError(ErrorRecords.From(error));

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the cmdlet holds (open text inputs, runners). Called after EndProcessing and also
    /// when the pipeline was stopped early.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
