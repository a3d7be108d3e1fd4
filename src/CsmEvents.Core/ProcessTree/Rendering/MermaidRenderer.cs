using System.Collections.Generic;
using System.Globalization;
using System.IO;
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
    /// <summary>Writes the document, node by node, in tree order; no trailing newline.</summary>
    public static void Write(IEnumerable<ProcessNode> nodes, bool markSelected, TextWriter w)
    {
        w.Write("flowchart TD\n");
        w.Write("  classDef gap stroke-dasharray: 5 5\n");
        w.Write("  classDef selected stroke-width: 3px");
        string? host = null;
        int group = 0;
        foreach (var node in nodes)
        {
            if (node.Depth == 0 && node.Host != host)
            {
                if (host != null) w.Write("\n  end");
                host = node.Host;
                group++;
                w.Write("\n  subgraph h");
                w.Write(group.ToString(CultureInfo.InvariantCulture));
                w.Write("[\"");
                w.Write(Entities(TextTreeRenderer.HostHeading(host)));
                w.Write("\"]");
            }
            string id = DotRenderer.Id(node);
            w.Write("\n    ");
            w.Write(id);
            w.Write("[\"");
            w.Write(Label(node, markSelected));
            w.Write("\"]");
            if (node.IsGap) w.Write(":::gap");
            else if (markSelected && node.IsSelected) w.Write(":::selected");
            if (node.Parent != null)
            {
                w.Write("\n    ");
                w.Write(DotRenderer.Id(node.Parent));
                w.Write(node.IsGap || node.Parent.IsGap ? " -.-> " : " --> ");
                w.Write(id);
            }
        }
        if (host != null) w.Write("\n  end");
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
