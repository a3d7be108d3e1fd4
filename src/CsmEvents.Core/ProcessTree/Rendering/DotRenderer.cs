using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CsmEvents.ProcessTree.Rendering;

/// <summary>
/// Graphviz DOT. Nodes are <c>n1</c>, <c>n2</c>, ... in tree order, grouped in one <c>cluster_K</c> per host.
/// A label is the title and flags, then the command line (or path), then the event count, one per line.
/// Gap nodes are dashed, selected nodes bold. Labels are escaped for terminals first, then for DOT
/// (backslash and double quote), so no label can end the string or inject DOT escapes.
/// </summary>
internal static class DotRenderer
{
    /// <summary>Writes the document, node by node, in tree order (<paramref name="nodes"/> with their
    /// <see cref="ProcessNode.Number"/>); no trailing newline.</summary>
    public static void Write(IEnumerable<ProcessNode> nodes, bool markSelected, TextWriter w)
    {
        w.Write("digraph processes {\n");
        w.Write("  node [shape=box];\n");
        string? host = null;
        int cluster = 0;
        foreach (var node in nodes)
        {
            if (node.Depth == 0 && node.Host != host)
            {
                if (host != null) w.Write("  }\n");
                host = node.Host;
                cluster++;
                w.Write("  subgraph cluster_");
                w.Write(cluster.ToString(CultureInfo.InvariantCulture));
                w.Write(" {\n    label=\"");
                w.Write(Quote(TextTreeRenderer.HostHeading(host)));
                w.Write("\";\n");
            }
            string id = Id(node);
            w.Write("    ");
            w.Write(id);
            w.Write(" [label=\"");
            w.Write(Label(node, markSelected));
            w.Write('"');
            if (node.IsGap) w.Write(", style=dashed");
            else if (markSelected && node.IsSelected) w.Write(", style=bold");
            w.Write("];\n");
            if (node.Parent != null)
            {
                w.Write("    ");
                w.Write(Id(node.Parent));
                w.Write(" -> ");
                w.Write(id);
                w.Write(";\n");
            }
        }
        if (host != null) w.Write("  }\n");
        w.Write('}');
    }

    internal static string Id(ProcessNode node) => "n" + node.Number.ToString(CultureInfo.InvariantCulture);

    // Lines are joined with DOT's "\n" escape (centered line break), added after quoting the parts.
    private static string Label(ProcessNode node, bool markSelected)
    {
        var parts = new List<string> { NodeLabel.Heading(node, markSelected) };
        string? detail = NodeLabel.Detail(node);
        if (detail != null) parts.Add(detail);
        string? events = NodeLabel.Events(node);
        if (events != null) parts.Add(events);
        for (int i = 0; i < parts.Count; i++) parts[i] = Quote(parts[i]);
        return string.Join("\\n", parts);
    }

    private static string Quote(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
