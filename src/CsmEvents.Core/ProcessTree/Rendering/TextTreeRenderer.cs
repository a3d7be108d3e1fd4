using System.Collections.Generic;
using CsmEvents.Text;

namespace CsmEvents.ProcessTree.Rendering;

/// <summary>
/// The text tree: before the roots of each host a line <c>host: NAME</c>, then one line per node (a root has no
/// branch; children are drawn with <c>├─ </c>/<c>└─ </c> and continued with <c>│  </c>).
/// </summary>
internal static class TextTreeRenderer
{
    public static List<string> Lines(IReadOnlyList<ProcessNode> nodes)
    {
        var lines = new List<string>(nodes.Count + 4);
        string? host = null;
        foreach (var node in nodes)
        {
            if (node.Depth == 0 && node.Host != host)
            {
                host = node.Host;
                lines.Add(HostHeading(host));
            }
            lines.Add(node.TreeLine);
        }
        return lines;
    }

    /// <summary><c>host: NAME</c>, or <c>host: (unknown)</c> when neither the event nor the caller named one.</summary>
    public static string HostHeading(string host) => "host: " + (host.Length == 0 ? "(unknown)" : TerminalText.Escape(host));
}
