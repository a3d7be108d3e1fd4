using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CsmEvents.ProcessTree.Rendering;

/// <summary>
/// Mermaid <c>flowchart TD</c>. Nodes are <c>n1</c>, <c>n2</c>, ... in tree order inside one subgraph
/// <c>hK</c> per host; labels as in DOT, lines joined with <c>&lt;br/&gt;</c>. Edges to gap nodes are dotted;
/// gap and selected nodes get the classes <c>gap</c> and <c>selected</c>. Label text is escaped for terminals,
/// then with Mermaid entity codes for <c>" # &amp; &lt; &gt;</c> and backtick, so a name cannot close the
/// label, inject HTML or start a markdown string.
/// </summary>
internal static class MermaidRenderer
{
    public static string Render(IReadOnlyList<ProcessNode> nodes, bool markSelected)
    {
        var sb = new StringBuilder();
        sb.Append("flowchart TD\n");
        sb.Append("  classDef gap stroke-dasharray: 5 5\n");
        sb.Append("  classDef selected stroke-width: 3px\n");
        var ids = new Dictionary<ProcessNode, string>(nodes.Count);
        string? host = null;
        int group = 0;
        for (int i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.Depth == 0 && node.Host != host)
            {
                if (host != null) sb.Append("  end\n");
                host = node.Host;
                group++;
                sb.Append("  subgraph h").Append(group.ToString(CultureInfo.InvariantCulture))
                  .Append("[\"").Append(Entities(TextTreeRenderer.HostHeading(host))).Append("\"]\n");
            }
            string id = "n" + (i + 1).ToString(CultureInfo.InvariantCulture);
            ids[node] = id;
            sb.Append("    ").Append(id).Append("[\"").Append(Label(node, markSelected)).Append("\"]");
            if (node.IsGap) sb.Append(":::gap");
            else if (markSelected && node.IsSelected) sb.Append(":::selected");
            sb.Append('\n');
            if (node.Parent != null)
            {
                string arrow = node.IsGap || node.Parent.IsGap ? " -.-> " : " --> ";
                sb.Append("    ").Append(ids[node.Parent]).Append(arrow).Append(id).Append('\n');
            }
        }
        if (host != null) sb.Append("  end");
        else sb.Length--; // no trailing newline after the last line
        return sb.ToString();
    }

    private static string Label(ProcessNode node, bool markSelected)
    {
        var parts = new List<string> { Entities(NodeLabel.Heading(node, markSelected)) };
        string? detail = NodeLabel.Detail(node);
        if (detail != null) parts.Add(Entities(detail));
        string? events = NodeLabel.Events(node);
        if (events != null) parts.Add(Entities(events));
        return string.Join("<br/>", parts);
    }

    private static string Entities(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            string? entity = text[i] switch
            {
                '"' => "#quot;",
                '#' => "#35;",
                '&' => "#amp;",
                '<' => "#lt;",
                '>' => "#gt;",
                '`' => "#96;",
                _ => null,
            };
            if (entity == null)
            {
                sb?.Append(text[i]);
                continue;
            }
            if (sb == null) sb = new StringBuilder(text, 0, i, text.Length + 16);
            sb.Append(entity);
        }
        return sb?.ToString() ?? text;
    }
}
