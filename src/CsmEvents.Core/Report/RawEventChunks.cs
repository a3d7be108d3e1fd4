using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading.Tasks;

namespace CsmEvents.Report;

/// <summary>
/// The full JSON of every event, exactly as read, for the page's detail view. Events are gathered in chunks of about
/// a megabyte, each event followed by U+001E (the record separator of RFC 7464, which valid JSON text cannot
/// contain outside an escape); each chunk is gzip-compressed on a worker thread while reading goes on. The page
/// unpacks only the chunk of the event a reader opens. Event JSON repeats itself (every event lists its process's
/// ancestors), so a chunk shrinks to a tenth or less.
/// </summary>
internal sealed class RawEventChunks
{
    internal const byte Separator = 0x1E;
    private readonly int _chunkBytes;
    private readonly int _maxPending = Math.Max(2, Environment.ProcessorCount);
    private readonly List<Task<byte[]>> _chunks = new();
    private readonly List<int> _counts = new();
    private MemoryStream _current = new();
    private int _currentCount;
    private int _firstPending;

    public RawEventChunks(int chunkBytes = 1 << 20) => _chunkBytes = chunkBytes;

    public void Add(byte[] json, int offset, int count)
    {
        _current.Write(json, offset, count);
        _current.WriteByte(Separator);
        _currentCount++;
        if (_current.Length >= _chunkBytes) Seal();
    }

    /// <summary>Every chunk, compressed, with the number of events in it, in order.</summary>
    public IReadOnlyList<(int Count, byte[] Gzip)> Complete()
    {
        Seal();
        var result = new List<(int, byte[])>(_chunks.Count);
        for (int i = 0; i < _chunks.Count; i++) result.Add((_counts[i], _chunks[i].GetAwaiter().GetResult()));
        return result;
    }

    private void Seal()
    {
        if (_currentCount == 0) return;
        var data = _current;
        _current = new MemoryStream();
        _counts.Add(_currentCount);
        _currentCount = 0;
        _chunks.Add(Task.Run(() => Compress(data)));
        // Bounded: compressed chunks are small, the raw ones waiting for a worker are not.
        while (_chunks.Count - _firstPending > _maxPending) _chunks[_firstPending++].Wait();
    }

    internal static byte[] Compress(MemoryStream data)
    {
        using var output = new MemoryStream((int)(data.Length / 8) + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data.GetBuffer(), 0, (int)data.Length);
        }
        return output.ToArray();
    }
}
