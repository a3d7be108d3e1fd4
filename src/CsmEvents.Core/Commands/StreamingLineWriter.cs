using System;
using System.IO;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// <c>csm-events get</c> for streams (standard input, the Datadog API): each record becomes its line
/// (<see cref="EventLineFormatter"/>) on the reading thread, and the output is flushed whenever the reader has
/// used up what the input had to give, so that a slow producer's events appear as they arrive. Files go through
/// <see cref="ParallelLineWriter"/>, which writes exactly the same lines.
/// </summary>
public sealed class StreamingLineWriter : IRecordConsumer
{
    private const int FlushThreshold = 64 * 1024;
    private readonly Stream _output;
    private readonly ICommandSink _sink;
    private readonly ReadStatistics _statistics;
    private readonly EventLineFormatter _formatter;
    private readonly MemoryStream _pending = new();

    public StreamingLineWriter(Stream output, EventFilter filter, ICommandSink sink, ReadStatistics statistics, Export.EventTextFormat format = Export.EventTextFormat.Json)
    {
        _output = output;
        _sink = sink;
        _statistics = statistics;
        _formatter = new EventLineFormatter(filter, format);
    }

    public void OnRecord(ReadOnlySpan<byte> eventJson, EventSource source)
    {
        _statistics.Records++;
        var line = _formatter.Line(eventJson, source, out var error);
        if (error != null)
        {
            OnError(error);
            return;
        }
        if (line == null) return; // filtered out
        _statistics.EventsEmitted++;
        if (ReferenceEquals(line, EventLineFormatter.RecordAsIs)) WriteSpan(eventJson);
        _pending.Write(line, 0, line.Length);
        if (_pending.Length >= FlushThreshold) WritePending();
    }

    private void WriteSpan(ReadOnlySpan<byte> bytes)
    {
        // MemoryStream.Write(ReadOnlySpan) is not in netstandard2.0: grow the buffer and copy into it.
        int at = (int)_pending.Length;
        _pending.SetLength(at + bytes.Length);
        bytes.CopyTo(new Span<byte>(_pending.GetBuffer(), at, bytes.Length));
        _pending.Position = at + bytes.Length;
    }

    public void OnError(ReadError error)
    {
        _statistics.Errors++;
        Flush(); // the events before the error appear before it
        _sink.Error(GetEventsRunner.ToCsmError(error));
    }

    /// <summary>Writes and flushes every line so far (called after each piece of input and at the end).</summary>
    public void Flush()
    {
        WritePending();
        _output.Flush();
    }

    private void WritePending()
    {
        if (_pending.Length == 0) return;
        _output.Write(_pending.GetBuffer(), 0, (int)_pending.Length);
        _pending.SetLength(0);
    }
}
