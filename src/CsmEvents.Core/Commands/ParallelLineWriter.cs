using System;
using System.IO;
using System.Threading;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// <c>csm-events get</c> for files: records are parsed, filtered and turned into JSON lines
/// (<see cref="EventLineFormatter"/>) on every core, and written in input order, with errors reported in order.
/// Streams (stdin, the Datadog API) use <see cref="StreamingLineWriter"/> so that each event appears as soon as
/// it is read.
/// </summary>
public sealed class ParallelLineWriter : IRecordConsumer
{
    private readonly Stream _output;
    private readonly ICommandSink _sink;
    private readonly ReadStatistics _statistics;
    private readonly OrderedParallelRecords<byte[]?> _records;

    // One formatter per worker thread and writer (a formatter holds its filter).
    private readonly ThreadLocal<EventLineFormatter> _formatters;

    public ParallelLineWriter(Stream output, EventFilter filter, ICommandSink sink, ReadStatistics statistics, int workers = 0, int batchBytes = 1 << 20, Export.EventTextFormat format = Export.EventTextFormat.Json)
    {
        _output = output;
        _sink = sink;
        _statistics = statistics;
        _formatters = new ThreadLocal<EventLineFormatter>(() => new EventLineFormatter(filter, format));
        _records = new OrderedParallelRecords<byte[]?>(
            (ReadOnlySpan<byte> json, EventSource source, out ReadError? error) => _formatters.Value!.Line(json, source, out error),
            Deliver, DeliverError, sink.Cancellation, workers, batchBytes);
    }

    public void OnRecord(ReadOnlySpan<byte> eventJson, EventSource source) => _records.OnRecord(eventJson, source);

    public void OnError(ReadError error) => _records.OnError(error);

    public void Complete()
    {
        _records.Complete();
        _output.Flush();
        _formatters.Dispose();
    }

    private void Deliver(byte[]? line, ReadOnlySpan<byte> record)
    {
        _statistics.Records++;
        if (line == null) return; // filtered out
        _statistics.EventsEmitted++;
        if (ReferenceEquals(line, EventLineFormatter.RecordAsIs)) WriteSpan(record);
        _output.Write(line, 0, line.Length);
    }

    // Stream.Write(ReadOnlySpan) is not in netstandard2.0: a record is copied through a pooled array (the output
    // stream buffers anyway).
    private byte[] _copy = new byte[64 * 1024];

    private void WriteSpan(ReadOnlySpan<byte> bytes)
    {
        if (_copy.Length < bytes.Length) _copy = new byte[Math.Max(bytes.Length, _copy.Length * 2)];
        bytes.CopyTo(_copy);
        _output.Write(_copy, 0, bytes.Length);
    }

    private void DeliverError(ReadError error, bool fromRecord)
    {
        if (fromRecord) _statistics.Records++;
        _statistics.Errors++;
        _sink.Error(GetEventsRunner.ToCsmError(error));
    }
}
