using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CsmEvents.Commands;

namespace CsmEvents.Tests.Support;

/// <summary>
/// A test host for runners: records everything a runner reports, in order, and can play PowerShell's part when
/// the pipeline stops (<see cref="StopAfter"/>: Emit throws like WriteObject under <c>Select-Object -First</c>) or
/// the user presses Ctrl+C (<see cref="Cancel"/>).
/// </summary>
public sealed class RecordingSink : ICommandSink
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Objects emitted, in order.</summary>
    public List<object> Emitted { get; } = new();

    public List<CsmError> Errors { get; } = new();

    public List<string> Warnings { get; } = new();

    public List<string> VerboseMessages { get; } = new();

    public List<CsmProgress> ProgressRecords { get; } = new();

    /// <summary>Everything in the order it happened: ("emit", object), ("error", CsmError), ("warning", text), ...</summary>
    public List<(string Kind, object Item)> Log { get; } = new();

    /// <summary>When set, the Emit call after this many emitted objects throws <see cref="PipelineStoppedForTest"/>,
    /// as WriteObject throws when a downstream command stops the pipeline.</summary>
    public int? StopAfter { get; set; }

    public CancellationToken Cancellation => _cancel.Token;

    /// <summary>Cancels the token, as StopProcessing does on Ctrl+C.</summary>
    public void Cancel() => _cancel.Cancel();

    public IReadOnlyList<T> EmittedOf<T>() => Emitted.OfType<T>().ToList();

    public IReadOnlyList<string> ErrorIds => Errors.Select(e => e.ErrorId).ToList();

    public IReadOnlyList<string> ErrorMessages => Errors.Select(e => e.Message).ToList();

    public void Emit(object item)
    {
        if (StopAfter.HasValue && Emitted.Count >= StopAfter.Value) throw new PipelineStoppedForTest();
        Emitted.Add(item);
        Log.Add(("emit", item));
    }

    public void Error(CsmError error)
    {
        Errors.Add(error);
        Log.Add(("error", error));
    }

    public void Warning(string message)
    {
        Warnings.Add(message);
        Log.Add(("warning", message));
    }

    public void Verbose(string message)
    {
        VerboseMessages.Add(message);
        Log.Add(("verbose", message));
    }

    public void Progress(CsmProgress progress)
    {
        ProgressRecords.Add(progress);
        Log.Add(("progress", progress));
    }
}

/// <summary>Stands for PowerShell's PipelineStoppedException: runners must let it through untouched.</summary>
public sealed class PipelineStoppedForTest : Exception
{
    public PipelineStoppedForTest()
        : base("The pipeline has been stopped.")
    {
    }
}
