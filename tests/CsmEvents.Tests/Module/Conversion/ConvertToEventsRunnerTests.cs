using System;
using System.Collections;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Conversion;
using CsmEvents.Model;
using CsmEvents.Model.Json;
using CsmEvents.Reading;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Module.Conversion;

public class ConvertToEventsRunnerTests
{
    private const string WindowsEvent = """{"agent":{"rule_id":"run_key_persistence","os":"windows"},"title":"Run key modified","evt":{"name":"set_key_value","category":"File Activity"},"date":"2025-06-03T08:52:10.5Z","registry":{"key_name":"Run","value_name":"Updater"}}""";
    private const string LinuxEvent = """{"agent":{"rule_id":"shell_from_webserver","os":"linux"},"title":"Shell","evt":{"name":"exec","category":"Process Activity","outcome":"Success"},"date":"2025-06-03T09:41:07.484120966Z","process":{"pid":24311,"args":["-c","id"]}}""";

    private static RecordingSink Run(params object?[] inputs)
    {
        var sink = new RecordingSink();
        using var runner = new ConvertToEventsRunner(sink, FakeHostAdapter.Instance);
        foreach (object? input in inputs) runner.Add(input);
        runner.Complete();
        return sink;
    }

    private static OrderedDictionary Plain(string json)
    {
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        return (OrderedDictionary)PlainJson.Read(ref reader)!;
    }

    /// <summary>The shape ConvertFrom-Json gives a JSON object: wrapped property bags all the way down.</summary>
    private static object? AsPSObjects(object? plain) => plain switch
    {
        OrderedDictionary d => new FakeWrapper(d.Cast<DictionaryEntry>().Aggregate(new FakeBag(), (bag, e) => bag.Add((string)e.Key, AsPSObjects(e.Value)))),
        object?[] items => items.Select(AsPSObjects).ToArray(),
        null => null,
        _ => new FakeWrapper(plain),
    };

    private static string[] Json(RecordingSink sink) => sink.EmittedOf<CsmEvent>().Select(e => e.ToJson()).ToArray();

    [Fact]
    public void JsonTextInOneStringOrManyBecomesEvents()
    {
        Assert.Equal(new[] { WindowsEvent, LinuxEvent }, Json(Run(WindowsEvent, LinuxEvent)));
        Assert.Equal(new[] { WindowsEvent, LinuxEvent }, Json(Run("[" + WindowsEvent + "," + LinuxEvent + "]")));
        Assert.Equal(new[] { WindowsEvent, LinuxEvent }, Json(Run(WindowsEvent + "\n" + LinuxEvent + "\n")));
    }

    [Fact]
    public void APrettyPrintedDocumentSpreadOverPipelineLinesIsOneEvent()
    {
        // Get-Content single-event.json | ConvertTo-CsmEvent sends one string per line.
        string pretty = CsmEvent.Parse(WindowsEvent).ToJson(indented: true);
        var sink = Run(pretty.Split('\n').Cast<object>().ToArray());
        Assert.Equal(new[] { WindowsEvent }, Json(sink));
        Assert.Equal("<pipeline>", sink.EmittedOf<CsmEvent>()[0].Source!.Path);
    }

    [Fact]
    public void HashtablesAndOrderedDictionariesBecomeEvents()
    {
        var table = new Hashtable
        {
            ["title"] = "Made by hand",
            ["agent"] = new Hashtable { ["rule_id"] = "test_rule", ["os"] = "linux" },
            ["evt"] = new OrderedDictionary { { "name", "open" }, { "category", "File Activity" } },
            ["file"] = new Hashtable { ["path"] = "/etc/shadow" },
        };
        var evt = Assert.Single(Run(table).EmittedOf<CsmEvent>());
        Assert.Equal("""{"agent":{"os":"linux","rule_id":"test_rule"},"evt":{"name":"open","category":"File Activity"},"file":{"path":"/etc/shadow"},"title":"Made by hand"}""", evt.ToJson());
        Assert.Equal("open", evt.EventType);
        Assert.Equal("/etc/shadow", evt.Target);
        Assert.Equal(CsmPlatform.Linux, evt.Platform);
        Assert.Equal("<input 1>", evt.Source!.ToString());
    }

    [Fact]
    public void ConvertFromJsonOutputConvertsBackToTheSameEvent()
    {
        var sink = Run(AsPSObjects(Plain(LinuxEvent)), AsPSObjects(Plain(WindowsEvent)));
        Assert.Equal(new[] { LinuxEvent, WindowsEvent }, Json(sink));
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public void DatesThatConvertFromJsonTurnedIntoDateTimesAreWrittenAsRfc3339()
    {
        var bag = new FakeBag()
            .Add("agent", new FakeBag().Add("rule_id", "r"))
            .Add("date", new FakeWrapper(new DateTime(2025, 6, 3, 9, 41, 7, DateTimeKind.Utc).AddTicks(4841209)));
        var evt = Assert.Single(Run(bag).EmittedOf<CsmEvent>());
        Assert.Equal("""{"agent":{"rule_id":"r"},"date":"2025-06-03T09:41:07.4841209Z"}""", evt.ToJson());
        Assert.Equal(new DateTimeOffset(2025, 6, 3, 9, 41, 7, TimeSpan.Zero).AddTicks(4841209), evt.Date);
    }

    [Fact]
    public void ADatadogPageFromInvokeRestMethodIsUnwrappedWithItsEnvelope()
    {
        string page = """
        {"data":[
          {"id":"AQAAAZc3","type":"log","attributes":{"attributes":LINUX,"host":"web-01","service":"runtime-security-agent","status":"info","tags":["source:runtime-security-agent","rule_id:shell_from_webserver"],"timestamp":"2025-06-03T09:41:07.484Z","message":"Shell"}},
          {"id":"AQAAAZc4","type":"log","attributes":{"attributes":WINDOWS,"host":"ws-01","tags":[],"timestamp":"2025-06-03T08:52:10.500Z"}}
        ],"meta":{"page":{"after":"cursor"},"status":"done"},"links":{"next":"https://api.datadoghq.com/next"}}
        """.Replace("LINUX", LinuxEvent).Replace("WINDOWS", WindowsEvent);
        var sink = Run(AsPSObjects(Plain(page)));

        Assert.Empty(sink.Errors);
        Assert.Equal(new[] { LinuxEvent, WindowsEvent }, Json(sink));
        var first = sink.EmittedOf<CsmEvent>()[0];
        Assert.Equal("web-01", first.HostName);
        Assert.Equal("AQAAAZc3", first.Source!.Envelope!.Id);
        Assert.Equal("runtime-security-agent", first.Source.Envelope.Service);
        Assert.Equal(new[] { "source:runtime-security-agent", "rule_id:shell_from_webserver" }, first.Source.Envelope.Tags);
        Assert.Equal("<input 1>", first.Source.Path);
        Assert.Equal(0, first.Source.Index);
        Assert.Equal(1, sink.EmittedOf<CsmEvent>()[1].Source!.Index);
    }

    [Fact]
    public void ASingleLogRecordAndAnArrayOfThemAreUnwrapped()
    {
        string log = """{"id":"L1","attributes":{"attributes":WINDOWS,"host":"ws-01"}}""".Replace("WINDOWS", WindowsEvent);
        var one = Run(AsPSObjects(Plain(log)));
        Assert.Equal(new[] { WindowsEvent }, Json(one));
        Assert.Equal("ws-01", one.EmittedOf<CsmEvent>()[0].HostName);

        var array = Run((object)new object?[] { AsPSObjects(Plain(log)), AsPSObjects(Plain(log)) });
        Assert.Equal(2, array.EmittedOf<CsmEvent>().Count);
        Assert.Equal("<input 1>[1]", array.EmittedOf<CsmEvent>()[1].Source!.Path);
    }

    [Fact]
    public void EventsPassThroughUnchanged()
    {
        var evt = CsmEvent.Parse(LinuxEvent, new EventSource("x.jsonl", 3));
        var emitted = Assert.Single(Run(new FakeWrapper(evt)).Emitted);
        Assert.Same(evt, emitted);
    }

    [Fact]
    public void EachBadInputIsOneErrorAndTheOthersStillConvert()
    {
        var file = new FileInfo("/tmp/x.json");
        var sink = Run(new FakeWrapper(5), WindowsEvent, null, file, new object?[] { new Hashtable { ["title"] = "ok" }, true }, "{\"title\": ", new Hashtable { ["x"] = double.NaN });

        Assert.Equal(new[] { WindowsEvent, """{"title":"ok"}""" }, Json(sink));
        Assert.Equal(new[]
        {
            "<input 1>: the value is a number (Int32), not an object; an event is JSON text, a hashtable, a PSCustomObject or a CsmEvent",
            "<input 3>: the value is null, not an object; an event is JSON text, a hashtable, a PSCustomObject or a CsmEvent",
            "<input 4>: a System.IO.FileInfo is not an event; give JSON text, a hashtable, a PSCustomObject or a CsmEvent",
            "<input 5>[1]: the value is the boolean true, not an object; an event is JSON text, a hashtable, a PSCustomObject or a CsmEvent",
            "<pipeline>:2: invalid JSON: the record ends before its value is complete (truncated?)",
            "<input 7>: the value at x is the number NaN, which JSON cannot hold",
        }, sink.ErrorMessages);
        Assert.Equal(new[] { ReadErrorIds.NotAnObject, ReadErrorIds.NotAnObject, ConversionErrorIds.UnsupportedValue, ReadErrorIds.NotAnObject, ReadErrorIds.InvalidJson, ConversionErrorIds.UnsupportedValue }, sink.ErrorIds);
        Assert.Equal(CsmErrorCategory.InvalidArgument, sink.Errors[0].Category);
        Assert.Same(file, sink.Errors[2].Target);
        Assert.Equal(CsmErrorCategory.ParserError, sink.Errors[4].Category);
        Assert.Equal("<pipeline>:2", sink.Errors[4].Target!.ToString());
    }

    [Fact]
    public void APartOfAnEventIsNotAnEvent()
    {
        var process = CsmEvent.Parse(LinuxEvent).Process!;
        var sink = Run(process);
        Assert.Equal(new[] { "<input 1>: a CsmEvents.Model.ProcessContext is a part of an event, not an event" }, sink.ErrorMessages);
    }

    [Fact]
    public void ModelObjectsInsideADictionaryAreWrittenLosslessly()
    {
        var source = CsmEvent.Parse(LinuxEvent);
        var sink = Run(new OrderedDictionary { { "agent", source.Agent }, { "process", source.Process } });
        Assert.Equal("""{"agent":{"rule_id":"shell_from_webserver","os":"linux"},"process":{"pid":24311,"args":["-c","id"]}}""", Json(sink).Single());
    }

    [Fact]
    public void ErrorsOfTheEventParserKeepTheirIds()
    {
        var sink = Run(new Hashtable { ["process"] = new Hashtable { ["pid"] = "not a number" } }, new OrderedDictionary { { "date", "yesterday" } });
        // Values of unexpected types are kept, not rejected: the model is lossless.
        Assert.Empty(sink.Errors);
        Assert.Equal("not a number", sink.EmittedOf<CsmEvent>()[0].Process!.AdditionalProperties["pid"]);
        Assert.Equal("""{"date":"yesterday"}""", sink.EmittedOf<CsmEvent>()[1].ToJson());
    }

    [Fact]
    public void ADatadogPageWithABadElementReportsItAndConvertsTheRest()
    {
        string page = """{"data":[5,{"id":"L2","attributes":{"attributes":WINDOWS}}]}""".Replace("WINDOWS", WindowsEvent);
        var sink = Run(AsPSObjects(Plain(page)));
        Assert.Equal(new[] { WindowsEvent }, Json(sink));
        Assert.Equal(new[] { "<input 1>: Datadog page element 0 is a number, not a log record object" }, sink.ErrorMessages);
        Assert.Equal(new[] { ReadErrorIds.InvalidDatadogEnvelope }, sink.ErrorIds);
    }

    [Fact]
    public void AStoppedPipelineStopsTheConversion()
    {
        var sink = new RecordingSink { StopAfter = 1 };
        using var runner = new ConvertToEventsRunner(sink, FakeHostAdapter.Instance);
        runner.Add(WindowsEvent);
        Assert.Throws<PipelineStoppedForTest>(() => runner.Add(new Hashtable { ["title"] = "t" }));
        Assert.Single(sink.Emitted);
    }
}
