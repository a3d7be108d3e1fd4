using System.IO;
using System.Linq;
using CsmEvents.Schema;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Cli;

public class TestCommandTests
{
    private static string Sample(params string[] parts) => Path.Combine(RepoPaths.Samples, Path.Combine(parts));

    [Fact]
    public void WindowsSamplesAreValidAgainstTheEmbeddedSchema()
    {
        var run = CliRun.Run(new[] { "test", Sample("windows", "incident-ws01.jsonl"), Sample("windows", "events-array.json"), Sample("windows", "single-event.json") });
        Assert.Equal("", run.Stderr);
        Assert.Equal(new[] { "29 events: 29 valid, 0 invalid" }, run.StdoutLines);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void AutoPicksWindowsOldLinuxAndBasePerEvent()
    {
        var run = CliRun.Run(new[] { "test", "--json", Sample("windows", "single-event.json"), Sample("linux-legacy", "events.jsonl"), Sample("base", "events.jsonl") });
        Assert.Equal(0, run.ExitCode);
        var schemas = run.StdoutLines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("schema").GetString()).ToArray();
        Assert.Equal(new[] { "windows", "linux", "linux", "linux", "linux", "linux", "base", "base", "base" }, schemas);
    }

    [Fact]
    public void JsonOutputGivesEveryErrorWithItsLocation()
    {
        string evt = """{"agent":{"rule_id":"x","os":"windows"},"title":"t","process":{"pid":"12"},"date":"2026-13-01T00:00:00Z","bogus":1}""";
        var run = CliRun.Run(new[] { "test", "--json" }, stdin: evt + "\n");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[]
        {
            """{"source":"<stdin>:1","valid":false,"schema":"windows","errors":[""" +
            """{"instancePath":"/process/pid","schemaLocation":"#/$defs/ProcessContext/properties/pid/type","keyword":"type","message":"expected integer, got string \"12\"","value":"\"12\""},""" +
            """{"instancePath":"/date","schemaLocation":"#/properties/date/format","keyword":"format","message":"\"2026-13-01T00:00:00Z\" is not a valid date-time (RFC 3339)","value":"\"2026-13-01T00:00:00Z\""},""" +
            """{"instancePath":"","schemaLocation":"#/additionalProperties","keyword":"additionalProperties","message":"property \"bogus\" is not allowed","value":"1"}]}""",
        }, run.StdoutLines);
    }

    [Fact]
    public void TextOutputIsOneLinePerInvalidEventAndASummary()
    {
        string good = File.ReadAllText(Sample("windows", "single-event.json")).Replace("\n", " ");
        string bad = """{"agent":{"os":"windows"},"title":"t"}""";
        var run = CliRun.Run(new[] { "test" }, stdin: good + "\n" + bad + "\nnot json\n");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { "<stdin>:2: /agent: missing required property \"rule_id\"", "2 events: 1 valid, 1 invalid, 1 unreadable records" }, run.StdoutLines);
        Assert.Equal(new[] { "<stdin>:3: invalid JSON at column 2: 'not json' is an invalid JSON literal. Expected the literal 'null'" }, run.StderrLines);
    }

    [Fact]
    public void CurrentLinuxEventsWithoutACachedSchemaAreNotValidatedAndTheUserIsToldOnceHowToFetchIt()
    {
        var run = CliRun.Run(new[] { "test", Sample("linux", "incident-web01.jsonl") });
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("31 events: 0 valid, 0 invalid, 31 not validated (no schema fits)", run.StdoutLines.Last());
        Assert.Equal(new[]
        {
            "warning: " + Sample("linux", "incident-web01.jsonl") + ":1: no schema fits this event: current Linux events are validated against Datadog's published schema "
            + "for their agent version, and the schema cache holds none. Fetch it once with: csm-events schemas --fetch 7.64.3",
        }, run.StderrLines);
    }

    [SharedFact]
    public void DatadogsCurrentLinuxSchemaFileValidatesTheLinuxSamples()
    {
        string schema = RepoPaths.InShared("datadog-agent-schemas", "backend_linux.schema.json");
        var strict = CliRun.Run(new[] { "test", "--schema", schema, Sample("linux", "incident-web01.jsonl"), Sample("linux", "newer-agent.jsonl") });
        Assert.Equal(1, strict.ExitCode);
        Assert.Equal(new[]
        {
            Sample("linux", "newer-agent.jsonl") + ":1: /agent: property \"original_rule_id\" is not allowed (+3 more)",
            Sample("linux", "newer-agent.jsonl") + ":2: /process: property \"is_parent_missing\" is not allowed",
            Sample("linux", "newer-agent.jsonl") + ":3: /process: property \"is_parent_missing\" is not allowed (+2 more)",
            "34 events: 31 valid, 3 invalid",
        }, strict.StdoutLines);
        var relaxed = CliRun.Run(new[] { "test", "--schema", schema, "--ignore-additional-properties", Sample("linux", "newer-agent.jsonl") });
        Assert.Equal(0, relaxed.ExitCode);
        Assert.Equal(new[] { "3 events: 3 valid, 0 invalid" }, relaxed.StdoutLines);
    }

    [Fact]
    public void AnUnusableSchemaIsExitCodeTwoBeforeAnyEventIsRead()
    {
        string dir = Path.Combine(Path.GetTempPath(), "csm-schema-" + System.Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string schema = Path.Combine(dir, "bad.json");
            File.WriteAllText(schema, """{"properties":{"a":{"$ref":"#/$defs/Nope"}}}""");
            var run = CliRun.Run(new[] { "test", "--schema", schema, Sample("windows", "single-event.json") });
            Assert.Equal(2, run.ExitCode);
            Assert.Equal("", run.Stdout);
            Assert.StartsWith("csm-events test: unusable schema: ", run.Stderr);
            Assert.Contains("bad.json", run.Stderr);
            Assert.Contains("/properties/a/$ref", run.Stderr);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void SchemasListsAndExportsTheEmbeddedSchemas()
    {
        var list = CliRun.Run(new[] { "schemas" });
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(new[] { "windows", "linux", "base" }, list.StdoutLines.Take(6).Where(l => !l.StartsWith(" ")).Select(l => l.Split(' ')[0]));
        Assert.Equal("no schema cache: set CSMEVENTS_SCHEMA_CACHE (or HOME) to keep Datadog's published schemas", list.StdoutLines.Last());
        var export = CliRun.Run(new[] { "schemas", "--export", "windows" });
        Assert.Equal(0, export.ExitCode);
        Assert.Equal(EmbeddedSchemas.GetText("windows"), export.Stdout);
        Assert.Equal(2, CliRun.Run(new[] { "schemas", "--export", "nope" }).ExitCode);
    }

    [Fact]
    public void FilesValidatedInParallelGiveTheSameVerdictsInTheSameOrderAsAStream()
    {
        // About 4 MB: several batches. Every 7th event is broken in a different way.
        var lines = File.ReadAllLines(Sample("windows", "incident-ws01.jsonl"));
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < 4000; i++)
        {
            string line = lines[i % lines.Length];
            if (i % 7 == 3) line = line.Replace("\"pid\":", "\"pid\":\"x\",\"y\":");
            if (i % 7 == 5) line = line.Substring(0, line.Length / 2);
            text.Append(line).Append('\n');
        }
        string file = Path.Combine(Path.GetTempPath(), "csm-parallel-" + System.Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(file, text.ToString());
        try
        {
            var parallel = CliRun.Run(new[] { "test", "--json", file });
            var sequential = CliRun.Run(new[] { "test", "--json" }, stdin: text.ToString());
            Assert.Equal(1, parallel.ExitCode);
            Assert.Equal(sequential.Stdout.Replace("<stdin>", file), parallel.Stdout);
            Assert.Equal(sequential.Stderr.Replace("<stdin>", file), parallel.Stderr);
            Assert.Equal(4000 - 4000 / 7 - (4000 % 7 > 5 ? 1 : 0), parallel.StdoutLines.Length);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
