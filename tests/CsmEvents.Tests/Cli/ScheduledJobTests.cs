using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using CsmEvents.Tests.Caching;
using CsmEvents.Tests.Datadog;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Cli;

/// <summary>
/// The scheduled job of the README, run as written against a loopback Datadog Logs API and a schema cache filled
/// from a loopback copy of Datadog's published schemas:
/// <c>csm-events test --query 'source:runtime-security-agent' --from now-1h --summary --baseline drift.json --junit report.xml</c>.
/// </summary>
public class ScheduledJobTests
{
    private static readonly string[] OneLiner = { "test", "--query", "source:runtime-security-agent", "--from", "now-1h", "--summary", "--baseline", "drift.json", "--junit", "report.xml" };

    /// <summary>A Logs Search page holding these events, each in a log envelope with an id.</summary>
    private static string Page(params string[] events) =>
        "{\"data\":[" + string.Join(",", events.Select((e, i) => "{\"id\":\"AAAAAYz" + i + "\",\"type\":\"log\",\"attributes\":{\"attributes\":" + e
            + ",\"host\":\"web-01\",\"service\":\"runtime-security-agent\",\"status\":\"info\",\"tags\":[\"source:runtime-security-agent\"],\"timestamp\":\"2026-11-21T10:00:00.000Z\"}}"))
        + "],\"links\":{},\"meta\":{\"elapsed\":5,\"page\":{},\"request_id\":\"req\",\"status\":\"done\"}}";

    private static string[] NewerAgentEvents => File.ReadAllLines(Path.Combine(RepoPaths.Samples, "linux", "newer-agent.jsonl"));

    [SharedFact]
    public void TheOneLinerFailsOnlyOnNewDrift()
    {
        using var work = new TempFolder();
        using var mirror = SchemaMirror.OfSharedSchemas("7.68.0");
        var env = new Dictionary<string, string>
        {
            ["CSMEVENTS_SCHEMA_CACHE"] = work.File("cache"), ["DD_API_KEY"] = "api-key-0123456789abcdef", ["DD_APP_KEY"] = "app-key-fedcba9876543210",
        };
        Assert.Equal(0, CliRun.Run(new[] { "schemas", "--fetch", "7.68.0", "--source", mirror.BaseUrl }, environment: env).ExitCode);
        string drifted = NewerAgentEvents[1].Replace("\"agent\":{", "\"agent\":{\"rule_tags\":[\"a\"],");
        using var datadog = new LoopbackServer(
            ScriptedResponse.Ok(Page(NewerAgentEvents)), ScriptedResponse.Ok(Page(NewerAgentEvents)), ScriptedResponse.Ok(Page(NewerAgentEvents[0], drifted)));
        string[] Job(params string[] extra) => OneLiner.Select(a => a == "drift.json" ? work.File("drift.json") : a == "report.xml" ? work.File("report.xml") : a)
            .Concat(new[] { "--api-url", datadog.BaseUrl }).Concat(extra).ToArray();

        // Once by hand: record what is known today.
        var first = CliRun.Run(Job("--update-baseline"), environment: env);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("baseline written: " + work.File("drift.json"), first.StdoutLines);

        // Every hour: the same drift is accepted (exit 0), and the report says so.
        var hourly = CliRun.Run(Job(), environment: env);
        Assert.Equal(0, hourly.ExitCode);
        Assert.Equal("", hourly.Stderr);
        Assert.Equal(new[] { "3 events read: 0 valid, 3 invalid, 0 not validated, 0 unreadable", "7 drift groups, 0 new (baseline " + work.File("drift.json") + ")" }, hourly.StdoutLines.Take(2));
        Assert.Contains(hourly.StdoutLines, l => l.Contains("first log AAAAAYz1; last log AAAAAYz2"));
        var report = XDocument.Load(work.File("report.xml")).Root!;
        Assert.Equal(("8", "0"), ((string?)report.Attribute("tests"), (string?)report.Attribute("failures")));

        // An agent starts emitting something new: exit 1, one failed test case.
        var changed = CliRun.Run(Job(), environment: env);
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("new       backend_linux  additionalProperties  /agent/rule_tags", string.Join("\n", changed.StdoutLines));
        report = XDocument.Load(work.File("report.xml")).Root!;
        Assert.Equal("1", (string?)report.Attribute("failures"));
        var failed = report.Descendants("testcase").Single(c => c.Element("failure") != null);
        Assert.Equal(("backend_linux", "additionalProperties /agent/rule_tags"), ((string?)failed.Attribute("classname"), (string?)failed.Attribute("name")));

        // Each run searched the API the way `get` does.
        Assert.Equal(3, datadog.Requests.Count);
        // The one-liner names the source filter itself: it is sent once, as typed.
        Assert.All(datadog.Requests, r => Assert.Equal("source:runtime-security-agent", r.Json.GetProperty("filter").GetProperty("query").GetString()));
        Assert.All(datadog.Requests, r => Assert.Equal("now-1h", r.Json.GetProperty("filter").GetProperty("from").GetString()));
        Assert.All(datadog.Requests, r => Assert.Equal("api-key-0123456789abcdef", r.Headers["DD-API-KEY"]));
    }

    [Fact]
    public void APerEventRunFromDatadogKeepsTheValidMemberInJson()
    {
        using var datadog = new LoopbackServer(ScriptedResponse.Ok(DatadogResponses.Page(new[] { "A1", "A2" }, null, "req-1")));
        var env = new Dictionary<string, string> { ["DD_API_KEY"] = "api-key-0123456789abcdef", ["DD_APP_KEY"] = "app-key-fedcba9876543210" };
        var run = CliRun.Run(new[] { "test", "--query", "*", "--json", "--api-url", datadog.BaseUrl }, environment: env);
        Assert.Equal(1, run.ExitCode);
        var results = run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.False(r.GetProperty("valid").GetBoolean()));
        Assert.All(results, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("schema").ValueKind));
        Assert.Equal(new[] { datadog.BaseUrl.Replace("http://", "").TrimEnd('/') + " page 1:1" }, results.Select(r => r.GetProperty("source").GetString()).Distinct());
    }

    [Fact]
    public void ADatadogFailureIsNeverAPassingRun()
    {
        var env = new Dictionary<string, string> { ["DD_API_KEY"] = "api-key-0123456789abcdef", ["DD_APP_KEY"] = "app-key-fedcba9876543210" };
        using var forbidden = new LoopbackServer(ScriptedResponse.Error(403, "{\"errors\":[\"Forbidden\"]}"));
        var run = CliRun.Run(new[] { "test", "--query", "*", "--summary", "--api-url", forbidden.BaseUrl }, environment: env);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Datadog denied access (HTTP 403", run.Stderr);
        // A search that fails after its first page: the events read are judged, and the run fails.
        using var partial = new LoopbackServer(ScriptedResponse.Ok(DatadogResponses.Page(new[] { "A1" }, "next", "req-1")), ScriptedResponse.Error(400, "{\"errors\":[\"bad cursor\"]}"));
        var failed = CliRun.Run(new[] { "test", "--query", "*", "--schema", "windows", "--api-url", partial.BaseUrl }, environment: env);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("Datadog rejected the search (HTTP 400", failed.Stderr);
        var keys = CliRun.Run(new[] { "test", "--query", "*", "--api-url", partial.BaseUrl });
        Assert.Equal(2, keys.ExitCode);
        Assert.Contains("DD_API_KEY", keys.Stderr);
    }
}
