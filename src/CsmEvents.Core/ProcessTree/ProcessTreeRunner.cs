using System;
using System.Collections.Generic;
using CsmEvents.Model;

namespace CsmEvents.ProcessTree;

/// <summary>
/// Builds a process tree from events, host-neutral: the cmdlet and the CLI read events their own way and hand
/// them over one by one (<see cref="Add"/>), then call <see cref="Complete"/> once. Warnings about contradictory
/// data go to the callback as they happen. No IO here.
/// <code>
/// var runner = new ProcessTreeRunner(new ProcessTreeOptions { Names = { "sh" }, Ancestry = true }, w => Warn(w.Message));
/// foreach (var evt in events) runner.Add(evt);
/// var result = runner.Complete();
/// foreach (var line in result.ToTextLines()) Console.WriteLine(line);
/// </code>
/// </summary>
public sealed class ProcessTreeRunner
{
    private readonly ProcessTreeOptions _options;
    private readonly LineageMerger _merger;
    private ProcessTreeResult? _result;

    /// <summary>Creates a runner. Throws <see cref="ArgumentException"/> for invalid options (see
    /// <see cref="ProcessTreeOptions.Validate"/>), before any event is read.</summary>
    public ProcessTreeRunner(ProcessTreeOptions? options = null, Action<ProcessTreeWarning>? onWarning = null)
    {
        _options = options ?? new ProcessTreeOptions();
        _options.Validate();
        _merger = new LineageMerger(_options.IncludeEvents, onWarning);
    }

    /// <summary>Adds one event. The host of its processes is the Datadog envelope's host when the event has one,
    /// else <paramref name="hostKey"/>, else the event's <see cref="EventSource.Path"/> (one host per input file),
    /// else the unknown host "". Events without process are counted and skipped.</summary>
    public void Add(CsmEvent evt, string? hostKey = null)
    {
        if (evt == null) throw new ArgumentNullException(nameof(evt));
        if (_result != null) throw new InvalidOperationException("Complete() was already called; create a new runner for more events.");
        _merger.Add(evt, hostKey);
    }

    /// <summary>Adds one event like <see cref="Add"/> and returns its acting process, which
    /// <see cref="ProcessNode.Merged"/> links to its node once the tree is built (null: the event has no placed
    /// process). For outputs that show each event's place in the tree (the HTML report).</summary>
    internal MergedProcess? AddAndLocate(CsmEvent evt)
    {
        if (evt == null) throw new ArgumentNullException(nameof(evt));
        if (_result != null) throw new InvalidOperationException("Complete() was already called; create a new runner for more events.");
        return _merger.Add(evt, null);
    }

    /// <summary>Adds every event of a sequence (host keys as in <see cref="Add"/>).</summary>
    public void AddRange(IEnumerable<CsmEvent> events)
    {
        foreach (var evt in events) Add(evt);
    }

    /// <summary>Builds the output. Call once, after the last event; later calls return the same result.</summary>
    public ProcessTreeResult Complete()
    {
        if (_result != null) return _result;
        _merger.FinishUntimed();
        var view = TreeView.Prepare(_merger.Processes, _merger.Names, _options);
        return _result = new ProcessTreeResult(view, _options, _merger);
    }

    /// <summary>Builds a tree from a sequence of events in one call.</summary>
    public static ProcessTreeResult Run(IEnumerable<CsmEvent> events, ProcessTreeOptions? options = null, Action<ProcessTreeWarning>? onWarning = null)
    {
        var runner = new ProcessTreeRunner(options, onWarning);
        runner.AddRange(events);
        return runner.Complete();
    }
}
