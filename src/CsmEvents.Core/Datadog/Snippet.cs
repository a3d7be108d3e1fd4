using System;
using System.Text;

namespace CsmEvents.Datadog;

/// <summary>A short, single-line, quoted excerpt of a response body for error messages (an HTML proxy page, say).</summary>
internal static class Snippet
{
    public const int MaxLength = 120;

    /// <summary>Bytes decoded for an excerpt: far more than it shows, since runs of white space collapse.</summary>
    private const int DecodedBytes = 64 * 1024;

    /// <summary>The excerpt, with every key redacted before the text is cut (a key split by the cut would
    /// otherwise show in part).</summary>
    public static string Of(ReadOnlySpan<byte> body, SecretRedactor redactor)
    {
        if (body.IsEmpty) return "nothing (empty body)";
        int take = Math.Min(body.Length, DecodedBytes);
        string text = Encoding.UTF8.GetString(body.Slice(0, take).ToArray());
        return Quote(redactor.RedactWindow(text, cut: take < body.Length));
    }

    public static string Quote(string text)
    {
        var sb = new StringBuilder(MaxLength + 5);
        sb.Append('"');
        int written = 0;
        bool lastWasSpace = false;
        foreach (char c in text)
        {
            if (written == MaxLength) { sb.Append("..."); break; }
            // Newlines and tabs would break the one-line message; collapse runs of white space.
            bool space = char.IsWhiteSpace(c) || char.IsControl(c);
            if (space && lastWasSpace) continue;
            sb.Append(space ? ' ' : c);
            lastWasSpace = space;
            written++;
        }
        sb.Append('"');
        return sb.ToString();
    }
}
