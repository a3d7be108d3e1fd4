using CsmEvents.Schema;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Schema;

public class EventSchemaSelectorTests
{
    [Theory]
    [InlineData(SampleEvents.WindowsExec, "windows")]
    [InlineData(SampleEvents.WindowsRegistry, "windows")]
    [InlineData("""{"agent": {"rule_id": "x", "os": "Windows"}, "title": "t"}""", "windows")]
    [InlineData(SampleEvents.OldLinuxOpen, "linux")]
    [InlineData("""{"evt": {"name": "bpf"}, "bpf": {"cmd": "BPF_PROG_LOAD"}}""", "linux")]
    [InlineData(SampleEvents.CurrentLinuxExec, null)]
    [InlineData("""{"agent": {"rule_id": "x"}, "title": "no os"}""", null)]
    [InlineData("""{"title": "title without agent", "evt": {"name": "open"}}""", null)]
    [InlineData("""{"evt": {"name": "open"}, "network": {"device": {}}}""", null)]
    [InlineData("""{"evt": {"name": "exec"}, "process": {"pid": 3, "argv0": "ls", "source": "event"}}""", null)]
    [InlineData("""{"evt": {"name": "exec"}, "process": {"pid": 3, "comm": "ls", "tid": 3}}""", "linux")]
    [InlineData(SampleEvents.BaseFormatOpen, "base")]
    [InlineData("{}", null)]
    [InlineData("[]", null)]
    [InlineData("\"event\"", null)]
    public void SelectsTheEmbeddedSchemaThatFits(string json, string? expected)
    {
        Assert.Equal(expected, EventSchemaSelector.SelectEmbedded(SampleEvents.Parse(json)));
    }

    [Theory]
    [InlineData(SampleEvents.WindowsExec, EventFormat.Windows)]
    [InlineData(SampleEvents.CurrentLinuxExec, EventFormat.CurrentLinux)]
    [InlineData("""{"agent": {"rule_id": "x"}, "title": "no os"}""", EventFormat.CurrentLinux)]
    [InlineData("""{"evt": {"name": "exec"}, "process": {"pid": 3, "argv0": "ls", "source": "event"}}""", EventFormat.CurrentLinux)]
    [InlineData(SampleEvents.OldLinuxOpen, EventFormat.OldLinux)]
    [InlineData(SampleEvents.BaseFormatOpen, EventFormat.Base)]
    [InlineData("{}", EventFormat.Unknown)]
    [InlineData("[]", EventFormat.Unknown)]
    public void ClassifiesTheFormat(string json, EventFormat expected)
    {
        Assert.Equal(expected, EventSchemaSelector.Classify(SampleEvents.Parse(json)));
    }

    [SharedFact]
    public void DatadogsAgentTestFixturesAreCurrentLinuxEventsThoughTheyLackAgentAndTitle()
    {
        // Serializer output before agent and title are added: their processes carry argv0 and source, which the old
        // format never had, so they must not be judged by the 2019 Linux schema.
        var lines = System.IO.File.ReadAllLines(RepoPaths.InShared("datadog-agent-events", "security-profile-exec-fixtures.jsonl"));
        Assert.Equal(18, lines.Length);
        Assert.All(lines, line => Assert.Equal(EventFormat.CurrentLinux, EventSchemaSelector.Classify(SampleEvents.Parse(line))));
    }

    [Fact]
    public void TheLegacySamplesStayOldFormat()
    {
        foreach (string line in System.IO.File.ReadAllLines(System.IO.Path.Combine(RepoPaths.Samples, "linux-legacy", "events.jsonl")))
        {
            Assert.Equal(EventFormat.OldLinux, EventSchemaSelector.Classify(SampleEvents.Parse(line)));
        }
    }
}
