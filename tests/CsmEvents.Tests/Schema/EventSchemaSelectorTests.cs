using CsmEvents.Schema;

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
    [InlineData(SampleEvents.BaseFormatOpen, "base")]
    [InlineData("{}", null)]
    [InlineData("[]", null)]
    [InlineData("\"event\"", null)]
    public void SelectsTheEmbeddedSchemaThatFits(string json, string? expected)
    {
        Assert.Equal(expected, EventSchemaSelector.SelectEmbedded(SampleEvents.Parse(json)));
    }

    [Fact]
    public void TheNoFitMessageTellsWhichFileToPass()
    {
        Assert.Contains("backend_linux.schema.json", EventSchemaSelector.NoEmbeddedSchemaMessage);
        Assert.StartsWith("no embedded schema fits this event", EventSchemaSelector.NoEmbeddedSchemaMessage);
    }
}
