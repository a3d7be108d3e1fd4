using System;
using System.Collections.Generic;
using CsmEvents.ProcessTree.Rendering;

namespace CsmEvents.ProcessTree;

/// <summary>
/// A built process tree as selected by the options: the nodes in tree order, the roots of the output, what was
/// read, and the renderings. Every rendering escapes names, command lines, paths and hosts for terminals.
/// </summary>
public sealed class ProcessTreeResult
{
    internal ProcessTreeResult(List<ProcessNode> nodes, List<ProcessNode> roots, ProcessTreeOptions options, LineageMerger merger)
    {
        Nodes = nodes.AsReadOnly();
        Roots = roots.AsReadOnly();
        HasSelection = options.HasSelection;
        IncludesEvents = options.IncludeEvents;
        Warnings = new List<ProcessTreeWarning>(merger.Warnings).AsReadOnly();
        WarningCount = merger.WarningCount;
        EventCount = merger.EventCount;
        EventsWithoutProcess = merger.EventsWithoutProcess;
        int processes = 0;
        foreach (var p in merger.Processes) if (!p.IsGap) processes++;
        ProcessCount = processes;
    }

    /// <summary>Every node of the output in tree order: depth first, roots grouped by host (ordinal order),
    /// children and roots in start-time order.</summary>
    public IReadOnlyList<ProcessNode> Nodes { get; }

    /// <summary>The roots of the output (tree roots, selected nodes, or tops of shown lineages).</summary>
    public IReadOnlyList<ProcessNode> Roots { get; }

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
    public IReadOnlyList<string> ToTextLines() => TextTreeRenderer.Lines(Nodes).AsReadOnly();

    /// <summary>A Graphviz DOT document.</summary>
    public string ToDot() => DotRenderer.Render(Nodes, HasSelection);

    /// <summary>A Mermaid flowchart document.</summary>
    public string ToMermaid() => MermaidRenderer.Render(Nodes, HasSelection);

    /// <summary>The JSON document <c>{"roots":[NODE...]}</c> with NODE = {pid, ppid, name, path, commandLine, user,
    /// execTime, forkTime, exitTime, host, container, depth, eventCount, eventTypes, rules, firstSeen, lastSeen,
    /// flags, selected, [events,] children}.</summary>
    public string ToJson(bool indented = false) => JsonTreeRenderer.Render(Roots, IncludesEvents, indented);

    /// <summary>The document in <paramref name="format"/>; text lines are joined with "\n". No trailing newline.</summary>
    public string Render(ProcessTreeFormat format) => format switch
    {
        ProcessTreeFormat.Text => string.Join("\n", ToTextLines()),
        ProcessTreeFormat.Dot => ToDot(),
        ProcessTreeFormat.Mermaid => ToMermaid(),
        ProcessTreeFormat.Json => ToJson(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown process tree format."),
    };
}
