using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CsmEvents.Reading;

/// <summary>
/// Opening and reading inputs that can block for ever: a FIFO without a writer blocks in open(), a terminal or
/// /dev/ptmx in read(), standard input until its producer writes. The blocking call runs on a worker thread while
/// the reading thread waits for it or for the cancellation token (Ctrl+C, StopProcessing), whichever comes first.
/// A call abandoned that way stays blocked until the input gives way; it reads into its own buffer, never into
/// one the reader may have reused, and a stream it opens late is closed.
/// </summary>
internal static class CancellableReads
{
    public static FileStream Open(string path, CancellationToken cancellation)
    {
        // A thread of its own, not the pool's: open() on a FIFO may block for ever, and once per file is cheap.
        var opening = Task.Factory.StartNew(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            opening.Wait(cancellation);
            return opening.Result;
        }
        catch (OperationCanceledException)
        {
            opening.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
            throw;
        }
        catch (AggregateException ex) when (ex.InnerException != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}

/// <summary>A stream whose reads give up when the token is cancelled (see <see cref="CancellableReads"/>).</summary>
internal sealed class CancellableReadStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly CancellationToken _cancellation;
    private byte[] _own = new byte[64 * 1024];

    public CancellableReadStream(Stream inner, CancellationToken cancellation)
    {
        _inner = inner;
        _cancellation = cancellation;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        _cancellation.ThrowIfCancellationRequested();
        var own = _own;
        var reading = Task.Run(() => _inner.Read(own, 0, Math.Min(count, own.Length)));
        try
        {
            reading.Wait(_cancellation);
        }
        catch (OperationCanceledException)
        {
            _own = new byte[_own.Length]; // the abandoned read still owns the old one
            throw;
        }
        catch (AggregateException ex) when (ex.InnerException != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
        int read = reading.Result;
        Buffer.BlockCopy(own, 0, buffer, offset, read);
        return read;
    }
}
