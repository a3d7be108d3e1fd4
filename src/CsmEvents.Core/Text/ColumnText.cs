using System;
using System.Globalization;
using CsmEvents.Model;

namespace CsmEvents.Text;

/// <summary>
/// Text for the fixed-width columns of the default table views (CsmEvents.Format.ps1xml), built for a
/// 120-column terminal. Each method escapes first (<see cref="TerminalText.Escape"/>, so the width counts what is
/// shown) and then shortens to the column's width with "…" where text was left out, keeping the part a responder
/// tells events apart by. PowerShell can only cut the end of a value, which loses the file name of a long path;
/// these keep the end of paths and command lines, the pid of a process and both names of a rename.
/// Widths count UTF-16 characters (a surrogate pair is never split); wide East Asian characters take two cells
/// on a terminal, so such text may still be cut by PowerShell at the end.
/// </summary>
public static class ColumnText
{
    /// <summary>Marks where text was left out.</summary>
    public const string Ellipsis = "…";

    /// <summary>The end of <paramref name="text"/>, escaped, in at most <paramref name="width"/> characters:
    /// "…" and the last width − 1 characters. Null stays null.</summary>
    public static string? KeepEnd(string? text, int width)
    {
        CheckWidth(width);
        string? escaped = TerminalText.Escape(text);
        return escaped == null ? null : EndOf(escaped, width);
    }

    /// <summary>The start of <paramref name="text"/>, escaped, in at most <paramref name="width"/> characters:
    /// the first width − 1 characters and "…". Null stays null.</summary>
    public static string? KeepStart(string? text, int width)
    {
        CheckWidth(width);
        string? escaped = TerminalText.Escape(text);
        return escaped == null ? null : StartOf(escaped, width);
    }

    /// <summary>A path (or <c>path:line</c>, or <c>DOMAIN\user</c>), escaped, in at most <paramref name="width"/>
    /// characters, kept from its end: <c>…\Public\update.exe</c>, <c>…/linux/incident-web01.jsonl:12</c>. The cut
    /// falls on a separator (/ or \) so that the first segment shown is whole, unless that would leave out more
    /// than half of the width; then it falls inside the segment. Null stays null.</summary>
    public static string? KeepPathEnd(string? path, int width)
    {
        CheckWidth(width);
        string? escaped = TerminalText.Escape(path);
        return escaped == null ? null : PathEndOf(escaped, width);
    }

    /// <summary>The last segment of a path (the file name), escaped, kept from its start in at most
    /// <paramref name="width"/> characters: a schema file <c>/etc/csm/backend_linux.schema.json</c> shows as
    /// <c>backend_linux.sc…</c>; a name without separator (<c>windows</c>) as it is. Null stays null.</summary>
    public static string? FileName(string? path, int width)
    {
        CheckWidth(width);
        string? escaped = TerminalText.Escape(path);
        if (escaped == null) return null;
        int last = escaped.LastIndexOfAny(Separators);
        string leaf = last >= 0 && last < escaped.Length - 1 ? escaped.Substring(last + 1) : escaped;
        return StartOf(leaf, width);
    }

    /// <summary><c>name (pid)</c> in at most <paramref name="width"/> characters: a long name is cut at its end so
    /// that the pid stays (<c>powershell… (8164)</c>). An unknown name shows as <c>?</c>; without a pid, the name
    /// alone.</summary>
    public static string NameAndPid(string? name, long? pid, int width)
    {
        CheckWidth(width);
        string title = TerminalText.Escape(name) ?? "?";
        if (!pid.HasValue) return StartOf(title, width);
        string suffix = " (" + pid.Value.ToString(CultureInfo.InvariantCulture) + ")";
        if (title.Length + suffix.Length <= width) return title + suffix;
        int keep = width - suffix.Length - Ellipsis.Length;
        if (keep < 1) return StartOf(title + suffix, width);
        return StartOf(title, keep + Ellipsis.Length) + suffix;
    }

    /// <summary>The event's <see cref="CsmEvent.Target"/>, escaped, in at most <paramref name="width"/> characters,
    /// kept from its most telling end: a path, registry key or permission object from its end on a separator
    /// (<c>…\Run [OneDriveUpdate]</c>); a command line from its end, where the arguments are (the program is in
    /// the Process column), on a separator or a space (<c>…\Public\stage.ps1</c>, <c>…/grant Everyone:F</c>); a
    /// rename with both names (<c>…\stage.tmp -> …\update.exe</c>). Null when the event has no target.</summary>
    public static string? Target(CsmEvent e, int width)
    {
        if (e == null) throw new ArgumentNullException(nameof(e));
        CheckWidth(width);
        string? target = e.Target;
        if (target == null) return null;
        var file = e.File;
        string? destination = file?.Destination?.Path;
        if (destination != null && file!.Path != null && target == file.Path + RenameArrow + destination)
        {
            return Rename(TerminalText.Escape(file.Path)!, TerminalText.Escape(destination)!, width);
        }
        string escaped = TerminalText.Escape(target)!;
        string? commandLine = e.Process?.CommandLine;
        return commandLine != null && target == commandLine ? PathEndOf(escaped, width, wordsToo: true) : PathEndOf(escaped, width);
    }

    private const string RenameArrow = " -> ";
    private static readonly char[] Separators = { '/', '\\' };
    private static readonly char[] SeparatorsAndSpace = { '/', '\\', ' ' };

    // Both names of a rename, each kept from its end: the source gets at most half of the room (more when the
    // destination is short), the destination what the source leaves.
    private static string Rename(string source, string destination, int width)
    {
        string whole = source + RenameArrow + destination;
        if (whole.Length <= width) return whole;
        int room = width - RenameArrow.Length;
        if (room < 2 * (Ellipsis.Length + 1)) return PathEndOf(whole, width);
        string shownSource = PathEndOf(source, Math.Min(source.Length, Math.Max(room / 2, room - destination.Length)));
        return shownSource + RenameArrow + PathEndOf(destination, room - shownSource.Length);
    }

    private static string EndOf(string escaped, int width)
    {
        if (escaped.Length <= width) return escaped;
        return Ellipsis + escaped.Substring(CutForEnd(escaped, width));
    }

    // The end, cut where a segment starts: at a / or \ (kept), or with wordsToo after a space (a command line's
    // next argument).
    private static string PathEndOf(string escaped, int width, bool wordsToo = false)
    {
        if (escaped.Length <= width) return escaped;
        int start = CutForEnd(escaped, width);
        if (start >= escaped.Length) return Ellipsis;
        bool segmentStart = IsSeparator(escaped[start]) || IsSeparator(escaped[start - 1]) || (wordsToo && escaped[start - 1] == ' ');
        if (!segmentStart)
        {
            int next = escaped.IndexOfAny(wordsToo ? SeparatorsAndSpace : Separators, start);
            if (next >= 0 && escaped[next] == ' ') next++;
            // A whole first segment, unless the boundary would leave out more than half of the room.
            if (next >= 0 && escaped.Length - next >= (width - Ellipsis.Length + 1) / 2) start = next;
        }
        return Ellipsis + escaped.Substring(start);
    }

    private static string StartOf(string escaped, int width)
    {
        if (escaped.Length <= width) return escaped;
        int length = width - Ellipsis.Length;
        if (length > 0 && char.IsHighSurrogate(escaped[length - 1])) length--;
        return escaped.Substring(0, length) + Ellipsis;
    }

    // Where the kept end starts: width − 1 characters before the end, moved past the low half of a surrogate pair.
    private static int CutForEnd(string escaped, int width)
    {
        int start = escaped.Length - (width - Ellipsis.Length);
        if (start < escaped.Length && char.IsLowSurrogate(escaped[start])) start++;
        return start;
    }

    private static bool IsSeparator(char c) => c == '/' || c == '\\';

    private static void CheckWidth(int width)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "a column is at least one character wide");
    }
}
