using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.ProcessTree;
using CsmEvents.Reading;
using CsmEvents.Schema;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Model;

/// <summary>
/// Text the module formats for display (ToString, what <c>"$event"</c> prints) escapes terminal controls; the
/// properties and the JSON keep the exact values (issue 10 §2.10).
/// </summary>
public class DisplayTextEscapingTests
{
    private const string Evil = """{"agent":{"rule_id":"evil\u001b[2Jrule","os":"linux"},"evt":{"name":"op\u001b]0;t\u0007en"},"date":"2025-06-03T09:41:15Z","process":{"pid":7,"comm":"k\u001b[1Aw"}}""";

    [Fact]
    public void EventToStringEscapesTypeAndRuleWhilePropertiesAndJsonStayExact()
    {
        var evt = CsmEvent.Parse(Evil);
        Assert.Equal("2025-06-03T09:41:15Z op\\x1b]0;t\\x07en evil\\x1b[2Jrule", evt.ToString());
        Assert.Equal("evil\u001b[2Jrule", evt.RuleId);
        Assert.Equal("evil\u001b[2Jrule", CsmEvent.Parse(evt.ToJson()).RuleId);
    }

    [Fact]
    public void ProcessToStringEscapesTheName()
    {
        var evt = CsmEvent.Parse(Evil);
        Assert.Equal("k\\x1b[1Aw (7)", evt.Process!.ToString());
        Assert.Equal("k\u001b[1Aw", evt.Process.Name);
    }

    [Fact]
    public void SourceToStringEscapesThePathAndLocationStaysExact()
    {
        var envelope = new DatadogEnvelope { Id = "AQ\u001b[2J", Host = "web\u001b[5m" };
        var source = new EventSource("/cases/a\u001b[2Jb.jsonl", 3, null, envelope);
        Assert.Equal("/cases/a\\x1b[2Jb.jsonl:3", source.ToString());
        Assert.Equal("/cases/a\u001b[2Jb.jsonl:3", source.Location);
        Assert.Equal("log AQ\\x1b[2J from web\\x1b[5m", envelope.ToString());
    }

    [Fact]
    public void ReadErrorMessagesStayExactForTheHostToEscape()
    {
        var error = new ReadError(ReadErrorIds.InvalidJson, new EventSource("/a\u001bb", 2), "bad");
        Assert.Equal("/a\u001bb:2: bad", error.Message);
    }

    [Fact]
    public void ValidationResultAndSchemaErrorToStringEscape()
    {
        var sink = new RecordingSink();
        var runner = new TestEventsRunner(new TestEventsOptions { SchemaName = "windows", Detailed = true }, sink);
        runner.TestEvent(CsmEvent.Parse("""{"agent":{"os":"windows"},"x\u001b[2J":1}""", new EventSource("/c/\u001b[2J.jsonl", 4)));
        var result = Assert.IsType<CsmValidationResult>(Assert.Single(sink.Emitted));
        Assert.StartsWith("/c/\\x1b[2J.jsonl:4: ", result.ToString());
        Assert.DoesNotContain("\u001b", result.ToString());
        Assert.All(result.Errors, e => Assert.DoesNotContain("\u001b", e.ToString()));
    }

    [Fact]
    public void SchemaErrorToStringEscapesPathAndMessageWhichStayExact()
    {
        var error = new SchemaError("/x\u001b[2J", "#/type", "type", "value \u009b2J is not a number", null, null);
        Assert.Equal("/x\\x1b[2J: value \\x9b2J is not a number (#/type)", error.ToString());
        Assert.Equal("/x\u001b[2J", error.InstancePath);
    }

    [Fact]
    public void ProcessNodeToStringEscapesTheName()
    {
        var tree = ProcessTreeRunner.Run(new[] { CsmEvent.Parse(Evil, new EventSource("h.jsonl", 1)) });
        Assert.All(tree.Nodes, n => Assert.DoesNotContain("\u001b", n.ToString()));
        Assert.Contains(tree.Nodes, n => n.ToString().Contains("k\\x1b[1Aw (7)"));
    }
}
