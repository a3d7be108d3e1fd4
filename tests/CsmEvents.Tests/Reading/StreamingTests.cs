using System;
using System.Linq;
using System.IO;
using System.Text;
using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Tests.Reading;

public class StreamingTests
{
    [Fact]
    public void AnExceptionFromTheConsumerStopsReadingAndIsNotSwallowed()
    {
        var lines = new StringBuilder();
        for (int i = 0; i < 1000; i++) lines.Append("{\"agent\":{\"rule_id\":\"r" + i + "\"}}\n");
        var harness = new ReadHarness { OnEmit = e => e.RuleId != "r2" };
        var runner = new GetEventsRunner(new GetEventsOptions(), harness);
        Assert.Throws<StopReadingException>(() => runner.ReadStream(new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString())), "x"));
        Assert.Equal(3, harness.Events.Count);
        Assert.Equal(3, runner.Statistics.Records);
        Assert.Empty(harness.Errors);
    }

    [Fact]
    public void AnExceptionFromTheConsumerInsideADatadogPageIsNotSwallowed()
    {
        string page = "{\"data\":[" + string.Join(",", new[] { "a", "b", "c" }.Select(id => "{\"id\":\"" + id + "\",\"attributes\":{\"attributes\":{\"agent\":{\"rule_id\":\"" + id + "\"}}}}")) + "]}";
        var harness = new ReadHarness { OnEmit = e => e.RuleId != "b" };
        var runner = new GetEventsRunner(new GetEventsOptions(), harness);
        Assert.Throws<StopReadingException>(() => runner.ReadStream(new MemoryStream(Encoding.UTF8.GetBytes(page)), "page.json"));
        Assert.Equal(2, harness.Events.Count);
    }

    [Fact]
    public void CancellationStopsBetweenChunks()
    {
        using var cancel = new System.Threading.CancellationTokenSource();
        var harness = new ReadHarness { Cancellation = cancel.Token };
        harness.OnEmit = _ => { cancel.Cancel(); return true; };
        var runner = new GetEventsRunner(new GetEventsOptions(), harness);
        var big = new StringBuilder();
        for (int i = 0; i < 20000; i++) big.Append("{\"agent\":{\"rule_id\":\"r\"},\"pad\":\"" + new string('p', 100) + "\"}\n");
        Assert.ThrowsAny<OperationCanceledException>(() => runner.ReadStream(new MemoryStream(Encoding.UTF8.GetBytes(big.ToString())), "x"));
        Assert.InRange(harness.Events.Count, 1, 19999);
    }

    [Fact]
    public void AHugeArrayStreamsWithABoundedBuffer()
    {
        var consumer = new CountingConsumer();
        using var splitter = new RecordSplitter("big.json", consumer);
        byte[] element = Encoding.UTF8.GetBytes("{\"agent\":{\"rule_id\":\"r\"},\"pad\":\"" + new string('p', 1000) + "\"}");
        splitter.Append(new[] { (byte)'[' });
        int maxCapacity = 0;
        for (int i = 0; i < 50_000; i++) // about 50 MB
        {
            if (i > 0) splitter.Append(new[] { (byte)',' });
            splitter.Append(element);
            maxCapacity = Math.Max(maxCapacity, splitter.BufferCapacity);
        }
        splitter.Append(new[] { (byte)']' });
        splitter.Drain(isFinal: true);
        Assert.Equal(50_000, consumer.Records);
        Assert.Equal(0, consumer.Errors);
        Assert.True(maxCapacity <= 256 * 1024, "buffer grew to " + maxCapacity);
    }

    private sealed class CountingConsumer : IRecordConsumer
    {
        public int Records;
        public int Errors;
        public void OnRecord(ReadOnlySpan<byte> eventJson, EventSource source) => Records++;
        public void OnError(ReadError error) => Errors++;
    }
}
