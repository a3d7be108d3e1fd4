using System;
using System.Collections.Generic;

namespace CsmEvents.ProcessTree;

/// <summary>
/// What to build and show. With no <see cref="Pids"/> and no <see cref="Names"/> the whole forest is shown.
/// Otherwise a node is selected when it has one of the pids OR its name matches one of the patterns, and the
/// output is, per <see cref="Ancestry"/>, the subtrees under the selected nodes or the lineages above them.
/// </summary>
public sealed class ProcessTreeOptions
{
    /// <summary>Select nodes with these process ids (every image of the pid, on every shown host).</summary>
    public IList<long> Pids { get; set; } = new List<long>();

    /// <summary>Select nodes whose comm or executable file name matches one of these wildcard patterns
    /// (<c>*</c>, <c>?</c>, <c>[a-z]</c>; case-insensitive; see <see cref="Text.Wildcard"/>).</summary>
    public IList<string> Names { get; set; } = new List<string>();

    /// <summary>Only show hosts matching one of these wildcard patterns. Empty: every host.</summary>
    public IList<string> Hosts { get; set; } = new List<string>();

    /// <summary>
    /// False (default): show each selected node with its subtree (a selected node inside another selected
    /// node's subtree is shown there, once). True: show only the lineage from each selected node up to its root;
    /// lineages that share ancestors are drawn as one tree, and the selected nodes are its leaves (or lie on
    /// another selected node's lineage).
    /// </summary>
    public bool Ancestry { get; set; }

    /// <summary>
    /// Depth limit; null = unlimited. Without selection or in subtree mode: levels shown below each root of the
    /// output (0 = the roots only). In <see cref="Ancestry"/> mode: ancestors shown above each selected node.
    /// </summary>
    public int? Depth { get; set; }

    /// <summary>Keep the events on the nodes (<see cref="ProcessNode.Events"/>). Off by default: memory then grows
    /// with the number of distinct processes, not of events.</summary>
    public bool IncludeEvents { get; set; }

    /// <summary>True when Pids or Names select nodes.</summary>
    public bool HasSelection => (Pids != null && Pids.Count > 0) || (Names != null && Names.Count > 0);

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> with a message for the user (negative
    /// depth, invalid wildcard pattern).</summary>
    public void Validate()
    {
        if (Depth.HasValue && Depth.Value < 0) throw new ArgumentOutOfRangeException(nameof(Depth), Depth.Value, "Depth must be 0 or more.");
        foreach (var pattern in Names ?? Array.Empty<string>()) _ = new Text.Wildcard(pattern ?? throw new ArgumentException("A name pattern is null.", nameof(Names)));
        foreach (var pattern in Hosts ?? Array.Empty<string>()) _ = new Text.Wildcard(pattern ?? throw new ArgumentException("A host pattern is null.", nameof(Hosts)));
    }
}
