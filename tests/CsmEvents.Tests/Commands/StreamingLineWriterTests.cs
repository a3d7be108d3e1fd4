using System;
using System.IO;
using System.Text;
using CsmEvents.Commands;
using CsmEvents.Reading;
using CsmEvents.Tests.Reading;

namespace CsmEvents.Tests.Commands;

public class StreamingLineWriterTests
{
    [Fact]
    public void EachPieceOfInputIsWrittenBeforeTheNextIsRead()
    {
        var output = new MemoryStream();
        var seenBeforeSecondRead = "";
        var input = new PiecewiseStream(
            new[] { "{\"evt\":{\"name\":\"exec\"}}\n{\"evt\": {\"name\": \"open\"}}\n", "{\"evt\":{\"name\":\"exit\"}}\n" },
            beforePiece: index => { if (index == 1) seenBeforeSecondRead = Encoding.UTF8.GetString(output.ToArray()); });
        var sink = new ReadHarness();
        var stats = new ReadStatistics();
        var writer = new StreamingLineWriter(output, new EventFilter(), sink, stats);
        GetEventsRunner.ReadStream(input, "<stdin>", writer, stats, writer.Flush, default);
        writer.Flush();

        Assert.Equal("{\"evt\":{\"name\":\"exec\"}}\n{\"evt\":{\"name\":\"open\"}}\n", seenBeforeSecondRead);
        Assert.Equal(seenBeforeSecondRead + "{\"evt\":{\"name\":\"exit\"}}\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(3, stats.EventsEmitted);
    }

    [Fact]
    public void ErrorsAndFilteredRecordsAreCountedLikeTheParallelWriter()
    {
        var output = new MemoryStream();
        var sink = new ReadHarness();
        var stats = new ReadStatistics();
        var writer = new StreamingLineWriter(output, new EventFilter { EventTypes = new[] { "exec" } }, sink, stats);
        var text = "{\"evt\":{\"name\":\"exec\"}}\n{broken\n{\"evt\":{\"name\":\"open\"}}\n";
        GetEventsRunner.ReadStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), "x.jsonl", writer, stats, writer.Flush, default);
        writer.Flush();

        Assert.Equal("{\"evt\":{\"name\":\"exec\"}}\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal("x.jsonl:2: invalid JSON at column 2: 'b' is an invalid start of a property name. Expected a '\"'", Assert.Single(sink.Errors).Message);
        Assert.Equal((3, 1, 1), (stats.Records, stats.EventsEmitted, stats.Errors));
    }

    /// <summary>Gives its text piece by piece, like a pipe fed by a slow producer.</summary>
    private sealed class PiecewiseStream : ReadOnlyStream
    {
        private readonly string[] _pieces;
        private readonly Action<int> _beforePiece;
        private int _next;
        private byte[] _rest = Array.Empty<byte>();

        public PiecewiseStream(string[] pieces, Action<int> beforePiece)
        {
            _pieces = pieces;
            _beforePiece = beforePiece;
        }

        /// <summary>The rest of the current piece (up to <paramref name="count"/> bytes), never more than one piece.</summary>
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_rest.Length == 0)
            {
                if (_next == _pieces.Length) return 0;
                _beforePiece(_next);
                _rest = Encoding.UTF8.GetBytes(_pieces[_next++]);
            }
            int n = Math.Min(count, _rest.Length);
            Array.Copy(_rest, 0, buffer, offset, n);
            _rest = _rest[n..];
            return n;
        }
    }
}
