using System.Collections;
using System.Collections.Specialized;
using CsmEvents.Commands;
using CsmEvents.Conversion;
using CsmEvents.Model;
using CsmEvents.Model.Json;
using CsmEvents.ProcessTree;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Model;

/// <summary>
/// Numbers survive as written in every writer of event JSON (issue 10 §2.5, issue 12 item 9): exponent forms and
/// negative zero, in typed members and in untyped ones, through ConvertFrom-CsmEvent (compact and indented), the
/// process tree's JSON with events, and ConvertTo-CsmEvent from text and from host objects.
/// </summary>
public class NumberTextTests
{
    private const string Event = """{"agent":{"rule_id":"r"},"process":{"pid":-0,"ppid":1E2},"n":1.25e3,"z":-0,"zd":-0.0,"small":1e-7,"e":2E+5,"d":1.50,"big":123456789012345678901234567890,"i":42,"dd":{"span_id":-0}}""";

    [Fact]
    public void CompactWriteGivesEveryNumberAsWritten()
    {
        Assert.Equal(Event, CsmEvent.Parse(Event).ToJson());
    }

    [Fact]
    public void IndentedWriteGivesEveryNumberAsWritten()
    {
        string indented = CsmEvent.Parse(Event).ToJson(indented: true);
        foreach (string number in new[] { "-0", "1E2", "1.25e3", "-0.0", "1e-7", "2E+5", "1.50", "123456789012345678901234567890", "42" })
        {
            Assert.Contains(": " + number + ",", indented.Replace("\r\n", "\n").Replace("\n", ",") + ",");
        }
    }

    [Theory]
    [InlineData("1.25e3")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("1E2")]
    [InlineData("1e-7")]
    [InlineData("0.0000000000000000000000000001234")]
    public void NumbersNoDotNetTypeWritesBackAreRawJsonNumbers(string text)
    {
        var evt = CsmEvent.Parse("{\"x\":" + text + "}");
        var raw = Assert.IsType<RawJsonNumber>(evt.AdditionalProperties["x"]);
        Assert.Equal(text, raw.Text);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-12", -12L)]
    [InlineData("1.50", 1.50)]
    [InlineData("0.1", 0.1)]
    public void OrdinaryNumbersStayOrdinaryNumbers(string text, object expected)
    {
        var evt = CsmEvent.Parse("{\"x\":" + text + "}");
        object? value = evt.AdditionalProperties["x"];
        if (expected is double d) Assert.Equal((decimal)d, Assert.IsType<decimal>(value));
        else Assert.Equal(expected, value);
    }

    [Fact]
    public void NegativeZeroInATypedMemberIsKeptAsAPlainValue()
    {
        var evt = CsmEvent.Parse("""{"process":{"pid":-0,"comm":"sh"}}""");
        Assert.Null(evt.Process!.Pid);
        Assert.Equal("-0", Assert.IsType<RawJsonNumber>(evt.Process.AdditionalProperties["pid"]).Text);
        Assert.Equal("""{"process":{"pid":-0,"comm":"sh"}}""", evt.ToJson());
    }

    [Fact]
    public void RawNumbersCompareByValue()
    {
        var raw = new RawJsonNumber("1.25e3");
        Assert.True(raw.CompareTo(1000L) > 0);
        Assert.True(raw.CompareTo(1250m) == 0);
        Assert.True(raw.CompareTo(new RawJsonNumber("2e3")) < 0);
        Assert.Equal(1250.0, System.Convert.ToDouble(raw, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-0.0, new RawJsonNumber("-0").ToDouble());
    }

    [Fact]
    public void ConvertFromEventsRunnerWritesTheNumbersAsRead()
    {
        var sink = new RecordingSink();
        new ConvertFromEventsRunner(indented: false, sink).Convert(CsmEvent.Parse(Event));
        Assert.Equal(Event, Assert.Single(sink.Emitted));
    }

    [Fact]
    public void TreeJsonWithEventsWritesTheNumbersAsRead()
    {
        var sink = new RecordingSink();
        var runner = new TreeCommandRunner(new TreeCommandOptions { Output = TreeOutput.Json, Tree = new ProcessTreeOptions { IncludeEvents = true } }, sink);
        runner.Add(CsmEvent.Parse("""{"process":{"pid":7,"comm":"sh"},"n":1.25e3,"z":-0}"""));
        runner.Complete();
        string json = (string)Assert.Single(sink.Emitted);
        Assert.Contains("\"n\": 1.25e3", json);
        Assert.Contains("\"z\": -0", json);
    }

    [Fact]
    public void ConvertToEventsRunnerFromTextKeepsTheNumbers()
    {
        var sink = new RecordingSink();
        using (var runner = new ConvertToEventsRunner(sink))
        {
            runner.Add("""{"n":1.25e3,"z":-0}""");
            runner.Complete();
        }
        Assert.Equal("""{"n":1.25e3,"z":-0}""", Assert.IsType<CsmEvent>(Assert.Single(sink.Emitted)).ToJson());
    }

    [Fact]
    public void ConvertToEventsRunnerFromHostValuesWritesNegativeZeroAsMinusZero()
    {
        // ConvertFrom-Json gives [double] values: the text (1.25e3) is gone before the runner sees it, the value is
        // written in its shortest form; a double negative zero stays negative.
        var sink = new RecordingSink();
        using (var runner = new ConvertToEventsRunner(sink))
        {
            runner.Add(new OrderedDictionary { { "n", 1250.0 }, { "z", -0.0 }, { "l", 0L } });
            runner.Complete();
        }
        Assert.Equal("""{"n":1250,"z":-0,"l":0}""", Assert.IsType<CsmEvent>(Assert.Single(sink.Emitted)).ToJson());
    }
}
