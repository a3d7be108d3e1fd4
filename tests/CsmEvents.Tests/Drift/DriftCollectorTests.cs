using System;
using System.Linq;
using CsmEvents.Drift;
using CsmEvents.Model;
using CsmEvents.Reading;
using CsmEvents.Schema;

namespace CsmEvents.Tests.Drift;

public class DriftCollectorTests
{
    private static SchemaError Error(string path, string keyword, string? property = null, string? value = null, string message = "bad") =>
        new(path, "#/x", keyword, message, value, null, property);

    private static CsmValidationResult Result(string file, int line, string? schema, string? agentVersion, params SchemaError[] errors) =>
        new(errors.Length == 0, schema, new EventSource(file, line), "rule", "exec", errors, agentVersion);

    private static CsmValidationResult FromLog(string id, string schema, params SchemaError[] errors) =>
        new(errors.Length == 0, schema, new EventSource("api.datadoghq.com page 1", 1, envelope: new DatadogEnvelope { Id = id }), "rule", "exec", errors, "7.68.0");

    [Fact]
    public void GroupsBySchemaKeywordAndCollapsedPathCountingEachEventOnce()
    {
        var drift = new DriftCollector();
        // One event missing auid in three ancestors is one event of one group.
        drift.Add(Result("a.jsonl", 1, "backend_linux@7.64.3", "7.64.3",
            Error("/process/ancestors/0/credentials", "required", "auid"), Error("/process/ancestors/1/credentials", "required", "auid"), Error("/process/ancestors/2/credentials", "required", "auid")));
        drift.Add(Result("a.jsonl", 2, "backend_linux@7.64.3", "7.64.3"));
        drift.Add(Result("a.jsonl", 3, "backend_linux@main", null, Error("/process/ancestors/4/credentials", "required", "auid"), Error("/agent", "additionalProperties", "original_rule_id", "\"x\"")));
        drift.Add(Result("b.jsonl", 9, "backend_linux@7.64.3", "7.64.10", Error("/process/ancestors/0/credentials", "required", "auid")));
        drift.Add(Result("b.jsonl", 10, "windows", "7.61.0", Error("/evt/category", "type", value: "5", message: "expected string, got integer 5")));

        var groups = drift.Groups(eventsRead: 10, known: (s, k, p) => p == "/evt/category");
        Assert.Equal(new[] { "backend_linux required /process/ancestors/*/credentials/auid", "backend_linux additionalProperties /agent/original_rule_id", "windows type /evt/category" },
            groups.Select(g => g.Schema + " " + g.Title));
        var auid = groups[0];
        Assert.Equal(3, auid.Events);
        Assert.Equal(0.3, auid.Share, 10);
        Assert.False(auid.Known);
        Assert.Equal(new[] { "7.64.3", "7.64.10", "(none)" }, auid.AgentVersions);
        Assert.Equal(new[] { "7.64.3", "main" }, auid.SchemaVersions);
        Assert.Equal("a.jsonl:1", auid.FirstSource);
        Assert.Equal("b.jsonl:9", auid.LastSource);
        Assert.Null(auid.Example); // a missing member has no value to show
        Assert.Equal("\"x\"", groups[1].Example);
        Assert.Equal("expected string, got integer 5", groups[2].Message);
        Assert.True(groups[2].Known);
        Assert.Empty(groups[2].SchemaVersions);
        Assert.Equal(new[] { ("backend_linux", 4L), ("windows", 1L) }, drift.EventsPerSchema.Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void DatadogEventsAreLocatedByTheirLogId()
    {
        var drift = new DriftCollector();
        drift.Add(FromLog("AAAAAYz1", "backend_linux@7.68.0", Error("/agent", "additionalProperties", "original_rule_id")));
        drift.Add(FromLog("AAAAAYz9", "backend_linux@7.68.0", Error("/agent", "additionalProperties", "original_rule_id")));
        var group = Assert.Single(drift.Groups(2, (_, _, _) => false));
        Assert.Equal(("log AAAAAYz1", "log AAAAAYz9"), (group.FirstSource, group.LastSource));
    }

    [Fact]
    public void UnreadableRecordsAreGroupsAndFailedInputsAreCountedApart()
    {
        var drift = new DriftCollector();
        drift.AddError(new ReadError(ReadErrorIds.InvalidJson, new EventSource("a.jsonl", 4), "invalid JSON: truncated"));
        drift.AddError(new ReadError(ReadErrorIds.InvalidJson, new EventSource("a.jsonl", 7), "invalid JSON: stray text"));
        drift.AddError(new ReadError(ReadErrorIds.FileNotFound, new EventSource("gone.jsonl", 0), "file not found"));
        drift.AddError(new ReadError(ReadErrorIds.CorruptCompressedStream, new EventSource("x.gz", 0), "corrupt"));
        drift.AddInputFailure();
        Assert.Equal(2, drift.UnreadableRecords);
        Assert.Equal(3, drift.InputErrors);
        var group = Assert.Single(drift.Groups(2, (_, _, _) => false));
        Assert.Equal(("(unreadable)", "InvalidJson", "", 2L, "invalid JSON: truncated"), (group.Schema, group.Keyword, group.Path, group.Events, group.Message));
        Assert.Equal(new[] { "(none)" }, group.AgentVersions);
    }

    [Fact]
    public void EventsNoSchemaFitsAreTheirOwnGroup()
    {
        var drift = new DriftCollector();
        drift.Add(Result("a.jsonl", 1, null, "7.68.0", Error("", "schema", message: "not validated: ...")));
        var group = Assert.Single(drift.Groups(1, (_, _, _) => false));
        Assert.Equal(("(none)", "schema", ""), (group.Schema, group.Keyword, group.Path));
        Assert.Empty(drift.EventsPerSchema);
    }

    [Fact]
    public void MemoryIsBoundedByGroupsNotByEvents()
    {
        var drift = new DriftCollector();
        // 100,000 events, each with a member name never seen before and a new agent version: the groups stop at
        // MaxGroups (the rest share one overflow group) and each group lists at most MaxVersionsPerGroup versions.
        for (int i = 0; i < 100_000; i++)
        {
            drift.Add(Result("a.jsonl", i + 1, "backend_linux@main", "7." + (i % 100) + ".0", Error("", "additionalProperties", "field" + i), Error("/agent", "required", "rule_id")));
        }
        var groups = drift.Groups(100_000, (_, _, _) => false);
        Assert.Equal(DriftCollector.MaxGroups + 1, groups.Count);
        var overflow = groups.Single(g => g.Schema == DriftCollector.Overflow);
        Assert.Equal(100_000 - (DriftCollector.MaxGroups - 1), overflow.Events);
        var required = groups.Single(g => g.Keyword == "required");
        Assert.Equal(100_000, required.Events);
        Assert.Equal(DriftCollector.MaxVersionsPerGroup + 1, required.AgentVersions.Count);
        Assert.Equal("(more)", required.AgentVersions.Last());
    }

    [Theory]
    [InlineData("backend_linux@7.64.3", "backend_linux", "7.64.3")]
    [InlineData("windows", "windows", null)]
    [InlineData("/etc/schemas/backend_linux.schema.json", "backend_linux.schema.json", null)]
    [InlineData(@"C:\schemas\mine@2.json", "mine@2.json", null)]
    [InlineData(null, "(none)", null)]
    public void SchemaNamesAreGroupedWithoutVersionOrFolder(string? schema, string group, string? version)
    {
        Assert.Equal((group, version), DriftCollector.SchemaOf(schema));
    }
}
