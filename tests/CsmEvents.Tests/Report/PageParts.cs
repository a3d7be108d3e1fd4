using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CsmEvents.Tests.Report;

/// <summary>Takes a report page apart as a browser would see it: the CSP, the inline script and style, the model and
/// the events' JSON unpacked from the raw chunks.</summary>
internal sealed class PageParts
{
    public PageParts(string html)
    {
        Html = html;
        Csp = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").Groups[1].Value;
        Style = Between(html, "<style>", "</style>");
        Script = html.Substring(html.LastIndexOf("<script>", StringComparison.Ordinal) + 8);
        Script = Script.Substring(0, Script.IndexOf("</script>", StringComparison.Ordinal));
        ModelText = Between(html, "<script type=\"application/json\" id=\"csm-model\">", "</script>");
        Model = JsonDocument.Parse(ModelText).RootElement.Clone();
        RawChunks = Between(html, "<script type=\"application/octet-stream\" id=\"csm-raw\">", "</script>").Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public string Html { get; }
    public string Csp { get; }
    public string Style { get; }
    public string Script { get; }
    public string ModelText { get; }
    public JsonElement Model { get; }
    public string[] RawChunks { get; }

    public string[] Strings => Model.GetProperty("strings").EnumerateArray().Select(s => s.GetString()!).ToArray();

    /// <summary>Every event's JSON text, in event order, unpacked as the page's script does.</summary>
    public List<string> EventJson()
    {
        var result = new List<string>();
        var orders = Model.GetProperty("chunks").EnumerateArray().ToList();
        for (int c = 0; c < RawChunks.Length; c++)
        {
            using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(RawChunks[c])), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, new UTF8Encoding(false));
            var texts = reader.ReadToEnd().Split('\u001e');
            Assert.Equal(string.Empty, texts[^1]); // every event ends with the separator
            foreach (var position in orders[c].EnumerateArray()) result.Add(texts[position.GetInt32()]);
        }
        return result;
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, "missing " + start);
        from += start.Length;
        return text.Substring(from, text.IndexOf(end, from, StringComparison.Ordinal) - from);
    }
}
