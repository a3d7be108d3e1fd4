using System;
using System.IO;
using System.Text.Json;
using CsmEvents.Model;
using CsmEvents.Model.Json;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// <c>csm-events get</c> for files: records are parsed, filtered and serialised to JSON lines on every core, and
/// written in input order, with errors reported in order. Streams (stdin, the Datadog API) keep the sequential
/// runner so that each event appears as soon as it is read.
/// </summary>
public sealed class ParallelLineWriter : IRecordConsumer
{
    private readonly Stream _output;
    private readonly ICommandSink _sink;
    private readonly ReadStatistics _statistics;
    private readonly OrderedParallelRecords<byte[]?> _records;

    [ThreadStatic] private static Worker? _worker;

    public ParallelLineWriter(Stream output, EventFilter filter, ICommandSink sink, ReadStatistics statistics, int workers = 0, int batchBytes = 1 << 20)
    {
        _output = output;
        _sink = sink;
        _statistics = statistics;
        _records = new OrderedParallelRecords<byte[]?>(
            (ReadOnlySpan<byte> json, EventSource source, out ReadError? error) => (_worker ??= new Worker()).Line(json, source, filter, out error),
            Deliver, DeliverError, sink.Cancellation, workers, batchBytes);
    }

    public void OnRecord(ReadOnlySpan<byte> eventJson, EventSource source) => _records.OnRecord(eventJson, source);

    public void OnError(ReadError error) => _records.OnError(error);

    public void Complete()
    {
        _records.Complete();
        _output.Flush();
    }

    private void Deliver(byte[]? line)
    {
        _statistics.Records++;
        if (line == null) return; // filtered out
        _statistics.EventsEmitted++;
        _output.Write(line, 0, line.Length);
    }

    private void DeliverError(ReadError error, bool fromRecord)
    {
        if (fromRecord) _statistics.Records++;
        _statistics.Errors++;
        _sink.Error(GetEventsRunner.ToCsmError(error));
    }

    /// <summary>A worker thread's parser and serialiser.</summary>
    private sealed class Worker
    {
        private readonly CsmEventParser _parser = new();
        private readonly MemoryStream _buffer = new();
        private readonly Utf8JsonWriter _writer;

        public Worker() => _writer = new Utf8JsonWriter(_buffer, JsonOutput.WriterOptions(indented: false));

        public byte[]? Line(ReadOnlySpan<byte> json, EventSource source, EventFilter filter, out ReadError? error)
        {
            var evt = EventRecordParsing.TryParse(_parser, json, source, out error);
            if (evt == null) return null;
            if (!filter.Matches(evt)) return null;
            _buffer.SetLength(0);
            _writer.Reset(_buffer);
            evt.WriteJson(_writer);
            _writer.Flush();
            _buffer.WriteByte((byte)'\n');
            return _buffer.ToArray();
        }
    }
}
