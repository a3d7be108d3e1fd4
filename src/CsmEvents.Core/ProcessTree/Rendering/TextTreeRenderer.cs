using System.Collections.Generic;
using CsmEvents.Text;

namespace CsmEvents.ProcessTree.Rendering;

/// <summary>
/// The text tree: before the roots of each host a line <c>host: NAME</c>, then one line per node (a root has no
/// branch; children are drawn with <c>├─ </c>/<c>└─ </c> and continued with <c>│  </c>).
/// </summary>
internal static class TextTreeRenderer
{
    public static IEnumerable<string> Lines(IEnumerable<ProcessNode> nodes)
    {
        string? host = null;
        foreach (var node in nodes)
        {
            if (node.Depth == 0 && node.Host != host)
            {
                host = node.Host;
                yield return HostHeading(host);
            }
            yield return node.TreeLine;
        }
    }

    /// <summary><c>host: NAME</c>, or <c>host: (unknown)</c> when neither the event nor the caller named one.</summary>
    public static string HostHeading(string host) => "host: " + (host.Length == 0 ? "(unknown)" : TerminalText.Escape(host));
}
