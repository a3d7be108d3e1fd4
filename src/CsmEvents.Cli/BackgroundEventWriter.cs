using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using CsmEvents.Model;
using CsmEvents.Model.Json;

namespace CsmEvents.Cli;

/// <summary>
/// Writes events as JSON lines on a second thread, so that parsing (the reading thread) and serialising (this
/// thread) use both cores. Order is kept (one queue, one writer). The queue is bounded, so memory stays bounded
/// when output is slower than input. A failure of the writer (standard output closed) is rethrown on the reading
/// thread at its next event, and at <see cref="Complete"/>.
/// </summary>
internal sealed class BackgroundEventWriter : IDisposable
{
    private const int QueueCapacity = 2048;
    private readonly BlockingCollection<CsmEvent> _queue = new(QueueCapacity);
    private readonly Thread _thread;
    private readonly EventLineWriter _writer;
    private Exception? _failure;

    public BackgroundEventWriter(Stream output)
    {
        _writer = new EventLineWriter(output);
        _thread = new Thread(WriteAll) { IsBackground = true, Name = "csm-events writer" };
        _thread.Start();
    }

    public void Write(CsmEvent evt)
    {
        ThrowIfFailed();
        try
        {
            _queue.Add(evt);
        }
        catch (InvalidOperationException)
        {
            ThrowIfFailed(); // the writer stopped accepting because it failed
            throw;
        }
    }

    /// <summary>Waits until every queued event is written and flushed.</summary>
    public void Complete()
    {
        if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
        _thread.Join();
        ThrowIfFailed();
    }

    private void WriteAll()
    {
        try
        {
            foreach (var evt in _queue.GetConsumingEnumerable()) _writer.WriteLine(evt);
            _writer.Flush();
        }
        catch (Exception ex)
        {
            _failure = ex;
            _queue.CompleteAdding();
        }
    }

    private void ThrowIfFailed()
    {
        var failure = _failure;
        if (failure != null) throw new IOException("writing the output failed: " + failure.Message, failure);
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }
}
