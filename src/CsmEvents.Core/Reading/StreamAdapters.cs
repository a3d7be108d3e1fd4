using System;
using System.IO;

namespace CsmEvents.Reading;

/// <summary>A forward-only, read-only stream: the members every adapter here would otherwise repeat.</summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A read-only stream that first returns bytes already read (to sniff the format), then the rest.</summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private readonly byte[] _prefix;
    private readonly int _prefixLength;
    private readonly Stream _inner;
    private int _prefixRead;

    public PrefixedStream(byte[] prefix, int prefixLength, Stream inner)
    {
        _prefix = prefix;
        _prefixLength = prefixLength;
        _inner = inner;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_prefixRead < _prefixLength)
        {
            int n = Math.Min(count, _prefixLength - _prefixRead);
            Buffer.BlockCopy(_prefix, _prefixRead, buffer, offset, n);
            _prefixRead += n;
            // Go on with the stream in the same call: the reader decides the input's form on its first piece,
            // which should be a chunk, not the few bytes sniffed.
            return n < count ? n + Math.Max(0, _inner.Read(buffer, offset + n, count - n)) : n;
        }
        return _inner.Read(buffer, offset, count);
    }

}

/// <summary>Counts the raw bytes read from a stream (compressed bytes for gzip input), for progress.</summary>
internal sealed class CountingStream : ReadOnlyStream
{
    private readonly Stream _inner;

    public CountingStream(Stream inner) => _inner = inner;

    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = _inner.Read(buffer, offset, count);
        BytesRead += n;
        return n;
    }

}

/// <summary>
/// Marks failures of reading the input itself (I/O errors, corrupt gzip data), so that they can be reported as
/// input errors while exceptions from record consumers (a broken output pipe, a stopped pipeline) pass through.
/// </summary>
internal sealed class InputFailedException : Exception
{
    public InputFailedException(Exception inner) : base(inner.Message, inner) { }
}

/// <summary>Wraps input read failures in <see cref="InputFailedException"/>.</summary>
internal sealed class GuardedStream : ReadOnlyStream
{
    private readonly Stream _inner;

    public GuardedStream(Stream inner) => _inner = inner;

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return _inner.Read(buffer, offset, count);
        }
        catch (Exception ex) when (ex is IOException || ex is InvalidDataException || ex is UnauthorizedAccessException)
        {
            throw new InputFailedException(ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

}
