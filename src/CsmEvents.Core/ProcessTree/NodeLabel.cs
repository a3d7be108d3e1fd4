using System.Collections.Generic;
using System.Globalization;
using CsmEvents.Text;

namespace CsmEvents.ProcessTree;

/// <summary>
/// The words every renderer shows for a node, already escaped for terminals:
/// title <c>name (pid)</c>, flags <c>exec, thread, orphan, gap, kworker</c> (+ <c>selected</c> when a selection
/// is active), the event count, and the detail (command line, else executable path).
/// </summary>
internal static class NodeLabel
{
    /// <summary>What a gap node is called.</summary>
    public const string GapTitle = "(ancestors left out)";

    public static string Title(ProcessNode n)
    {
        if (n.IsGap) return GapTitle;
        string pid = n.Pid.HasValue ? n.Pid.Value.ToString(CultureInfo.InvariantCulture) : "?";
        return TerminalText.Escape(n.Name ?? "?") + " (" + pid + ")";
    }

    public static string Flags(ProcessNode n, bool markSelected)
    {
        return string.Join(", ", ProcessNodeFlagNames.Of(n.Flags, markSelected && n.IsSelected));
    }

    public static string? Detail(ProcessNode n) => TerminalText.Escape(n.CommandLine ?? n.Path);

    public static string? Events(ProcessNode n)
    {
        if (n.EventCount == 0) return null;
        return n.EventCount == 1 ? "1 event" : n.EventCount.ToString(CultureInfo.InvariantCulture) + " events";
    }

    /// <summary>One-line form used by the text tree: <c>sh (4242) [exec] 1 event: sh -c id</c>.</summary>
    public static string Text(ProcessNode n, bool markSelected)
    {
        string line = Title(n);
        string flags = Flags(n, markSelected);
        if (flags.Length > 0) line += " [" + flags + "]";
        string? events = Events(n);
        if (events != null) line += " " + events;
        string? detail = Detail(n);
        if (detail != null) line += ": " + detail;
        return line;
    }

    /// <summary>Title and flags, for the first line of a graph node.</summary>
    public static string Heading(ProcessNode n, bool markSelected)
    {
        string flags = Flags(n, markSelected);
        return flags.Length > 0 ? Title(n) + " [" + flags + "]" : Title(n);
    }
}
