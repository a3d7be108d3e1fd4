using System.IO;
using System.Linq;
using System.Text;
using CsmEvents.Commands;
using CsmEvents.Reading;
using CsmEvents.Tests.Reading;

namespace CsmEvents.Tests.Commands;

public class ParallelLineWriterTests
{
    [Fact]
    public void OutputAndErrorsKeepInputOrderAcrossManyBatches()
    {
        var input = new StringBuilder();
        for (int i = 0; i < 5000; i++)
        {
            input.Append(i % 700 == 3 ? "{broken\n" : "{\"agent\":{\"rule_id\":\"r" + i + "\"},\"evt\":{\"name\":\"" + (i % 2 == 0 ? "exec" : "open") + "\"}}\n");
        }
        var output = new MemoryStream();
        var sink = new ReadHarness();
        var stats = new ReadStatistics();
        var writer = new ParallelLineWriter(output, new EventFilter { EventTypes = new[] { "exec" } }, sink, stats, workers: 2, batchBytes: 4096);
        EventInput.ReadStream(new MemoryStream(Encoding.UTF8.GetBytes(input.ToString())), "x.jsonl", writer);
        writer.Complete();

        var expected = Enumerable.Range(0, 5000).Where(i => i % 700 != 3 && i % 2 == 0).Select(i => "{\"agent\":{\"rule_id\":\"r" + i + "\"},\"evt\":{\"name\":\"exec\"}}");
        Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()).Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        var brokenLines = Enumerable.Range(0, 5000).Where(i => i % 700 == 3).Select(i => "x.jsonl:" + (i + 1) + ":");
        Assert.Equal(brokenLines, sink.Errors.Select(e => e.Message.Substring(0, e.Message.IndexOf(' '))));
        Assert.Equal(5000, stats.Records); // every record, readable or not, as the sequential runner counts
        Assert.Equal(expected.Count(), stats.EventsEmitted);
        Assert.Equal(8, stats.Errors);
    }
}
