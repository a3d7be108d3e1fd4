using System.Linq;
using System.Text;
using CsmEvents.Model;

namespace CsmEvents.Tests.Reading;

public class InputFormTests
{
    private const string A = """{"evt":{"name":"exec"},"agent":{"rule_id":"a"}}""";
    private const string B = """{"evt":{"name":"open"},"agent":{"rule_id":"b"}}""";

    private static string[] Rules(ReadHarness h) => h.Events.Select(e => e.RuleId!).ToArray();
    private static string[] Where(ReadHarness h) => h.Events.Select(e => e.Source!.ToString() + (e.Source.Index is long i ? "#" + i : "")).ToArray();

    [Fact]
    public void JsonLinesWithCrLfBlankLinesAndBom()
    {
        var h = ReadHarness.ReadText("\uFEFF" + A + "\r\n\r\n  \n" + B + "\r\n");
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Equal(new[] { "input.jsonl:1", "input.jsonl:4" }, Where(h));
    }

    [Fact]
    public void JsonLinesWithoutFinalNewline()
    {
        var h = ReadHarness.ReadText(A + "\n" + B);
        Assert.Equal(new[] { "a", "b" }, Rules(h));
    }

    [Fact]
    public void SinglePrettyPrintedObject()
    {
        var h = ReadHarness.ReadText("\n{\n  \"evt\": {\"name\": \"exec\"},\n  \"agent\": {\"rule_id\": \"a\"}\n}\n", "one.json");
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "one.json:2" }, Where(h));
    }

    [Fact]
    public void ConcatenatedPrettyPrintedObjects()
    {
        var h = ReadHarness.ReadText("{\n \"agent\": {\"rule_id\": \"a\"}\n}\n{\n \"agent\": {\"rule_id\": \"b\"}\n}", "two.json");
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Equal(new[] { "two.json:1", "two.json:4" }, Where(h));
    }

    [Fact]
    public void JsonArrayGivesIndexAndLine()
    {
        var h = ReadHarness.ReadText("[\n  " + A + ",\n  " + B + "\n]\n", "arr.json");
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "arr.json:2#0", "arr.json:3#1" }, Where(h));
    }

    [Fact]
    public void EmptyArrayAndEmptyInputGiveNothing()
    {
        Assert.Empty(ReadHarness.ReadText("[ ]").Events);
        Assert.Empty(ReadHarness.ReadText("[ ]").Errors);
        Assert.Empty(ReadHarness.ReadText("").Errors);
        Assert.Empty(ReadHarness.ReadText("\n\n").Errors);
    }

    [Theory]
    [InlineData("lines")]
    [InlineData("array")]
    [InlineData("pretty")]
    public void GzipOfEveryFormIsDetectedFromContent(string form)
    {
        string text = form switch
        {
            "lines" => A + "\n" + B + "\n",
            "array" => "[" + A + "," + B + "]",
            _ => "{\n\"agent\":{\"rule_id\":\"a\"}\n}\n{\n\"agent\":{\"rule_id\":\"b\"}\n}\n",
        };
        var h = ReadHarness.ReadBytes(ReadHarness.Gzip(Encoding.UTF8.GetBytes(text)), "events.txt");
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "a", "b" }, Rules(h));
    }

    [Fact]
    public void Utf16TextWithByteOrderMarkIsRead()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(A + "\r\n" + B.Replace("open", "öffnen") + "\r\n")).ToArray();
        var h = ReadHarness.ReadBytes(bytes);
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "exec", "öffnen" }, h.Events.Select(e => e.EventType).ToArray());
    }

    private const string Page = """
    {
      "data": [
        {
          "id": "AAAA1",
          "type": "log",
          "attributes": {
            "attributes": {"evt": {"name": "exec"}, "agent": {"rule_id": "a"}},
            "host": "web-01",
            "service": "runtime-security-agent",
            "status": "info",
            "tags": ["source:runtime-security-agent", "rule_id:a"],
            "timestamp": "2026-11-20T10:15:30.123Z"
          }
        },
        {"id": "AAAA2", "type": "log", "attributes": {"attributes": {"agent": {"rule_id": "b"}}, "host": "web-02"}}
      ],
      "links": {"next": "https://api.datadoghq.com/api/v2/logs/events?page[cursor]=x"},
      "meta": {"page": {"after": "x"}, "status": "done"}
    }
    """;

    [Fact]
    public void DatadogPageIsUnwrappedWithEnvelope()
    {
        var h = ReadHarness.ReadText(Page, "page.json");
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Equal(new[] { "page.json:7#0", "page.json:15#1" }, Where(h));
        var env = h.Events[0].Source!.Envelope!;
        Assert.Equal("AAAA1", env.Id);
        Assert.Equal("web-01", env.Host);
        Assert.Equal("runtime-security-agent", env.Service);
        Assert.Equal("info", env.Status);
        Assert.Equal(new[] { "source:runtime-security-agent", "rule_id:a" }, env.Tags);
        Assert.Equal(new System.DateTimeOffset(2026, 11, 20, 10, 15, 30, 123, System.TimeSpan.Zero), env.Timestamp);
        Assert.Equal("web-01", h.Events[0].HostName);
        // The envelope is not part of the event's own JSON.
        Assert.Equal("""{"evt":{"name":"exec"},"agent":{"rule_id":"a"}}""", h.Events[0].ToJson());
        // Without a date in the event, the log timestamp is the event time.
        Assert.Equal(env.Timestamp, h.Events[0].Timestamp);
    }

    [Fact]
    public void CompactDatadogPagesAsJsonLines()
    {
        string compact = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(Page).RootElement);
        var h = ReadHarness.ReadText(compact + "\n" + compact + "\n", "pages.jsonl");
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "a", "b", "a", "b" }, Rules(h));
        Assert.Equal(new[] { "pages.jsonl:1#0", "pages.jsonl:1#1", "pages.jsonl:2#0", "pages.jsonl:2#1" }, Where(h));
    }

    [Fact]
    public void ArrayOfLogRecordsIsUnwrapped()
    {
        var h = ReadHarness.ReadText("""[{"id":"L1","attributes":{"host":"h1","attributes":{"agent":{"rule_id":"a"}}}},""" + A + "]");
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "a", "a" }, Rules(h));
        Assert.Equal("h1", h.Events[0].Source!.Envelope!.Host);
        Assert.Null(h.Events[1].Source!.Envelope);
    }

    [Fact]
    public void PipelineTextLineByLineAndWholeDocuments()
    {
        var harness = new ReadHarness();
        var runner = new CsmEvents.Commands.GetEventsRunner(new CsmEvents.Commands.GetEventsOptions(), harness);
        using (var text = runner.BeginText("<pipeline>"))
        {
            // Get-Content of a pretty-printed file sends one line at a time.
            foreach (string line in new[] { "{", "  \"agent\": {\"rule_id\": \"a\"}", "}" }) text.Append(line);
            text.Append("{\n \"agent\": {\"rule_id\": \"b\"}\n}");
            text.Complete();
        }
        Assert.Empty(harness.Errors);
        Assert.Equal(new[] { "a", "b" }, Rules(harness));
        Assert.Equal(new[] { "<pipeline>:1", "<pipeline>:4" }, Where(harness));
    }

    [Fact]
    public void PipelineJsonLinesStreamBeforeTheInputEnds()
    {
        var harness = new ReadHarness();
        var runner = new CsmEvents.Commands.GetEventsRunner(new CsmEvents.Commands.GetEventsOptions(), harness);
        using var text = runner.BeginText("<pipeline>");
        text.Append(A);
        Assert.Single(harness.Events); // each pipeline string ends a line: its event is emitted at once
        text.Append(B);
        Assert.Equal(2, harness.Events.Count);
        text.Complete();
        Assert.Equal(2, harness.Events.Count);
    }

    [Fact]
    public void LogAttributesWithoutTheIdWrapperAreUnwrapped()
    {
        // What PowerShell's $response.data.attributes gives, one object per log.
        var h = ReadHarness.ReadText("""{"attributes":{"agent":{"rule_id":"a"}},"host":"web-01","service":"runtime-security-agent","tags":["t:1"],"timestamp":"2026-11-20T10:00:00Z"}""");
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "a" }, Rules(h));
        Assert.Equal("web-01", h.Events[0].HostName);
        Assert.Equal("""{"agent":{"rule_id":"a"}}""", h.Events[0].ToJson());
    }

    [Fact]
    public void AnEventWithAnUnknownAttributesMemberStaysAnEvent()
    {
        var h = ReadHarness.ReadText("""{"agent":{"rule_id":"a"},"attributes":{"x":1}}""");
        Assert.Empty(h.Errors);
        Assert.Equal("""{"agent":{"rule_id":"a"},"attributes":{"x":1}}""", h.Events[0].ToJson());
    }
}
