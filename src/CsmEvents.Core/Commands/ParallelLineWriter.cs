using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using CsmEvents.Model;
using CsmEvents.Model.Json;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// Turns records into JSON lines on several threads: records are gathered into batches of about a megabyte, each
/// batch is parsed, filtered and serialised by a worker, and finished batches are written in input order, with their
/// errors reported in order too. Memory stays bounded (a few batches in flight). Used by <c>csm-events get</c> for
/// files, where throughput matters more than seeing each event the moment it is read; streams (stdin, the Datadog
/// API) keep the sequential path so their events appear as they arrive.
/// </summary>
public sealed class ParallelLineWriter : IRecordConsumer
{
    private readonly Stream _output;
    private readonly EventFilter _filter;
    private readonly ICommandSink _sink;
    private readonly ReadStatistics _statistics;
    private readonly int _batchBytes;
    private readonly int _maxInFlight;
    private readonly Queue<Task<BatchResult>> _inFlight = new();
    private Batch _current = new();

    public ParallelLineWriter(Stream output, EventFilter filter, ICommandSink sink, ReadStatistics statistics, int workers = 0, int batchBytes = 1 << 20)
    {
        _output = output;
        _filter = filter;
        _sink = sink;
        _statistics = statistics;
        _batchBytes = batchBytes;
        _maxInFlight = 2 * (workers > 0 ? workers : Environment.ProcessorCount);
    }

    public void OnRecord(ReadOnlySpan<byte> eventJson, EventSource source)
    {
        _current.AddRecord(eventJson, source);
        if (_current.Bytes >= _batchBytes) Submit();
    }

    public void OnError(ReadError error) => _current.AddError(error);

    /// <summary>Writes everything still pending, in order.</summary>
    public void Complete()
    {
        Submit();
        while (_inFlight.Count > 0) WriteNext();
        _output.Flush();
    }

    private void Submit()
    {
        if (_current.Count == 0) return;
        _sink.Cancellation.ThrowIfCancellationRequested();
        var batch = _current;
        _current = new Batch();
        _inFlight.Enqueue(Task.Run(() => Process(batch, _filter)));
        while (_inFlight.Count > _maxInFlight) WriteNext();
    }

    private void WriteNext()
    {
        var result = _inFlight.Dequeue().GetAwaiter().GetResult();
        _output.Write(result.Output.GetBuffer(), 0, (int)result.Output.Length);
        _statistics.Records += result.Records;
        _statistics.EventsEmitted += result.Events;
        foreach (var error in result.Errors)
        {
            _statistics.Errors++;
            _sink.Error(GetEventsRunner.ToCsmError(error));
        }
    }

    [ThreadStatic] private static CsmEventParser? _parser;

    /// <summary>On a worker: parse, filter and serialise one batch. Bad records become errors in their place.</summary>
    private static BatchResult Process(Batch batch, EventFilter filter)
    {
        var parser = _parser ??= new CsmEventParser();
        var result = new BatchResult(new MemoryStream(batch.Bytes + batch.Bytes / 4));
        using var writer = new Utf8JsonWriter(result.Output, JsonOutput.WriterOptions(indented: false));
        foreach (var item in batch.Items)
        {
            if (item.Error != null)
            {
                result.Errors.Add(item.Error);
                continue;
            }
            result.Records++;
            CsmEvent evt;
            try
            {
                evt = parser.ParseEvent(new ReadOnlySpan<byte>(batch.Data, item.Offset, item.Length), item.Source);
            }
            catch (JsonException ex)
            {
                var (id, reason) = JsonErrorText.Describe(ex, item.Source!.Line);
                result.Errors.Add(new ReadError(id, item.Source, reason));
                continue;
            }
            catch (InvalidOperationException)
            {
                result.Errors.Add(new ReadError(ReadErrorIds.InvalidUtf8, item.Source!, "invalid UTF-8 in a string value"));
                continue;
            }
            if (!filter.Matches(evt)) continue;
            result.Events++;
            evt.WriteJson(writer);
            writer.Flush();
            writer.Reset();
            result.Output.WriteByte((byte)'\n');
        }
        return result;
    }

    /// <summary>Records (copied out of the reader's buffer) and errors, in input order.</summary>
    private sealed class Batch
    {
        public byte[] Data = new byte[64 * 1024];
        public int Bytes;
        public readonly List<Item> Items = new();

        public int Count => Items.Count;

        public void AddRecord(ReadOnlySpan<byte> json, EventSource source)
        {
            if (Bytes + json.Length > Data.Length) Array.Resize(ref Data, Math.Max(Data.Length * 2, Bytes + json.Length));
            json.CopyTo(new Span<byte>(Data, Bytes, json.Length));
            Items.Add(new Item(Bytes, json.Length, source, null));
            Bytes += json.Length;
        }

        public void AddError(ReadError error) => Items.Add(new Item(0, 0, null, error));
    }

    private readonly struct Item
    {
        public Item(int offset, int length, EventSource? source, ReadError? error)
        {
            Offset = offset;
            Length = length;
            Source = source;
            Error = error;
        }

        public int Offset { get; }
        public int Length { get; }
        public EventSource? Source { get; }
        public ReadError? Error { get; }
    }

    private sealed class BatchResult
    {
        public BatchResult(MemoryStream output) => Output = output;

        public MemoryStream Output { get; }
        public List<ReadError> Errors { get; } = new();
        public int Records;
        public int Events;
    }
}
