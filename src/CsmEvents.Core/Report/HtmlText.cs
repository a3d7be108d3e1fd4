using System.IO;
using System.Text;
using CsmEvents.Text;

namespace CsmEvents.Report;

/// <summary>
/// Escaping for the parts of the report page that are written on the server: HTML text, quoted attribute values and
/// SVG text (SVG inside HTML is parsed by the same rules). Every string that came from an event goes through
/// <see cref="Display"/> first: control characters, bidirectional overrides and lone surrogates become visible
/// escapes (<c>\n</c>, <c>\x1b</c>, <c>\u202e</c>), so a crafted name can neither break the layout nor reorder what is
/// shown. Then <c>&amp; &lt; &gt; " '</c> become character references, which is safe in text and in single- or
/// double-quoted attributes alike. Never used to build URLs, scripts or style: the page puts no event text there.
/// </summary>
internal static class HtmlText
{
    /// <summary>The visible form of untrusted text (same escapes as on terminals); null becomes "".</summary>
    public static string Display(string? text) => TerminalText.Escape(text) ?? string.Empty;

    /// <summary>Writes <paramref name="text"/> escaped for HTML text or a quoted attribute value.</summary>
    public static void Write(TextWriter w, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        int start = 0;
        for (int i = 0; i < text!.Length; i++)
        {
            string? entity = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (entity == null) continue;
            if (i > start) w.Write(text.Substring(start, i - start));
            w.Write(entity);
            start = i + 1;
        }
        if (start < text.Length) w.Write(start == 0 ? text : text.Substring(start));
    }

    /// <summary>Writes untrusted event text: <see cref="Display"/>, then escaped.</summary>
    public static void WriteUntrusted(TextWriter w, string? text) => Write(w, Display(text));

    /// <summary>The escaped form of <paramref name="text"/>, for tests and small pieces.</summary>
    public static string Escape(string? text)
    {
        var sw = new StringWriter(new StringBuilder());
        Write(sw, text);
        return sw.ToString();
    }
}
