using System;
using System.Linq;
using System.Text.Json;
using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.ProcessTree;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Model;

/// <summary>
/// The text an event crosses a serialization boundary with (Invoke-Command, Start-Job, Export-Clixml; issue 10
/// §2.6): the event rebuilt from it writes the same JSON line and keeps its source (file, line, array index, Datadog
/// envelope), so trees and views are the same as in one process.
/// </summary>
public class CsmEventTransferTests
{
    private const string Event = """{"agent":{"rule_id":"r","os":"linux"},"date":"2025-06-03T09:41:15.123456789Z","process":{"pid":7,"comm":"sh","exec_time":"2025-06-03T09:41:00.5Z","ancestors":[{"pid":1,"comm":"systemd"}]},"n":1.25e3,"z":-0,"unknown":{"b":1,"a":[true,null]}}""";

    [Fact]
    public void AnEventFromAFileComesBackWithTheSameJsonAndSource()
    {
        var original = CsmEvent.Parse(Event, new EventSource("/cases/web-01/e.jsonl", 12, 3));
        var back = CsmEventTransfer.FromJson(CsmEventTransfer.ToJson(original));
        Assert.Equal(Event, back.ToJson());
        Assert.Equal("/cases/web-01/e.jsonl", back.Source!.Path);
        Assert.Equal(12, back.Source.Line);
        Assert.Equal(3, back.Source.Index);
        Assert.Null(back.Source.Envelope);
        Assert.Equal(original.Timestamp, back.Timestamp);
        Assert.Equal("sh", back.Process!.Name);
    }

    [Fact]
    public void TheDatadogEnvelopeComesBackWithHostMessageTagsAndTimestamp()
    {
        var envelope = new DatadogEnvelope
        {
            Id = "AQAA", Host = "web-01", Message = "Shell spawned by a web server", Service = "runtime-security-agent", Status = "warning",
            Tags = new[] { "source:runtime-security-agent", "rule_id:r" },
            TimestampText = "2025-06-03T09:41:16.000Z", Timestamp = DateTimeOffset.Parse("2025-06-03T09:41:16Z", System.Globalization.CultureInfo.InvariantCulture),
        };
        var original = CsmEvent.Parse("""{"agent":{"rule_id":"r"}}""", new EventSource("api.datadoghq.com page 2", 1, 0, envelope));
        var back = CsmEventTransfer.FromJson(CsmEventTransfer.ToJson(original));
        var e = back.Source!.Envelope!;
        Assert.Equal(("AQAA", "web-01", "Shell spawned by a web server", "runtime-security-agent", "warning"), (e.Id, e.Host, e.Message, e.Service, e.Status));
        Assert.Equal(new[] { "source:runtime-security-agent", "rule_id:r" }, e.Tags);
        Assert.Equal("2025-06-03T09:41:16.000Z", e.TimestampText);
        Assert.Equal(envelope.Timestamp, e.Timestamp);
        Assert.Equal("web-01", back.HostName);
        Assert.Equal(envelope.Timestamp, back.Timestamp); // no date in the event: the log's timestamp
        Assert.Equal("api.datadoghq.com page 2", back.Source.Path);
    }

    [Fact]
    public void AnEventWithoutSourceAndAnEditedEventTravel()
    {
        var evt = CsmEvent.Parse("""{"agent":{"rule_id":"r"}}""");
        evt.Title = "edited";
        var back = CsmEventTransfer.FromJson(CsmEventTransfer.ToJson(evt));
        Assert.Null(back.Source);
        Assert.Equal("""{"agent":{"rule_id":"r"},"title":"edited"}""", back.ToJson());
    }

    [Fact]
    public void TreesFromTransferredEventsAreTheTreesOfTheOriginals()
    {
        var envelope = new DatadogEnvelope { Host = "web-01" };
        var originals = new[]
        {
            CsmEvent.Parse(Event, new EventSource("p", 1, 0, envelope)),
            CsmEvent.Parse("""{"process":{"pid":8,"comm":"curl","ppid":7,"ancestors":[{"pid":7,"comm":"sh","exec_time":"2025-06-03T09:41:00.5Z"},{"pid":1,"comm":"systemd"}]}}""", new EventSource("p", 2, 1, envelope)),
        };
        var moved = originals.Select(e => CsmEventTransfer.FromJson(CsmEventTransfer.ToJson(e))).ToArray();
        Assert.Equal(ProcessTreeRunner.Run(originals).ToTextLines(), ProcessTreeRunner.Run(moved).ToTextLines());
        Assert.Equal("host: web-01", ProcessTreeRunner.Run(moved).ToTextLines()[0]);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("""{"source":{"path":"x"}}""")]
    [InlineData("""{"event":[1]}""")]
    [InlineData("not json")]
    public void TextThatIsNoTransferredEventIsAJsonException(string text)
    {
        Assert.ThrowsAny<JsonException>(() => CsmEventTransfer.FromJson(text));
    }
}
