using System.Collections.Specialized;
using CsmEvents.Model;

namespace CsmEvents.Tests.Model;

public class LosslessRoundTripTests
{
    [Theory]
    [InlineData("""{"agent":{"rule_id":"r1","os":"linux"},"title":"t","evt":{"name":"exec","category":"Process Activity","outcome":"Success"},"date":"2026-11-20T10:15:30.123456789Z"}""")]
    [InlineData("""{"title":"t","agent":{"rule_id":"r1"},"zz":1,"date":"2026-11-20T10:15:30.1+02:00"}""")]
    [InlineData("""{"process":{"pid":"12","ppid":null,"exec_time":"not a date","args":["a",1],"parent":[],"custom":{"deep":[1,2,{"x":12345678901234567890}]}}}""")]
    [InlineData("""{"n":12345678901234567890,"big":123456789012345678901234567890,"d":1.10,"e":1e400,"f":0.1000000000000000000000000000001,"neg":-0.0}""")]
    [InlineData("""{"dd":{"span_id":"123","trace_id":12345678901234567890},"file":{"inode":18446744073709551615,"path":"/tmp/é\t\u0001"}}""")]
    [InlineData("""{"process":{"cmdline":"cmd.exe /c \"x\"","user":"CONTOSO\\alice","pid":4,"exec_time":"2026-11-20T10:15:30Z"}}""")]
    [InlineData("""{"process":{"ancestors":[{"pid":2,"comm":"bash"},"not a process",{"pid":1}],"args":["a","b",{"c":1}]},"title":"after"}""")]
    public void ReadThenWriteGivesTheSameJsonText(string json)
    {
        var evt = CsmEvent.Parse(json);
        Assert.Equal(json, evt.ToJson());
    }

    [Fact]
    public void ValuesOfUnexpectedTypeAreKeptAsAdditionalProperties()
    {
        var evt = CsmEvent.Parse("""{"process":{"pid":"12","comm":"sh"}}""");
        Assert.Null(evt.Process!.Pid);
        Assert.Equal("12", evt.Process.AdditionalProperties["pid"]);
        evt.Process.Pid = 13;
        Assert.Equal("""{"process":{"comm":"sh","pid":13}}""", evt.ToJson());
    }

    [Fact]
    public void ListsWithAnItemOfAnotherTypeAreKeptWholeAsPlainValues()
    {
        var evt = CsmEvent.Parse("""{"process":{"ancestors":[{"pid":2},"x"],"args":["a",1],"comm":"sh"}}""");
        Assert.Null(evt.Process!.Ancestors);
        Assert.Null(evt.Process.Args);
        Assert.Equal("sh", evt.Process.Comm);
        var ancestors = (object?[])evt.Process.AdditionalProperties["ancestors"]!;
        Assert.Equal(2L, ((OrderedDictionary)ancestors[0]!)["pid"]);
        Assert.Equal("x", ancestors[1]);
        Assert.Equal(new object?[] { "a", 1L }, (object?[])evt.Process.AdditionalProperties["args"]!);
    }

    [Fact]
    public void UnknownObjectsSurfaceAsOrderedDictionariesOfPlainValues()
    {
        var evt = CsmEvent.Parse("""{"x":{"b":1,"a":[true,"s",null,12345678901234567890,1.5]}}""");
        var x = Assert.IsType<OrderedDictionary>(evt.AdditionalProperties["x"]);
        Assert.Equal(new object[] { "b", "a" }, new System.Collections.ArrayList(x.Keys).ToArray());
        Assert.Equal(1L, x["b"]);
        Assert.Equal(new object?[] { true, "s", null, 12345678901234567890UL, 1.5m }, (object?[])x["a"]!);
    }

    [Fact]
    public void NanosecondTimestampsAreComparableAndKeptAsWritten()
    {
        var evt = CsmEvent.Parse("""{"date":"2026-11-20T10:15:30.123456789+02:00"}""");
        Assert.Equal(new System.DateTimeOffset(2026, 11, 20, 10, 15, 30, System.TimeSpan.FromHours(2)).AddTicks(1234567), evt.Date);
        Assert.Equal("""{"date":"2026-11-20T10:15:30.123456789+02:00"}""", evt.ToJson());
        evt.Date = new System.DateTimeOffset(2026, 1, 2, 3, 4, 5, System.TimeSpan.Zero).AddTicks(5000);
        Assert.Equal("""{"date":"2026-01-02T03:04:05.0005Z"}""", evt.ToJson());
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""", "duplicate property \"a\"")]
    [InlineData("""{"process":{"pid":1,"pid":2}}""", "duplicate property \"pid\"")]
    [InlineData("""[1]""", "the value is an array, not a JSON object")]
    public void InvalidEventsThrowJsonExceptionWithReason(string json, string reason)
    {
        var ex = Assert.Throws<System.Text.Json.JsonException>(() => CsmEvent.Parse(json));
        Assert.Contains(reason, ex.Message);
    }
}
