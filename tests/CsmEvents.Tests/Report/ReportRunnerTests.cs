using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.Report;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Report;

/// <summary>The report runner and its page, without a browser: what goes in, escaping, the CSP, the exact JSON.</summary>
public class ReportRunnerTests
{
    private static readonly DateTimeOffset Generated = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static (string Html, ReportResult Result, RecordingSink Sink) Report(Action<ReportRunner> read, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        options.GeneratedAt = Generated;
        var sink = new RecordingSink();
        var runner = new ReportRunner(options, sink);
        read(runner);
        using var output = new MemoryStream();
        var result = runner.Complete(output);
        Assert.Equal(output.Length, result.Bytes);
        return (Encoding.UTF8.GetString(output.ToArray()), result, sink);
    }

    [Fact]
    public void TheSamplesPageIsSmallSelfContainedAndKeepsEveryEventExactlyAsRead()
    {
        var (html, result, sink) = Report(r => r.ReadPaths(new[] { RepoPaths.Samples }), new ReportOptions { Read = new GetEventsOptions { Recurse = true } });
        Assert.Empty(sink.Errors);
        Assert.Equal(110, result.Events);
        Assert.Equal(9, result.Hosts);
        Assert.True(result.Bytes < 300_000, "the samples' page is " + result.Bytes + " bytes");
        var page = new PageParts(html);

        // Nothing to load: no element or rule that names another resource.
        foreach (string loader in new[] { " src=", "<link", "<iframe", "<object", "<embed", "<img", "@import", "url(", "http-equiv=\"refresh\"" })
        {
            Assert.DoesNotContain(loader, html.Replace(page.ModelText, "").Replace(string.Join("\n", page.RawChunks), ""), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("default-src 'none'; script-src " + Sha256(page.Script) + "; style-src " + Sha256(page.Style) +
            "; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'", page.Csp);
        Assert.True(html.IndexOf("Content-Security-Policy", StringComparison.Ordinal) < html.IndexOf("<style>", StringComparison.Ordinal));

        // The JSON of each event is the record as it is in its file, in input order.
        var expected = new List<string>();
        foreach (string file in new[] { "base/events.jsonl", "datadog/logs-search-page.json", "linux-legacy/events.jsonl", "linux/incident-web01.jsonl", "linux/incident-web01.jsonl", "linux/newer-agent.jsonl" })
        {
            if (file.StartsWith("datadog", StringComparison.Ordinal))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("samples", file)));
                foreach (var log in doc.RootElement.GetProperty("data").EnumerateArray()) expected.Add(log.GetProperty("attributes").GetProperty("attributes").GetRawText());
                continue;
            }
            expected.AddRange(File.ReadAllLines(RepoPaths.InRepo("samples", file)));
        }
        var json = page.EventJson();
        Assert.Equal(110, json.Count);
        Assert.Equal(expected, json.Take(expected.Count));
        Assert.Equal(File.ReadAllText(RepoPaths.InRepo("samples", "windows", "single-event.json")).TrimEnd('\n'), json[^1]);
    }

    [Fact]
    public void EachEventPointsAtTheNodeOfItsProcess()
    {
        var (html, _, _) = Report(r => r.ReadPaths(new[] { RepoPaths.InRepo("samples", "windows", "incident-ws01.jsonl") }));
        var model = new PageParts(html).Model;
        var events = model.GetProperty("events");
        var nodes = model.GetProperty("nodes");
        var eventPids = events.GetProperty("pid").EnumerateArray().Select(p => p.GetInt64()).ToList();
        var eventNodes = events.GetProperty("node").EnumerateArray().Select(n => n.GetInt32()).ToList();
        var nodePids = nodes.GetProperty("pid").EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Null ? -1 : p.GetInt64()).ToList();
        Assert.Equal(24, eventNodes.Count);
        for (int i = 0; i < eventNodes.Count; i++) Assert.Equal(eventPids[i], nodePids[eventNodes[i]]);
        // Tree order: every parent comes before its children; the root is System (4).
        var parents = nodes.GetProperty("parent").EnumerateArray().Select(p => p.GetInt32()).ToList();
        for (int i = 0; i < parents.Count; i++) Assert.True(parents[i] < i);
        Assert.Equal(4, nodePids[0]);
    }

    [Fact]
    public void RulesComeInSeverityOrderThenByCount()
    {
        string page = Path.Combine(Path.GetTempPath(), "csmevents-severity-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(page, "{\"data\":[" + string.Join(",",
            Log("low_rule", "info", null), Log("low_rule", "info", null), Log("critical_rule", "info", "severity:critical"), Log("warned", "warning", null)) + "]}");
        try
        {
            var (html, result, _) = Report(r => r.ReadPaths(new[] { page }));
            Assert.Equal(3, result.Rules);
            var model = new PageParts(html).Model;
            var strings = new PageParts(html).Strings;
            var rules = model.GetProperty("rules").EnumerateArray().Select(r => (strings[r.GetProperty("name").GetInt32()], r.GetProperty("severity").GetInt32(), r.GetProperty("events").GetInt32())).ToList();
            Assert.Equal(new[] { ("critical_rule", 5, 1), ("warned", 3, 1), ("low_rule", 1, 2) }, rules);
            Assert.Contains("<span class=\"sev sev-5\">critical</span></td><td class=\"rule\">critical_rule</td>", html);
        }
        finally
        {
            File.Delete(page);
        }
    }

    private static string Log(string rule, string status, string? tag) =>
        "{\"id\":\"" + rule + "\",\"type\":\"log\",\"attributes\":{\"host\":\"h1\",\"status\":\"" + status + "\",\"tags\":[" + (tag == null ? "" : "\"" + tag + "\"") +
        "],\"timestamp\":\"2025-06-03T09:41:07.000Z\",\"attributes\":{\"agent\":{\"rule_id\":\"" + rule + "\"},\"evt\":{\"name\":\"open\"},\"date\":\"2025-06-03T09:41:07Z\",\"process\":{\"pid\":42,\"comm\":\"cat\"}}}}";

    [Fact]
    public void HostileTextIsEscapedForEveryContextOfThePage()
    {
        string file = Path.Combine(Path.GetTempPath(), "csmevents-hostile-" + Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(file, HostileEvents.FileEvent() + "\n");
        try
        {
            var (html, _, _) = Report(r => r.ReadPaths(new[] { file }), new ReportOptions { Title = HostileEvents.Title });
            var page = new PageParts(html);
            // HTML text, attributes and SVG: only the page's own markup, the event text as character references.
            // The page's own elements only: two data blocks and the script, one style sheet.
            Assert.Equal(3, CountOf(html, "<script"));
            Assert.Equal(3, CountOf(html, "</script>"));
            Assert.Equal(1, CountOf(html, "<style"));
            Assert.Equal(1, CountOf(html, "</style>"));
            Assert.DoesNotContain("<img", html);
            Assert.DoesNotContain("<svg onload", html);
            Assert.Contains("<title>&lt;/title&gt;&lt;script&gt;window.pwned=7&lt;/script&gt;</title>", html);
            Assert.Contains("&lt;/script&gt;&lt;script&gt;window.pwned=1;document.title=&#39;pwned&#39;&lt;/script&gt;", html);
            // JS data: no < > & at all inside the model, so nothing can end the element; the values are intact.
            Assert.DoesNotContain("<", page.ModelText);
            Assert.DoesNotContain(">", page.ModelText);
            Assert.DoesNotContain("&", page.ModelText);
            Assert.Contains(HostileEvents.Rule, page.Strings);
            Assert.Contains(HostileEvents.FilePath, page.Strings);
            // Control characters and the right-to-left override become visible escapes in what is shown.
            Assert.Contains("sh -c '\\x1b[31mred\\x1b[0m \\u202eevil\\r\\nfake line </style><style>*{display:none}</style>'", page.Strings);
            Assert.DoesNotContain(page.Strings, s => s.Any(c => c < ' ' || c == '\u202e'));
            // The exact JSON keeps everything as it was.
            Assert.Equal(HostileEvents.FileEvent(), Assert.Single(page.EventJson()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public void BadRecordsAreErrorsAndAreListedInThePage()
    {
        var (html, result, sink) = Report(r => r.ReadStream(new MemoryStream(Encoding.UTF8.GetBytes("{\"evt\":{\"name\":\"open\"},\"date\":\"2025-06-03T09:41:07Z\"}\n{oops\n")), "<stdin>"));
        Assert.Equal(1, result.Events);
        Assert.Equal(1, result.ReadErrors);
        var error = Assert.Single(sink.Errors);
        Assert.Equal("InvalidJson", error.ErrorId);
        Assert.Contains("<h3>1 record or input could not be read (not in this report)</h3>", html);
        Assert.Contains("<li>&lt;stdin&gt;:2: invalid JSON", html);
    }

    [Fact]
    public void ValidationResultsAreInThePageWhenAsked()
    {
        string file = Path.Combine(Path.GetTempPath(), "csmevents-validate-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var lines = File.ReadAllLines(RepoPaths.InRepo("samples", "windows", "incident-ws01.jsonl")).Take(3).ToList();
        lines.Add(lines[0].Replace("\"pid\":7412", "\"pid\":\"7412\""));
        File.WriteAllLines(file, lines);
        try
        {
            var (html, result, _) = Report(r => r.ReadPaths(new[] { file }), new ReportOptions { Validate = true, SchemaName = "windows" });
            Assert.Equal(1, result.InvalidEvents);
            Assert.Contains("<p>Schema: <code>windows</code>. 3 valid, 1 invalid.</p>", html);
            var page = new PageParts(html);
            var validation = page.Model.GetProperty("validation");
            var listed = Assert.Single(validation.GetProperty("listed").EnumerateArray().ToList());
            Assert.Equal(3, listed[0].GetInt32());
            Assert.Equal(new[] { 1, 1, 1, 2 }, page.Model.GetProperty("events").GetProperty("valid").EnumerateArray().Select(v => v.GetInt32()));
            var firstError = listed[2][0];
            Assert.StartsWith("/process/", page.Strings[firstError[0].GetInt32()]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void PipelineEventsAreWrittenAsTheirLosslessJson()
    {
        var evt = CsmEvent.Parse("{\"evt\":{\"name\":\"open\"},\"date\":\"2025-06-03T09:41:07.123456789Z\",\"n\":12345678901234567890}", new EventSource("<pipeline>", 1));
        var (html, result, _) = Report(r => r.Add(evt));
        Assert.Equal(1, result.Events);
        Assert.Equal("{\"evt\":{\"name\":\"open\"},\"date\":\"2025-06-03T09:41:07.123456789Z\",\"n\":12345678901234567890}", Assert.Single(new PageParts(html).EventJson()));
    }

    [Fact]
    public void AnEmptyReportSaysSo()
    {
        var (html, result, _) = Report(_ => { });
        Assert.Equal(0, result.Events);
        Assert.Contains("<p class=\"meta\">0 events from 0 inputs, 0 hosts.", html);
        Assert.Contains("<p>No event has a time.</p>", html);
    }

    [Fact]
    public void AnUnknownSchemaIsRefusedBeforeReading()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ReportRunner(new ReportOptions { Validate = true, SchemaName = "nope" }, new RecordingSink()));
        Assert.StartsWith("unknown schema 'nope'", ex.Message);
    }

    private static string Sha256(string text) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))) + "'";
}
