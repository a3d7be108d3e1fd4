using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsmEvents.Commands;
using CsmEvents.Conversion;
using CsmEvents.Export;
using CsmEvents.Model;
using CsmEvents.Tests.Cli;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Export;

/// <summary>Events written inside Datadog log records (--format datadog-log, -As DatadogLog) and read back.</summary>
public class DatadogLogLineTests
{
    private static readonly string Page = RepoPaths.InRepo("samples", "datadog", "logs-search-page.json");

    private static CsmEvent[] Read(string path)
    {
        var sink = new RecordingSink();
        new GetEventsRunner(new GetEventsOptions(), sink).ReadPaths(new[] { path });
        Assert.Empty(sink.Errors);
        return sink.Emitted.Cast<CsmEvent>().ToArray();
    }

    private static CsmEvent[] ReadText(string text)
    {
        var sink = new RecordingSink();
        new GetEventsRunner(new GetEventsOptions(), sink).ReadStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), "saved.jsonl");
        Assert.Empty(sink.Errors);
        return sink.Emitted.Cast<CsmEvent>().ToArray();
    }

    [Fact]
    public void TheRecordHoldsTheEventAsWrittenAndEveryEnvelopeMember()
    {
        var envelope = new DatadogEnvelope
        {
            Id = "AQAA-1", Host = "web \"01\"", Message = "Shell spawned", Service = "runtime-security-agent", Status = "warning",
            Tags = new[] { "env:prod", "rule_id:r1" }, TimestampText = "2025-06-03T09:41:07.484Z",
        };
        byte[] line = DatadogLogLine.Utf8(Encoding.UTF8.GetBytes("{\"evt\":{\"name\":\"exec\"},\"n\":1.50e3}"), envelope);
        Assert.Equal(
            "{\"id\":\"AQAA-1\",\"type\":\"log\",\"attributes\":{\"attributes\":{\"evt\":{\"name\":\"exec\"},\"n\":1.50e3}," +
            "\"host\":\"web \\\"01\\\"\",\"message\":\"Shell spawned\",\"service\":\"runtime-security-agent\",\"status\":\"warning\"," +
            "\"tags\":[\"env:prod\",\"rule_id:r1\"],\"timestamp\":\"2025-06-03T09:41:07.484Z\"}}",
            Encoding.UTF8.GetString(line));
    }

    [Fact]
    public void AnEventWithoutEnvelopeGetsARecordHoldingOnlyTheEvent()
    {
        Assert.Equal("{\"type\":\"log\",\"attributes\":{\"attributes\":{\"a\":1}}}", DatadogLogLine.Text("{\"a\":1}", null));
        var back = Assert.Single(ReadText(DatadogLogLine.Text("{\"evt\":{\"name\":\"open\"}}", null) + "\n"));
        Assert.Equal("{\"evt\":{\"name\":\"open\"}}", back.ToJson());
        Assert.Null(back.Source!.Envelope!.Host);
    }

    [Fact]
    public void ConvertFromWritesLogRecordsThatReadBackToTheSameEventsAndEnvelopes()
    {
        var events = Read(Page);
        var sink = new RecordingSink();
        var runner = new ConvertFromEventsRunner(EventTextFormat.DatadogLog, indented: false, sink);
        runner.Convert(events);
        var lines = sink.Emitted.Cast<string>().ToList();
        Assert.Equal(events.Length, lines.Count);
        var back = ReadText(string.Join("\n", lines) + "\n");
        AssertSameEventsAndEnvelopes(events, back);
        // The saved file is one record per line, and each event's source is its line there.
        Assert.Equal(Enumerable.Range(1, events.Length).Select(i => (long)i), back.Select(e => e.Source!.Line));
    }

    [Fact]
    public void CliGetWritesTheSameRecordsAsConvertFrom()
    {
        var run = CliRun.Run(new[] { "get", Page, "--format", "datadog-log" });
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        var sink = new RecordingSink();
        new ConvertFromEventsRunner(EventTextFormat.DatadogLog, indented: false, sink).Convert(Read(Page));
        Assert.Equal(sink.Emitted.Cast<string>(), run.StdoutLines);
        // With a filter the events are parsed first; the records are the same.
        var filtered = CliRun.Run(new[] { "get", Page, "--format", "datadog-log", "--event-type", "connect" });
        Assert.Equal(0, filtered.ExitCode);
        Assert.Equal(run.StdoutLines.Where(l => l.Contains("\"type:connect\"")), filtered.StdoutLines);
        Assert.Equal(2, filtered.StdoutLines.Length);
    }

    [Fact]
    public void TagsSetToNullOrHoldingNullAreWrittenAndRead()
    {
        var envelope = new DatadogEnvelope { Host = "h", Tags = null! };
        Assert.Empty(envelope.Tags);
        Assert.Equal("{\"type\":\"log\",\"attributes\":{\"attributes\":{},\"host\":\"h\"}}", DatadogLogLine.Text("{}", envelope));
        var evt = CsmEvent.Parse("{}", new EventSource("p", 1, null, envelope));
        Assert.Equal("h", CsmEventTransfer.FromJson(CsmEventTransfer.ToJson(evt)).Source!.Envelope!.Host);
        envelope.Tags = new[] { null!, "severity:high" };
        Assert.Equal("{\"type\":\"log\",\"attributes\":{\"attributes\":{},\"host\":\"h\",\"tags\":[null,\"severity:high\"]}}", DatadogLogLine.Text("{}", envelope));
        Assert.Equal(4, CsmEvents.Report.Severity.RankOf(evt));
    }

    [Fact]
    public void IndentedIsRefusedForLogRecords()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ConvertFromEventsRunner(EventTextFormat.DatadogLog, indented: true, new RecordingSink()));
        Assert.Equal("-Indented applies to JSON only; DatadogLog output is one line per event", ex.Message);
    }

    private static void AssertSameEventsAndEnvelopes(IReadOnlyList<CsmEvent> expected, IReadOnlyList<CsmEvent> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].ToJson(), actual[i].ToJson());
            var a = expected[i].Source!.Envelope!;
            var b = actual[i].Source!.Envelope!;
            Assert.Equal(
                (a.Id, a.Host, a.Message, a.Service, a.Status, string.Join("|", a.Tags), a.TimestampText, a.Timestamp),
                (b.Id, b.Host, b.Message, b.Service, b.Status, string.Join("|", b.Tags), b.TimestampText, b.Timestamp));
            Assert.NotNull(a.Message);
        }
    }
}
