using System;
using System.Collections.Generic;
using System.IO;
using CsmEvents.ProcessTree.Rendering;

namespace CsmEvents.ProcessTree;

/// <summary>
/// A built process tree as selected by the options: the nodes in tree order, the roots of the output, what was
/// read, and the renderings. Every rendering escapes names, command lines, paths and hosts for terminals.
/// <para>The node objects are made when first asked for (<see cref="Nodes"/>, <see cref="Roots"/>); the
/// renderings and <see cref="WriteTo"/> make their own short-lived nodes one at a time, so writing the tree of a
/// million processes needs no more memory than the merged processes themselves.</para>
/// </summary>
public sealed class ProcessTreeResult
{
    private readonly TreeView _view;
    private List<ProcessNode>? _nodes;
    private List<ProcessNode>? _roots;

    internal ProcessTreeResult(TreeView view, ProcessTreeOptions options, LineageMerger merger)
    {
        _view = view;
        HasSelection = options.HasSelection;
        IncludesEvents = options.IncludeEvents;
        Warnings = new List<ProcessTreeWarning>(merger.Warnings).AsReadOnly();
        WarningCount = merger.WarningCount;
        EventCount = merger.EventCount;
        EventsWithoutProcess = merger.EventsWithoutProcess;
        int processes = 0;
        foreach (var p in merger.Processes) if (!p.IsGap && !p.IsDetached) processes++;
        ProcessCount = processes;
    }

    /// <summary>Every node of the output in tree order: depth first, roots grouped by host (ordinal order),
    /// children and roots in start-time order.</summary>
    public IReadOnlyList<ProcessNode> Nodes => Built().AsReadOnly();

    /// <summary>The roots of the output (tree roots, selected nodes, or tops of shown lineages).</summary>
    public IReadOnlyList<ProcessNode> Roots
    {
        get
        {
            Built();
            return _roots!.AsReadOnly();
        }
    }

    /// <summary>True when the options selected nodes by pid or name.</summary>
    public bool HasSelection { get; }

    /// <summary>True when the nodes carry their events.</summary>
    public bool IncludesEvents { get; }

    /// <summary>The warnings raised while merging (the first 10,000; all went to the callback).</summary>
    public IReadOnlyList<ProcessTreeWarning> Warnings { get; }

    /// <summary>How many warnings were raised in all.</summary>
    public long WarningCount { get; }

    /// <summary>Events added.</summary>
    public long EventCount { get; }

    /// <summary>Events that could not be placed: no process section (agent events), or no pid.</summary>
    public long EventsWithoutProcess { get; }

    /// <summary>Distinct processes merged from all events (before host filter and selection; gaps not counted).</summary>
    public int ProcessCount { get; }

    /// <summary>The text tree, one string per line (see <see cref="ProcessTreeFormat.Text"/>).</summary>
    public IReadOnlyList<string> ToTextLines() => new List<string>(TextLines()).AsReadOnly();

    /// <summary>The text tree line by line, made as they are read (for writing a large tree without holding it).</summary>
    public IEnumerable<string> TextLines() => TextTreeRenderer.Lines(NodesInOrder());

    /// <summary>A Graphviz DOT document.</summary>
    public string ToDot() => Render(ProcessTreeFormat.Dot);

    /// <summary>A Mermaid flowchart document.</summary>
    public string ToMermaid() => Render(ProcessTreeFormat.Mermaid);

    /// <summary>The JSON document <c>{"roots":[NODE...]}</c> with NODE = {pid, ppid, name, path, commandLine, user,
    /// execTime, forkTime, exitTime, host, container, depth, eventCount, eventTypes, rules, firstSeen, lastSeen,
    /// flags, selected, [events,] children}.</summary>
    public string ToJson(bool indented = false)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WriteTo(writer, ProcessTreeFormat.Json, indented);
        return writer.ToString();
    }

    /// <summary>The document in <paramref name="format"/>; text lines are joined with "\n". No trailing newline.</summary>
    public string Render(ProcessTreeFormat format)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteTo(writer, format);
        return writer.ToString();
    }

    /// <summary>Writes the document in <paramref name="format"/> to <paramref name="writer"/> as it is made, without
    /// a trailing newline; text lines are separated by "\n"; <paramref name="indented"/> indents JSON.</summary>
    public void WriteTo(TextWriter writer, ProcessTreeFormat format, bool indented = false)
    {
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        switch (format)
        {
            case ProcessTreeFormat.Text:
                bool first = true;
                foreach (string line in TextLines())
                {
                    if (!first) writer.Write('\n');
                    writer.Write(line);
                    first = false;
                }
                break;
            case ProcessTreeFormat.Dot:
                DotRenderer.Write(NodesInOrder(), HasSelection, writer);
                break;
            case ProcessTreeFormat.Mermaid:
                MermaidRenderer.Write(NodesInOrder(), HasSelection, writer);
                break;
            case ProcessTreeFormat.Json:
                JsonTreeRenderer.Write(NodesInOrder(), IncludesEvents, indented, writer);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown process tree format.");
        }
    }

    private List<ProcessNode> Built()
    {
        if (_nodes != null) return _nodes;
        var nodes = new List<ProcessNode>();
        var roots = new List<ProcessNode>();
        foreach (var node in _view.Walk(linkChildren: true))
        {
            nodes.Add(node);
            if (node.Parent == null) roots.Add(node);
        }
        _roots = roots;
        return _nodes = nodes;
    }

    /// <summary>The built nodes when they exist, else short-lived ones made in the same order.</summary>
    private IEnumerable<ProcessNode> NodesInOrder() => (IEnumerable<ProcessNode>?)_nodes ?? _view.Walk(linkChildren: false);
}
