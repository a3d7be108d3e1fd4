using System.Text;

namespace CsmEvents.Text;

/// <summary>
/// Makes text from events safe to print on a terminal. Event strings (command lines, paths, names) are attacker
/// controlled: an escape sequence in a command line could otherwise repaint the screen or hide lines. Control
/// characters (C0, DEL, C1) become visible escapes (<c>\n</c>, <c>\t</c>, <c>\x1b</c>), and bidirectional
/// overrides become <c>\u202e</c>-style escapes. Everything else, including backslashes in Windows paths, is kept.
/// </summary>
public static class TerminalText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        int i = 0;
        while (i < text!.Length && !NeedsEscape(text[i])) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (!NeedsEscape(c)) sb.Append(c);
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c == '\t') sb.Append("\\t");
            else if (c < 0x100) sb.Append("\\x").Append(((int)c).ToString("x2"));
            else sb.Append("\\u").Append(((int)c).ToString("x4"));
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}
