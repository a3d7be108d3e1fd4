using System;
using System.IO;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Caching;

/// <summary>-Schema auto with the schema cache: current Linux events against the cached schema of their agent version.</summary>
public class AutoSchemaTests
{
    private const string Tiny = """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["agent"]}""";

    private static string Sample(params string[] parts) => Path.Combine(RepoPaths.Samples, Path.Combine(parts));

    private static RecordingSink Test(TestEventsOptions options, params string[] paths)
    {
        var sink = new RecordingSink();
        new TestEventsRunner(options, sink).ReadPaths(paths);
        return sink;
    }

    /// <summary>Fills a temporary cache the way users do: Save-CsmSchema from a (loopback) source.</summary>
    private static void Fetch(TempFolder cache, params string[] versions)
    {
        using var mirror = SchemaMirror.OfSharedSchemas(versions);
        using var runner = new SaveSchemaRunner(new SaveSchemaOptions { Cache = new SchemaCache(cache.Path), Source = mirror.BaseUrl }, new RecordingSink());
        foreach (string version in versions) runner.Save(version);
    }

    private static void Put(TempFolder cache, string version, string text)
    {
        Directory.CreateDirectory(cache.File(version));
        File.WriteAllText(cache.File(version, SchemaCache.LinuxFile), text);
    }

    [SharedFact]
    public void ACurrentLinuxEventValidatesOutOfTheBoxAfterOneFetch()
    {
        using var cache = new TempFolder();
        Fetch(cache, "7.68.0");
        var options = new TestEventsOptions { SchemaCache = new SchemaCache(cache.Path), IgnoreAdditionalProperties = true, Detailed = true };
        var sink = Test(options, Sample("linux", "newer-agent.jsonl"));
        var results = sink.EmittedOf<CsmValidationResult>();
        Assert.Equal(new[] { true, true, true }, results.Select(r => r.IsValid));
        Assert.All(results, r => Assert.Equal("backend_linux@7.68.0", r.Schema));
        Assert.All(results, r => Assert.Equal("7.68.0", r.AgentVersion));
        Assert.Empty(sink.Warnings);
        Assert.Empty(sink.Errors);
    }

    [SharedFact]
    public void AgentTestFixturesWithoutAgentVersionUseTheNewestCachedSchemaAndOnlyLackAgentTitleAndAuid()
    {
        using var cache = new TempFolder();
        Fetch(cache, "7.64.3", "main");
        string fixtures = RepoPaths.InShared("datadog-agent-events", "security-profile-exec-fixtures.jsonl");
        var sink = Test(new TestEventsOptions { SchemaCache = new SchemaCache(cache.Path), Detailed = true }, fixtures);
        var results = sink.EmittedOf<CsmValidationResult>();
        Assert.Equal(18, results.Count);
        Assert.All(results, r => Assert.Equal("backend_linux@main", r.Schema));
        Assert.Equal(new[] { fixtures + ":1: Linux events without agent.version are validated against the newest cached Linux schema, backend_linux@main" }, sink.Warnings);
        // The fields the agent has emitted for years (hash_state, source, argv0, is_exec_child) are in the current
        // schema: what is left is what the fixtures really lack (agent and title are added after serialising).
        var problems = results.SelectMany(r => r.Errors).Select(e => e.Keyword + " " + e.InstancePath + " " + e.Property).Distinct().ToList();
        Assert.Contains("required  agent", problems);
        Assert.Contains("required  title", problems);
        Assert.All(problems, p => Assert.StartsWith("required ", p));
        Assert.All(problems, p => Assert.True(p.EndsWith(" agent") || p.EndsWith(" title") || p.EndsWith(" auid"), p));
    }

    [Fact]
    public void WithoutACachedSchemaCurrentLinuxEventsAreNotValidatedAndOneWarningNamesTheFetchCommand()
    {
        using var cache = new TempFolder();
        foreach (var schemaCache in new[] { new SchemaCache(cache.Path), null })
        {
            var options = new TestEventsOptions { SchemaCache = schemaCache, FetchCommand = "csm-events schemas --fetch {0}", Detailed = true };
            var sink = Test(options, Sample("linux", "newer-agent.jsonl"), Sample("windows", "single-event.json"));
            var results = sink.EmittedOf<CsmValidationResult>();
            Assert.Equal(new string?[] { null, null, null, "windows" }, results.Select(r => r.Schema));
            Assert.All(results.Take(3), r => Assert.Equal(TestEventsRunner.NotCachedReason, r.Errors.Single().Message));
            Assert.Equal(new[]
            {
                Sample("linux", "newer-agent.jsonl") + ":1: no schema fits this event: current Linux events are validated against Datadog's published schema for their agent version, "
                + "and the schema cache holds none. Fetch it once with: csm-events schemas --fetch 7.68.0",
            }, sink.Warnings);
        }
    }

    [Fact]
    public void WithoutAHostCommandTheWarningNamesBothCommandsAndMainForEventsWithoutVersion()
    {
        var sink = new RecordingSink();
        var runner = new TestEventsRunner(new TestEventsOptions(), sink);
        using (var text = runner.BeginText("<pipeline>"))
        {
            text.Append("""{"agent":{"rule_id":"r","os":"linux"},"title":"t"}""");
            text.Complete();
        }
        Assert.Equal(new object[] { false }, sink.Emitted);
        Assert.EndsWith("Fetch it once with: Save-CsmSchema main (PowerShell) or csm-events schemas --fetch main", Assert.Single(sink.Warnings));
    }

    [Fact]
    public void OlderAgentsThanEveryCachedSchemaUseTheNewestAndAreToldOnce()
    {
        using var cache = new TempFolder();
        Put(cache, "7.64.3", Tiny);
        Put(cache, "7.68.0", Tiny);
        var sink = new RecordingSink();
        var runner = new TestEventsRunner(new TestEventsOptions { SchemaCache = new SchemaCache(cache.Path), FetchCommand = "Save-CsmSchema {0}", Detailed = true }, sink);
        using (var text = runner.BeginText("<pipeline>"))
        {
            foreach (string version in new[] { "7.50.0", "7.49.1", "7.66.0", "7.64.3" }) text.Append("""{"agent":{"rule_id":"r","os":"linux","version":"VERSION"},"title":"t"}""".Replace("VERSION", version));
            text.Complete();
        }
        Assert.Equal(new[] { "backend_linux@7.68.0", "backend_linux@7.68.0", "backend_linux@7.64.3", "backend_linux@7.64.3" }, sink.EmittedOf<CsmValidationResult>().Select(r => r.Schema));
        Assert.Equal(new[] { "<pipeline>:1: no cached Linux schema is at or below agent 7.50.0; its events are validated against the newest one, backend_linux@7.68.0. For that agent's own schema: Save-CsmSchema 7.50.0" }, sink.Warnings);
        Assert.Contains("events of agent 7.66.0 are validated against backend_linux@7.64.3, the nearest cached schema below that version", sink.VerboseMessages);
        Assert.Single(sink.VerboseMessages, m => m.StartsWith("events of agent", StringComparison.Ordinal));
    }

    [Fact]
    public void ABrokenCachedSchemaIsReportedOnceAndItsEventsAreNotValidated()
    {
        using var cache = new TempFolder();
        Put(cache, "7.64.3", "{\"type\": ");
        var options = new TestEventsOptions { SchemaCache = new SchemaCache(cache.Path), FetchCommand = "Save-CsmSchema {0}", Detailed = true };
        var sink = Test(options, Sample("linux", "incident-web01.jsonl"));
        Assert.All(sink.EmittedOf<CsmValidationResult>(), r => Assert.Equal(TestEventsRunner.UnusableCachedReason, r.Errors.Single().Message));
        string warning = Assert.Single(sink.Warnings);
        Assert.StartsWith(Sample("linux", "incident-web01.jsonl") + ":1: the cached schema backend_linux@7.64.3 cannot be used (" + cache.File("7.64.3", SchemaCache.LinuxFile) + ": ", warning);
        Assert.EndsWith("); fetch it again with: Save-CsmSchema 7.64.3", warning);
    }

    [Fact]
    public void ACachedSchemaCanBeNamedAndAnUnknownOneIsRefused()
    {
        using var cache = new TempFolder();
        Put(cache, "7.64.3", Tiny);
        var options = new TestEventsOptions { SchemaCache = new SchemaCache(cache.Path), SchemaName = "backend_linux@7.64.3", Detailed = true };
        var sink = Test(options, Sample("windows", "single-event.json"), Sample("linux-legacy", "events.jsonl"));
        Assert.Equal(new[] { "backend_linux@7.64.3" }, sink.EmittedOf<CsmValidationResult>().Select(r => r.Schema).Distinct());
        Assert.Equal(new[] { true, false, false, false, false, false }, sink.EmittedOf<CsmValidationResult>().Select(r => r.IsValid));
        var unknown = Assert.Throws<System.ArgumentException>(() => new TestEventsRunner(new TestEventsOptions { SchemaCache = new SchemaCache(cache.Path), SchemaName = "backend_linux@7.0.0", FetchCommand = "Save-CsmSchema {0}" }, new RecordingSink()));
        Assert.Equal("unknown schema 'backend_linux@7.0.0': no such schema in the schema cache " + cache.Path + " (fetch it with Save-CsmSchema 7.0.0)", unknown.Message);
    }

    [Fact]
    public void WindowsAndOldFormatsKeepTheirEmbeddedSchemasWhenSchemasAreCached()
    {
        using var cache = new TempFolder();
        Put(cache, "main", Tiny);
        var options = new TestEventsOptions { SchemaCache = new SchemaCache(cache.Path), Detailed = true };
        var sink = Test(options, Sample("windows", "single-event.json"), Sample("linux-legacy", "events.jsonl"), Sample("base", "events.jsonl"));
        Assert.Equal(new[] { "windows", "linux", "linux", "linux", "linux", "linux", "base", "base", "base" }, sink.EmittedOf<CsmValidationResult>().Select(r => r.Schema));
        Assert.Empty(sink.Warnings);
    }
}
