using System;
using System.Collections;
using System.IO;
using CsmEvents.Conversion;
using CsmEvents.Model;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Module.Conversion;

public class ConvertFromEventsRunnerTests
{
    private const string Line = """{"agent":{"rule_id":"r1","os":"linux"},"title":"t","evt":{"name":"exec"},"date":"2025-06-03T09:41:07.484120966Z","custom_counter":12345678901234567890,"custom_ratio":0.1000000000000000055511151231257827021181583404541015625,"process":{"pid":1,"is_exec":true}}""";

    private static RecordingSink Run(bool indented, params CsmEvent?[] events)
    {
        var sink = new RecordingSink();
        new ConvertFromEventsRunner(indented, sink, FakeHostAdapter.Instance).Convert(events);
        return sink;
    }

    [Fact]
    public void CompactTextIsTheLineTheEventWasReadFrom()
    {
        var sink = Run(false, CsmEvent.Parse(Line));
        Assert.Equal(new object[] { Line }, sink.Emitted);
    }

    [Fact]
    public void IndentedTextIsTheSameJsonOverSeveralLines()
    {
        var sink = Run(true, CsmEvent.Parse("""{"agent":{"rule_id":"r1"},"n":12345678901234567890}"""));
        // System.Text.Json 8 ends indented lines with Environment.NewLine.
        Assert.Equal(new object[] { "{\n  \"agent\": {\n    \"rule_id\": \"r1\"\n  },\n  \"n\": 12345678901234567890\n}".Replace("\n", Environment.NewLine) }, sink.Emitted);
    }

    [Fact]
    public void EditedPropertiesAreWrittenWithTheirNewValue()
    {
        var evt = CsmEvent.Parse(Line);
        evt.Process!.Pid = 7;
        evt.Date = new DateTimeOffset(2025, 6, 4, 0, 0, 0, TimeSpan.Zero);
        evt.AdditionalProperties["reviewed"] = true;
        var sink = Run(false, evt);
        Assert.Equal(new object[] { """{"agent":{"rule_id":"r1","os":"linux"},"title":"t","evt":{"name":"exec"},"date":"2025-06-04T00:00:00Z","custom_counter":12345678901234567890,"custom_ratio":0.1000000000000000055511151231257827021181583404541015625,"process":{"pid":7,"is_exec":true},"reviewed":true}""" }, sink.Emitted);
    }

    [Fact]
    public void HostWrappedValuesStoredByAUserAreWrittenAsTheirPlainForm()
    {
        // $evt.AdditionalProperties['seen'] = Get-Date stores a PSObject, and a PSCustomObject may be stored too.
        var evt = CsmEvent.Parse("""{"title":"t","process":{"pid":1}}""");
        evt.AdditionalProperties["seen"] = new FakeWrapper(new DateTimeOffset(2025, 6, 4, 1, 2, 3, TimeSpan.Zero));
        evt.Process!.AdditionalProperties["note"] = new FakeWrapper(new FakeBag().Add("by", new FakeWrapper("alice")).Add("tags", new object[] { new FakeWrapper("x") }));
        evt.AdditionalProperties["kept"] = new Hashtable { ["b"] = 1 };
        var sink = Run(false, evt);
        Assert.Empty(sink.Errors);
        Assert.Equal(new object[] { """{"title":"t","process":{"pid":1,"note":{"by":"alice","tags":["x"]}},"seen":"2025-06-04T01:02:03Z","kept":{"b":1}}""" }, sink.Emitted);
    }

    [Fact]
    public void AValueWithNoJsonFormIsOneErrorAndTheNextEventIsStillWritten()
    {
        var bad = CsmEvent.Parse("""{"title":"bad"}""", new EventSource("/data/x.jsonl", 4));
        bad.AdditionalProperties["file"] = new FileInfo("/tmp/x");
        var good = CsmEvent.Parse("""{"title":"good"}""");
        var sink = Run(false, bad, null, good);
        Assert.Equal(new object[] { """{"title":"good"}""" }, sink.Emitted);
        Assert.Equal(new[] { "/data/x.jsonl:4: cannot write the event as JSON: the value is a System.IO.FileInfo, which has no JSON form (use a string, number, boolean, date, array, hashtable or PSCustomObject)" }, sink.ErrorMessages);
        Assert.Equal(new[] { ConversionErrorIds.UnsupportedValue }, sink.ErrorIds);
        Assert.Same(bad, sink.Errors[0].Target);
    }
}
