using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.Reading;
using CsmEvents.Schema;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Hostile;

/// <summary>Issue 12 item 10: one reader, one verdict. Every record get refuses, test refuses with the same error;
/// every record get reads, test gives a verdict on.</summary>
public class VerdictTests
{
    public static IEnumerable<object[]> Records() => new[]
    {
        new object[] { "{\"a\":1,\"a\":2}", "DuplicateProperty", "duplicate property \"a\" in one object at column 8" },
        new object[] { "{\"a\":1,\"\\u0061\":2}", "DuplicateProperty", "duplicate property \"a\" in one object at column 8" },
        new object[] { "{\"o\":{\"k\":1,\"k\":2}}", "DuplicateProperty", "duplicate property \"k\" in one object at column 13" },
        new object[] { "{\"process\":{\"pid\":1,\"pid\":2}}", "DuplicateProperty", "duplicate property \"pid\" in one object at column 21" },
        new object[] { "{\"l\":[{\"x\":1},{\"x\":1,\"x\":1}]}", "DuplicateProperty", "duplicate property \"x\" in one object at column 22" },
        new object[] { "{\"s\":\"\\ud800\"}", "LoneSurrogate", "lone surrogate U+D800 at column 7" },
        new object[] { "{\"title\":\"\\udfff\"}", "LoneSurrogate", "lone surrogate U+DFFF at column 11" },
        // Found by the fuzz target: a Datadog-looking record whose member name is not text crashed the envelope check.
        new object[] { "{\"attributes\":{\"x\":1},\"\\udc00\":1}", "LoneSurrogate", "lone surrogate U+DC00 at column 24" },
        new object[] { "[1]", "NotAnObject", "the value is an array, not a JSON object; an event must be an object" },
        new object[] { "{\"id\":2} x", "InvalidJson", "invalid JSON at column 10: text after the end of the event object ('x')" },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void GetAndTestRefuseTheSameRecordWithTheSameMessage(string record, string id, string reasonStart)
    {
        // A good record first: an input that starts with '[' is a JSON array.
        var (getErrors, testErrors, verdicts) = Both(Encoding.UTF8.GetBytes("{\"title\":\"first\"}\n" + record + "\n{\"title\":\"fine\"}\n"));
        Assert.Equal(id, Assert.Single(getErrors).ErrorId);
        Assert.StartsWith("x.jsonl:2: " + reasonStart, getErrors[0].Message);
        Assert.Equal(getErrors.Select(e => (e.ErrorId, e.Message)), testErrors.Select(e => (e.ErrorId, e.Message)));
        Assert.Equal(2, verdicts.Count); // the good records still get their verdicts
    }

    [Fact]
    public void InvalidUtf8InANameOrAValueIsTheSameErrorForBoth()
    {
        foreach (var bad in new[] { new byte[] { 0xC3, 0x28 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xE0, 0x80, 0xAF }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0x80 } })
        {
            foreach (string template in new[] { "{\"s\":\"a#b\"}", "{\"a#\":1}" })
            {
                int at = template.IndexOf('#');
                var bytes = Encoding.UTF8.GetBytes(template.Substring(0, at)).Concat(bad).Concat(Encoding.UTF8.GetBytes(template.Substring(at + 1) + "\n")).ToArray();
                var (getErrors, testErrors, _) = Both(bytes);
                Assert.Equal("InvalidUtf8", Assert.Single(getErrors).ErrorId);
                Assert.Equal(getErrors.Select(e => e.Message), testErrors.Select(e => e.Message));
                Assert.Contains("at column " + (at + 1) + ": byte", getErrors[0].Message);
            }
        }
    }

    [Fact]
    public void TheUtf8MessagesSayWhatTheBytesAre()
    {
        string Message(params byte[] bad) => Both(Encoding.UTF8.GetBytes("{\"s\":\"").Concat(bad).Concat(Encoding.UTF8.GetBytes("\"}\n")).ToArray()).Get[0].Message;
        Assert.EndsWith("byte 0xFF, which never occurs in UTF-8", Message(0xFF));
        Assert.EndsWith("byte 0x80, a continuation byte without a lead byte", Message(0x80));
        Assert.EndsWith("byte 0xC3, a UTF-8 sequence cut short", Message(0xC3, 0x28));
        Assert.EndsWith("bytes 0xED 0xA0 0x80, a UTF-16 surrogate encoded as UTF-8 (not a character)", Message(0xED, 0xA0, 0x80));
        Assert.EndsWith("bytes 0xE0 0x80 0xAF, an overlong encoding", Message(0xE0, 0x80, 0xAF));
        Assert.EndsWith("bytes 0xF4 0x90 0x80 0x80, beyond the last Unicode character U+10FFFF", Message(0xF4, 0x90, 0x80, 0x80));
    }

    [Fact]
    public void TestCsmEventNoLongerCallsDuplicateKeysValid()
    {
        var sink = new RecordingSink();
        var runner = new TestEventsRunner(new TestEventsOptions { SchemaName = "base" }, sink);
        using (var text = runner.BeginText("<pipeline>"))
        {
            text.Append("{\"a\":1,\"a\":2}");
            text.Complete();
        }
        Assert.Empty(sink.Emitted);
        Assert.Equal(new[] { "<pipeline>:1: duplicate property \"a\" in one object at column 8 (it cannot be kept without losing one of the values)" }, sink.ErrorMessages);
    }

    internal static (List<CsmError> Get, List<CsmError> Test, List<object> Verdicts) Both(byte[] bytes)
    {
        var getSink = new RecordingSink();
        new GetEventsRunner(new GetEventsOptions(), getSink).ReadStream(new System.IO.MemoryStream(bytes), "x.jsonl");
        var testSink = new RecordingSink();
        var test = new TestEventsRunner(new TestEventsOptions { SchemaName = "base" }, testSink);
        test.ReadStream(new System.IO.MemoryStream(bytes), "x.jsonl");
        // The files path of `csm-events test` validates on every core: same errors there too.
        var parallelSink = new RecordingSink();
        var parallel = new TestEventsRunner(new TestEventsOptions { SchemaName = "base" }, parallelSink);
        var consumer = parallel.CreateParallelConsumer();
        EventInput.ReadStream(new System.IO.MemoryStream(bytes), "x.jsonl", consumer);
        consumer.Complete();
        Assert.Equal(testSink.ErrorMessages, parallelSink.ErrorMessages);
        return (getSink.Errors, testSink.Errors, testSink.Emitted);
    }
}
