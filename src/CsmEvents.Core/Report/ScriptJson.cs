using System.IO;
using System.Text;

namespace CsmEvents.Report;

/// <summary>
/// Makes JSON text safe inside an HTML <c>&lt;script type="application/json"&gt;</c> element: <c>&lt;</c>, <c>&gt;</c>
/// and <c>&amp;</c> become <c>\u003c</c>, <c>\u003e</c>, <c>\u0026</c> (so no <c>&lt;/script&gt;</c> or
/// <c>&lt;!--</c> can end or bend the element), and U+2028/U+2029 become <c>\u2028</c>/<c>\u2029</c>. In JSON these
/// characters can only occur inside strings, where the escape is the same value: <c>JSON.parse</c> returns exactly the
/// strings that were written.
/// </summary>
internal static class ScriptJson
{
    public static void Write(TextWriter w, string json)
    {
        int start = 0;
        for (int i = 0; i < json.Length; i++)
        {
            string? escape = json[i] switch
            {
                '<' => "\\u003c",
                '>' => "\\u003e",
                '&' => "\\u0026",
                '\u2028' => "\\u2028",
                '\u2029' => "\\u2029",
                _ => null,
            };
            if (escape == null) continue;
            if (i > start) w.Write(json.Substring(start, i - start));
            w.Write(escape);
            start = i + 1;
        }
        if (start < json.Length) w.Write(start == 0 ? json : json.Substring(start));
    }

    public static string Escape(string json)
    {
        var sw = new StringWriter(new StringBuilder(json.Length + 16));
        Write(sw, json);
        return sw.ToString();
    }
}
