using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Schema;
using CsmEvents.Tests.Reading;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Hostile;

/// <summary>Issue 12 item 12: the error names the column and the real cause.</summary>
public class MessageTests
{
    [Fact]
    public void TextAfterTheValueIsNamedWithItsColumnNotTruncation()
    {
        var h = ReadHarness.ReadText("{\"id\":2} x\n{\"id\":3}\n");
        Assert.Equal(new[] { "input.jsonl:1: invalid JSON at column 10: text after the end of the event object ('x')" }, h.ErrorMessages);
        Assert.Single(h.Events);
    }

    [Fact]
    public void CarriageReturnOnlyLineEndsAreNamed()
    {
        var h = ReadHarness.ReadText("{\"a\":1}\r{\"b\":2}\r{\"c\":3}\r");
        Assert.Equal(new[] { "input.jsonl:1: invalid JSON at column 9: another value follows a carriage return (CR) on the same line; records must end with LF or CRLF, CR alone does not end a record" }, h.ErrorMessages);
        Assert.Empty(ReadHarness.ReadText("{\"a\":1}\r\n{\"b\":2}\r\n").Errors); // CRLF is fine
    }

    [Fact]
    public void TestSaysAnArrayLikeGet()
    {
        var sink = new RecordingSink();
        var runner = new TestEventsRunner(new TestEventsOptions { SchemaName = "base" }, sink);
        runner.ReadStream(new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes("{}\n[1,2]\n\"s\"\n")), "x.jsonl");
        Assert.Equal(new[]
        {
            "x.jsonl:2: the value is an array, not a JSON object; an event must be an object",
            "x.jsonl:3: the value is a string, not a JSON object; an event must be an object",
        }, sink.ErrorMessages);
    }

    [Fact]
    public void ATruncatedLineIsStillCalledTruncated()
    {
        var h = ReadHarness.ReadText("{\"agent\":{\"rule_id\":\"x\"\n{\"id\":1}\n");
        Assert.Equal(new[] { "input.jsonl:1: invalid JSON: the record ends before its value is complete (truncated?)" }, h.ErrorMessages);
    }
}
