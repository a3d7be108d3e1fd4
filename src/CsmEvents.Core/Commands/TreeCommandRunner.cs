using System;
using System.Threading;
using CsmEvents.Model;
using CsmEvents.ProcessTree;

namespace CsmEvents.Commands;

/// <summary>What Get-CsmProcessTree and <c>csm-events tree</c> produce.</summary>
public enum TreeOutput
{
    /// <summary>One ProcessNode object per node, in tree order.</summary>
    Nodes,
    /// <summary>The tree as text lines (├─ └─), one string per line.</summary>
    Text,
    Dot,
    Mermaid,
    Json,
}

/// <summary>Options of a tree command: how to read, what to select, what to produce.</summary>
public sealed class TreeCommandOptions
{
    public GetEventsOptions Read { get; set; } = new GetEventsOptions();

    public ProcessTreeOptions Tree { get; set; } = new ProcessTreeOptions();

    public TreeOutput Output { get; set; } = TreeOutput.Nodes;
}

/// <summary>
/// Reads events (files, streams, pipeline text, or event objects), merges their lineages into process trees and,
/// at <see cref="Complete"/>, emits the result: nodes, text lines or one graph document. Reading errors and tree
/// warnings (contradictory lineages, loops) reach the sink as they happen; nothing is emitted before the last event
/// since a later event can still change the tree.
/// </summary>
public sealed class TreeCommandRunner
{
    private readonly TreeCommandOptions _options;
    private readonly ICommandSink _sink;
    private readonly ProcessTreeRunner _tree;

    /// <summary>Throws <see cref="ArgumentException"/> for unusable options before anything is read.</summary>
    public TreeCommandRunner(TreeCommandOptions options, ICommandSink sink)
    {
        _options = options;
        _sink = sink;
        _tree = new ProcessTreeRunner(options.Tree, warning => sink.Warning(warning.Message));
        Reader = new GetEventsRunner(options.Read, new IntoTree(this));
    }

    /// <summary>Reads files, streams and pipeline text; its events go into the tree.</summary>
    public GetEventsRunner Reader { get; }

    /// <summary>Adds an event object (from the pipeline), if it passes the read filter.</summary>
    public void Add(CsmEvent evt)
    {
        _sink.Cancellation.ThrowIfCancellationRequested();
        if (_options.Read.Filter.Matches(evt)) _tree.Add(evt);
    }

    /// <summary>Builds the tree and emits it.</summary>
    public ProcessTreeResult Complete()
    {
        var result = _tree.Complete();
        var stats = Reader.Statistics;
        string read = stats.Records > 0 || stats.FilesRead > 0 ? ReadReport.Total(stats, null).TrimEnd('.') + "; " : "Done: ";
        _sink.Verbose(read + ReadReport.Count(result.EventCount, "event") + " in the tree, " +
            result.ProcessCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + (result.ProcessCount == 1 ? " process" : " processes") + " merged" +
            (result.EventsWithoutProcess > 0 ? ", " + ReadReport.Count(result.EventsWithoutProcess, "event") + " without a process" : string.Empty) + ".");
        switch (_options.Output)
        {
            case TreeOutput.Nodes:
                foreach (var node in result.Nodes) _sink.Emit(node);
                break;
            case TreeOutput.Text:
                foreach (string line in result.ToTextLines()) _sink.Emit(line);
                break;
            case TreeOutput.Dot:
                _sink.Emit(result.ToDot());
                break;
            case TreeOutput.Mermaid:
                _sink.Emit(result.ToMermaid());
                break;
            default:
                _sink.Emit(result.ToJson(indented: true));
                break;
        }
        return result;
    }

    /// <summary>Routes the events the reader emits into the tree; everything else goes to the real sink.</summary>
    private sealed class IntoTree : ICommandSink
    {
        private readonly TreeCommandRunner _owner;

        public IntoTree(TreeCommandRunner owner) => _owner = owner;

        public CancellationToken Cancellation => _owner._sink.Cancellation;
        public void Emit(object item) => _owner._tree.Add((CsmEvent)item);
        public void Error(CsmError error) => _owner._sink.Error(error);
        public void Warning(string message) => _owner._sink.Warning(message);
        public void Verbose(string message) => _owner._sink.Verbose(message);
        public void Progress(CsmProgress progress) => _owner._sink.Progress(progress);
    }
}
