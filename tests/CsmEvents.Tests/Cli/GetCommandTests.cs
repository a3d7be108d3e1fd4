using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsmEvents.Tests.Datadog;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Cli;

public class GetCommandTests
{
    private static string Sample(params string[] parts) => Path.Combine(RepoPaths.Samples, Path.Combine(parts));

    [Fact]
    public void ReadsTheWholeSamplesFolderRecursively()
    {
        var run = CliRun.Run(new[] { "get", RepoPaths.Samples, "--recurse" });
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(110, run.StdoutLines.Length);
    }

    [Fact]
    public void WritesEachEventAsItsOwnCompactJsonLine()
    {
        var run = CliRun.Run(new[] { "get", Sample("windows", "single-event.json") });
        Assert.Equal(0, run.ExitCode);
        string expected = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(File.ReadAllText(Sample("windows", "single-event.json"))).RootElement,
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Equal(expected + "\n", run.Stdout);
    }

    [Fact]
    public void FilesAndStandardInputGiveTheSameLinesWithValuesExactlyAsWritten()
    {
        string path = Path.Combine(Path.GetTempPath(), "csm-get-" + System.Guid.NewGuid().ToString("N") + ".json");
        // Pretty-printed, with escapes a serializer would rewrite (\u00e9, \/) and a big number.
        string text = "[\n  {\"title\": \"caf\\u00e9 \\/ \\\"q\\\"\", \"evt\": {\"name\": \"exec\"},\n   \"n\": 12345678901234567890},\n  {\"evt\": {\"name\": \"open\"}}\n]\n";
        File.WriteAllText(path, text);
        try
        {
            var fromFile = CliRun.Run(new[] { "get", path });
            var fromStdin = CliRun.Run(new[] { "get" }, stdin: text);
            string expected = "{\"title\":\"caf\\u00e9 \\/ \\\"q\\\"\",\"evt\":{\"name\":\"exec\"},\"n\":12345678901234567890}\n{\"evt\":{\"name\":\"open\"}}\n";
            Assert.Equal(expected, fromFile.Stdout);
            Assert.Equal(expected, fromStdin.Stdout);
            Assert.Equal((0, 0), (fromFile.ExitCode, fromStdin.ExitCode));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RemovesDatadogEnvelopes()
    {
        var run = CliRun.Run(new[] { "get", Sample("datadog", "logs-search-page.json") });
        Assert.Equal(0, run.ExitCode);
        var linux = File.ReadAllLines(Sample("linux", "incident-web01.jsonl"));
        // The page holds lines 8, 10, 16, 18-21, 23 of the Linux incident (samples/README.md).
        Assert.Equal(new[] { 8, 10, 16, 18, 19, 20, 21, 23 }.Select(n => linux[n - 1]).ToArray(), run.StdoutLines);
    }

    [Fact]
    public void FiltersCombine()
    {
        var run = CliRun.Run(new[] { "get", Sample("windows", "incident-ws01.jsonl"), Sample("linux", "incident-web01.jsonl"), "--event-type", "exec,exit", "--platform", "linux", "--outcome", "success" });
        Assert.Equal(0, run.ExitCode);
        var types = run.StdoutLines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("evt").GetProperty("name").GetString()).Distinct().OrderBy(x => x);
        Assert.Equal(new[] { "exec", "exit" }, types);
        Assert.All(run.StdoutLines, l => Assert.Contains("\"os\":\"linux\"", l));
    }

    [Fact]
    public void StandardInputWhenNoPathOrDash()
    {
        string text = File.ReadAllText(Sample("windows", "events-array.json"));
        Assert.Equal(4, CliRun.Run(new[] { "get" }, stdin: text).StdoutLines.Length);
        Assert.Equal(4, CliRun.Run(new[] { "get", "-" }, stdin: text).StdoutLines.Length);
    }

    [Fact]
    public void BadRecordsGiveExitCodeOneAndGoodOnesAreStillWritten()
    {
        var run = CliRun.Run(new[] { "get" }, stdin: "{\"agent\":{\"rule_id\":\"a\"}}\nnot json\n{\"agent\":{\"rule_id\":\"b\"}}\n");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.StdoutLines.Length);
        Assert.Equal(new[] { "<stdin>:2: invalid JSON at column 2: 'not json' is an invalid JSON literal. Expected the literal 'null'" }, run.StderrLines);
    }

    [Fact]
    public void NothingReadableGivesExitCodeTwo()
    {
        var run = CliRun.Run(new[] { "get", "/nonexistent/a.jsonl" });
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(new[] { "/nonexistent/a.jsonl: file not found" }, run.StderrLines);
    }

    [Fact]
    public void AMissingFileBesideAGoodOneGivesExitCodeOne()
    {
        var run = CliRun.Run(new[] { "get", "/nonexistent/a.jsonl", Sample("windows", "single-event.json") });
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.StdoutLines);
    }

    [Theory]
    [InlineData(new[] { "get", "--platform", "mac" }, "csm-events get: option --platform: 'mac' is not windows or linux")]
    [InlineData(new[] { "get", "--after", "yesterday" }, "csm-events get: option --after: 'yesterday' is not a time (use RFC 3339 such as 2026-11-20T10:00:00Z, a date, or now-6h; a time without an offset is UTC)")]
    [InlineData(new[] { "get", "--frobnicate" }, "csm-events get: unknown option --frobnicate")]
    [InlineData(new[] { "get", "x.json", "--query", "a" }, "csm-events get: paths and --query cannot be combined: read files or the Datadog API, not both")]
    public void UsageErrorsGiveExitCodeTwo(string[] args, string message)
    {
        var run = CliRun.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(new[] { message }, run.StderrLines);
    }

    [Fact]
    public void TimeFiltersUseTheEventDate()
    {
        var run = CliRun.Run(new[] { "get", Sample("linux", "incident-web01.jsonl"), "--after", "2025-06-03T09:41:00Z", "--before", "2025-06-03T09:42:00Z" });
        Assert.Equal(0, run.ExitCode);
        var all = File.ReadAllLines(Sample("linux", "incident-web01.jsonl"))
            .Where(l => string.CompareOrdinal(System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("date").GetString(), "2025-06-03T09:41:00Z") >= 0
                     && string.CompareOrdinal(System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("date").GetString(), "2025-06-03T09:42:00Z") < 0)
            .ToArray();
        Assert.NotEmpty(all);
        Assert.Equal(all, run.StdoutLines);
    }

    private static readonly Dictionary<string, string> Keys = new() { ["DD_API_KEY"] = "api-key-0123456789abcdef", ["DD_APP_KEY"] = "app-key-fedcba9876543210" };

    [Fact]
    public void ReadsPagesFromTheDatadogApiAndStreamsEvents()
    {
        using var server = new LoopbackServer(
            ScriptedResponse.Ok(DatadogResponses.Page(new[] { "A1", "A2" }, "cursor-1", "req-1")),
            ScriptedResponse.Ok(DatadogResponses.Page(new[] { "A3" }, null, "req-2")));
        var run = CliRun.Run(new[] { "get", "--query", "@agent.rule_id:x", "--from", "now-6h", "--api-url", server.BaseUrl }, environment: Keys);
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[] { "rule_A1", "rule_A2", "rule_A3" }, run.StdoutLines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("agent").GetProperty("rule_id").GetString()));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("source:runtime-security-agent (@agent.rule_id:x)", server.Requests[0].Json.GetProperty("filter").GetProperty("query").GetString());
        Assert.Equal("now-6h", server.Requests[0].Json.GetProperty("filter").GetProperty("from").GetString());
        Assert.Equal("cursor-1", server.Requests[1].Json.GetProperty("page").GetProperty("cursor").GetString());
        Assert.DoesNotContain("api-key-0123456789abcdef", run.Stdout + run.Stderr);
    }

    [Fact]
    public void MaxEventsStopsPaging()
    {
        using var server = new LoopbackServer(ScriptedResponse.Ok(DatadogResponses.Page(new[] { "A1", "A2" }, "cursor-1", "req-1")));
        var run = CliRun.Run(new[] { "get", "--query", "*", "--max-events", "2", "--api-url", server.BaseUrl }, environment: Keys);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, run.StdoutLines.Length);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void ApiFailureIsReportedWithoutKeys()
    {
        using var server = new LoopbackServer(ScriptedResponse.Error(403, "{\"errors\":[\"Forbidden\"]}"));
        var run = CliRun.Run(new[] { "get", "--query", "*", "--api-url", server.BaseUrl }, environment: Keys);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.StderrLines);
        Assert.Contains("logs_read_data", run.Stderr);
        Assert.DoesNotContain("app-key-fedcba9876543210", run.Stderr);
    }

    [Fact]
    public void MissingKeysAreAUsageErrorNamingWhatIsMissing()
    {
        var run = CliRun.Run(new[] { "get", "--query", "*", "--api-url", "http://127.0.0.1:9/" });
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("DD_API_KEY", run.Stderr);
    }

    [Fact]
    public void KeysFromStandardInput()
    {
        using var server = new LoopbackServer(ScriptedResponse.Ok(DatadogResponses.Page(new[] { "A1" }, null, "req-1")));
        var run = CliRun.Run(new[] { "get", "--query", "*", "--keys-from-stdin", "--api-url", server.BaseUrl }, stdin: "stdin-api-key-123456\nstdin-app-key-654321\n");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("stdin-api-key-123456", server.Requests[0].Headers["DD-API-KEY"]);
        Assert.Equal("stdin-app-key-654321", server.Requests[0].Headers["DD-APPLICATION-KEY"]);
    }
}
