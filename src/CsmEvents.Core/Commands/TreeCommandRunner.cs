using System;
using System.IO;
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

    private readonly TextWriter? _output;

    /// <summary>Throws <see cref="ArgumentException"/> for unusable options before anything is read.</summary>
    /// <param name="options">What to read, select and produce.</param>
    /// <param name="sink">Receives nodes, lines or the document, errors and warnings.</param>
    /// <param name="output">When given, text lines and documents are written there as they are made (a console),
    /// instead of being emitted to the sink; node objects still go to the sink.</param>
    public TreeCommandRunner(TreeCommandOptions options, ICommandSink sink, TextWriter? output = null)
    {
        _options = options;
        _sink = sink;
        _output = output;
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

    /// <summary>Builds the tree and emits it: node objects, or text lines one by one, or one document (written
    /// to the output writer as it is made when there is one). A line or document ends with a newline on the
    /// output writer.</summary>
    public ProcessTreeResult Complete()
    {
        var result = _tree.Complete();
        var stats = Reader.Statistics;
        string read = stats.Records > 0 || stats.FilesRead > 0 ? ReadReport.Total(stats, null).TrimEnd('.') + "; " : "Done: ";
        _sink.Verbose(read + ReadReport.Count(result.EventCount, "event") + " in the tree, " +
            result.ProcessCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + (result.ProcessCount == 1 ? " process" : " processes") + " merged" +
            (result.EventsWithoutProcess > 0 ? ", " + ReadReport.Count(result.EventsWithoutProcess, "event") + " without a process" : string.Empty) + ".");
        if (_options.Output == TreeOutput.Nodes)
        {
            foreach (var node in result.Nodes) _sink.Emit(node);
            return result;
        }
        if (_options.Output == TreeOutput.Text)
        {
            foreach (string line in result.TextLines())
            {
                _sink.Cancellation.ThrowIfCancellationRequested();
                if (_output != null) _output.Write(line + "\n");
                else _sink.Emit(line);
            }
            return result;
        }
        var format = _options.Output switch
        {
            TreeOutput.Dot => ProcessTreeFormat.Dot,
            TreeOutput.Mermaid => ProcessTreeFormat.Mermaid,
            _ => ProcessTreeFormat.Json,
        };
        if (_output != null)
        {
            result.WriteTo(_output, format, indented: true);
            _output.Write('\n');
        }
        else
        {
            _sink.Emit(format == ProcessTreeFormat.Json ? result.ToJson(indented: true) : result.Render(format));
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
