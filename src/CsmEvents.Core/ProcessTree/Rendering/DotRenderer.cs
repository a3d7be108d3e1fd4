using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CsmEvents.ProcessTree.Rendering;

/// <summary>
/// Graphviz DOT. Nodes are <c>n1</c>, <c>n2</c>, ... in tree order, grouped in one <c>cluster_K</c> per host.
/// A label is the title and flags, then the command line (or path), then the event count, one per line.
/// Gap nodes are dashed, selected nodes bold. Labels are escaped for terminals first, then for DOT
/// (backslash and double quote), so no label can end the string or inject DOT escapes.
/// </summary>
internal static class DotRenderer
{
    public static string Render(IReadOnlyList<ProcessNode> nodes, bool markSelected)
    {
        var sb = new StringBuilder();
        sb.Append("digraph processes {\n");
        sb.Append("  node [shape=box];\n");
        var ids = new Dictionary<ProcessNode, string>(nodes.Count);
        string? host = null;
        int cluster = 0;
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.Depth == 0 && node.Host != host)
            {
                if (host != null) sb.Append("  }\n");
                host = node.Host;
                cluster++;
                sb.Append("  subgraph cluster_").Append(cluster.ToString(CultureInfo.InvariantCulture)).Append(" {\n");
                sb.Append("    label=\"").Append(Quote(TextTreeRenderer.HostHeading(host))).Append("\";\n");
            }
            string id = "n" + (i + 1).ToString(CultureInfo.InvariantCulture);
            ids[node] = id;
            sb.Append("    ").Append(id).Append(" [label=\"").Append(Label(node, markSelected)).Append('"');
            if (node.IsGap) sb.Append(", style=dashed");
            else if (markSelected && node.IsSelected) sb.Append(", style=bold");
            sb.Append("];\n");
            if (node.Parent != null) sb.Append("    ").Append(ids[node.Parent]).Append(" -> ").Append(id).Append(";\n");
        }
        if (host != null) sb.Append("  }\n");
        sb.Append('}');
        return sb.ToString();
    }

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
