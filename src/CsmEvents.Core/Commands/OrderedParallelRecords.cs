using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// Does per-record work (parsing, validating, serialising) on worker threads and hands the results back in input
/// order on the calling thread. Records are copied into batches of about a megabyte; a few batches are in flight
/// at once, so memory stays bounded. Everything that is not thread-safe (counters, warnings, the sink, the output)
/// happens in the delivery callbacks, on the calling thread, in input order.
/// </summary>
public sealed class OrderedParallelRecords<TResult> : IRecordConsumer
{
    /// <summary>The work for one record, on a worker thread. Returns the result, or sets <paramref name="error"/>
    /// when the record is unusable.</summary>
    public delegate TResult Work(ReadOnlySpan<byte> json, EventSource source, out ReadError? error);

    /// <summary>Receives a record's result on the calling thread, with the record's bytes (valid only during the
    /// call), so that a result can say "the record as it is" without a copy.</summary>
    public delegate void Delivery(TResult result, ReadOnlySpan<byte> record);

    private readonly Work _work;
    private readonly Delivery _deliver;
    private readonly Action<ReadError, bool> _deliverError;
    private readonly CancellationToken _cancellation;
    private readonly int _batchBytes;
    private readonly int _maxInFlight;
    private readonly Queue<Task<Batch>> _inFlight = new();
    // Delivered batches, kept for reuse: their buffers are large-object-heap arrays, and allocating one per batch
    // made the garbage collector run full (gen 2) collections throughout a big file.
    private readonly Stack<Batch> _spare = new();
    private Batch _current;

    /// <param name="work">Per-record work, run on worker threads (must be thread-safe).</param>
    /// <param name="deliver">Receives each record's result, in order, on the calling thread.</param>
    /// <param name="deliverError">Receives each error in order; the flag tells whether it came from a record's work
    /// (true) or from reading the input (false).</param>
    /// <param name="cancellation">Checked before each batch is handed to a worker.</param>
    /// <param name="workers">Worker count; 0 means one per processor.</param>
    /// <param name="batchBytes">Record bytes gathered before a batch is handed over.</param>
    public OrderedParallelRecords(Work work, Action<TResult> deliver, Action<ReadError, bool> deliverError, CancellationToken cancellation, int workers = 0, int batchBytes = 1 << 20)
        : this(work, (TResult result, ReadOnlySpan<byte> _) => deliver(result), deliverError, cancellation, workers, batchBytes)
    {
    }

    /// <param name="work">Per-record work, run on worker threads (must be thread-safe).</param>
    /// <param name="deliver">Receives each record's result and bytes, in order, on the calling thread.</param>
    /// <param name="deliverError">As in the other constructor.</param>
    /// <param name="cancellation">Checked before each batch is handed to a worker.</param>
    /// <param name="workers">Worker count; 0 means one per processor.</param>
    /// <param name="batchBytes">Record bytes gathered before a batch is handed over.</param>
    public OrderedParallelRecords(Work work, Delivery deliver, Action<ReadError, bool> deliverError, CancellationToken cancellation, int workers = 0, int batchBytes = 1 << 20)
    {
        _work = work;
        _deliver = deliver;
        _deliverError = deliverError;
        _cancellation = cancellation;
        _batchBytes = batchBytes;
        _maxInFlight = 2 * (workers > 0 ? workers : Environment.ProcessorCount);
        _current = new Batch(batchBytes);
    }

    public void OnRecord(ReadOnlySpan<byte> eventJson, EventSource source)
    {
        _current.AddRecord(eventJson, source);
        if (_current.Bytes >= _batchBytes) Submit();
    }

    public void OnError(ReadError error) => _current.AddError(error);

    /// <summary>Delivers everything still pending, in order.</summary>
    public void Complete()
    {
        Submit();
        while (_inFlight.Count > 0) DeliverNext();
    }

    private void Submit()
    {
        if (_current.Items.Count == 0) return;
        _cancellation.ThrowIfCancellationRequested();
        var batch = _current;
        _current = _spare.Count > 0 ? _spare.Pop() : new Batch(_batchBytes);
        _inFlight.Enqueue(Task.Run(() => Process(batch)));
        while (_inFlight.Count > _maxInFlight) DeliverNext();
    }

    private void DeliverNext()
    {
        var batch = _inFlight.Dequeue().GetAwaiter().GetResult();
        var items = batch.Items;
        var outcomes = batch.Outcomes;
        for (int i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            if (outcome.Error != null) _deliverError(outcome.Error, outcome.FromRecord);
            else _deliver(outcome.Result!, new ReadOnlySpan<byte>(batch.Data, items[i].Offset, items[i].Length));
        }
        batch.Clear();
        _spare.Push(batch);
    }

    private Batch Process(Batch batch)
    {
        var outcomes = batch.Outcomes;
        foreach (var item in batch.Items)
        {
            if (item.Error != null)
            {
                outcomes.Add(new Outcome(default, item.Error, fromRecord: false));
                continue;
            }
            var result = _work(new ReadOnlySpan<byte>(batch.Data, item.Offset, item.Length), item.Source!, out var error);
            outcomes.Add(new Outcome(result, error, fromRecord: true));
        }
        return batch;
    }

    private readonly struct Outcome
    {
        public Outcome(TResult? result, ReadError? error, bool fromRecord)
        {
            Result = result;
            Error = error;
            FromRecord = fromRecord;
        }

        public TResult? Result { get; }
        public ReadError? Error { get; }
        public bool FromRecord { get; }
    }

    /// <summary>Records (copied out of the reader's buffer) and input errors, in input order, and once processed
    /// their outcomes.</summary>
    private sealed class Batch
    {
        public byte[] Data;
        public int Bytes;
        public readonly List<Item> Items = new();
        public readonly List<Outcome> Outcomes = new();

        // Room for a full batch plus its last record, which usually fits in the slack.
        public Batch(int batchBytes) => Data = new byte[batchBytes + (batchBytes >> 3)];

        public void Clear()
        {
            Bytes = 0;
            Items.Clear();
            Outcomes.Clear();
        }

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
}
