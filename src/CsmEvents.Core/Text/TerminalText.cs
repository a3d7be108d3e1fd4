using System.Globalization;
using System.Text;

namespace CsmEvents.Text;

/// <summary>
/// Makes untrusted text (process names, command lines, paths, host names from events) safe to print on a
/// terminal. An attacker controls what a process calls itself; printed raw, an escape sequence in a name could
/// move the cursor, repaint earlier lines or change the window title, and a newline could fake extra tree lines.
/// </summary>
public static class TerminalText
{
    /// <summary>
    /// Returns <paramref name="text"/> with every character that can change how a terminal draws replaced by a
    /// visible escape: newline → <c>\n</c>, carriage return → <c>\r</c>, tab → <c>\t</c>, other C0 controls, DEL and
    /// C1 controls → <c>\xNN</c> (ESC → <c>\x1b</c>, CSI → <c>\x9b</c>); line/paragraph separators, bidirectional
    /// overrides and isolates (which reorder what is displayed) and unpaired surrogates → <c>\uNNNN</c>.
    /// Backslashes are kept as they are, so Windows paths stay readable. Returns the same instance when nothing
    /// needs escaping; null stays null.
    /// </summary>
    public static string? Escape(string? text)
    {
        if (text == null) return null;
        int first = FirstUnsafe(text);
        if (first < 0) return text;

        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[i + 1]); // a well-formed pair is an ordinary character (emoji, CJK extension)
                i++;
                continue;
            }
            if (!IsUnsafe(c))
            {
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c <= '\u00ff') sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>True when <see cref="Escape"/> would change the text.</summary>
    public static bool NeedsEscaping(string? text) => text != null && FirstUnsafe(text) >= 0;

    private static int FirstUnsafe(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (IsUnsafe(c)) return i;
        }
        return -1;
    }

    // Called only for characters that are not part of a valid surrogate pair.
    private static bool IsUnsafe(char c)
    {
        if (c < '\u0020' || (c >= '\u007f' && c <= '\u009f')) return true; // C0, DEL, C1 (includes 8-bit CSI)
        if (c < '\u2028') return false;                                   // fast exit for almost all text
        if (c <= '\u2029') return true;                                   // line / paragraph separator
        if (c >= '\u202a' && c <= '\u202e') return true;                  // bidi embeddings and overrides
        if (c >= '\u2066' && c <= '\u2069') return true;                  // bidi isolates
        return char.IsSurrogate(c);                                       // a lone half of a pair
    }
}
