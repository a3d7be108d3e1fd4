using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading.Tasks;

namespace CsmEvents.Report;

/// <summary>
/// The full JSON of every event, exactly as read, for the page's detail view. Events are gathered in chunks of a few
/// megabytes and each chunk is gzip-compressed on a worker thread while reading goes on; the page unpacks only the
/// chunk of the event a reader opens. Within a chunk the events are written grouped by a similarity key (rule, event
/// type, process): events of one kind differ in a few values, and deflate finds the repeats only within its 32 KB
/// window, so neighbours that look alike shrink a report several times. Each event is followed by U+001E (the record
/// separator of RFC 7464, which valid JSON text cannot contain outside an escape), and
/// <see cref="Chunk.Order"/> tells where each event of the chunk went.
/// </summary>
internal sealed class RawEventChunks
{
    internal const byte Separator = 0x1E;
    private readonly int _chunkBytes;
    private readonly int _maxPending = Math.Max(2, Environment.ProcessorCount);
    private readonly List<Task<Chunk>> _chunks = new();
    // Chunk buffers come from the shared pool and go back once compressed: allocating megabytes per chunk would put
    // the garbage collector's large-object heap to work (full collections) throughout a big input.
    private byte[] _current;
    private int _length;
    private readonly List<(int Start, int Length, string Key)> _events = new();
    private int _firstPending;

    public RawEventChunks(int chunkBytes = 4 << 20)
    {
        _chunkBytes = chunkBytes;
        _current = ArrayPool<byte>.Shared.Rent(chunkBytes + (chunkBytes >> 2));
    }

    /// <summary>Adds an event's JSON; <paramref name="similarity"/> groups events that look alike.</summary>
    public void Add(ReadOnlySpan<byte> json, string similarity)
    {
        if (_length + json.Length > _current.Length)
        {
            if (_events.Count > 0) Seal();
            if (json.Length > _current.Length)
            {
                ArrayPool<byte>.Shared.Return(_current);
                _current = ArrayPool<byte>.Shared.Rent(json.Length);
            }
        }
        json.CopyTo(new Span<byte>(_current, _length, json.Length));
        _events.Add((_length, json.Length, similarity));
        _length += json.Length;
        if (_length >= _chunkBytes) Seal();
    }

    /// <summary>Every chunk, compressed, in order.</summary>
    public IReadOnlyList<Chunk> Complete()
    {
        if (_events.Count > 0) Seal();
        ArrayPool<byte>.Shared.Return(_current);
        var result = new List<Chunk>(_chunks.Count);
        foreach (var chunk in _chunks) result.Add(chunk.GetAwaiter().GetResult());
        return result;
    }

    private void Seal()
    {
        byte[] data = _current;
        var events = _events.ToArray();
        _events.Clear();
        _current = ArrayPool<byte>.Shared.Rent(_chunkBytes + (_chunkBytes >> 2));
        _length = 0;
        _chunks.Add(Task.Run(() =>
        {
            try
            {
                return Compress(data, events);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(data);
            }
        }));
        // Bounded: compressed chunks are small, the raw ones waiting for a worker are not.
        while (_chunks.Count - _firstPending > _maxPending) _chunks[_firstPending++].Wait();
    }

    /// <summary>Deflate level 9 (SmallestSize) exists from .NET 6 on but not in netstandard2.0's enum, so it is asked for
    /// by value where the runtime defines it (Windows PowerShell 5.1's .NET Framework does not).</summary>
    private static readonly CompressionLevel? Smallest = Enum.IsDefined(typeof(CompressionLevel), 3) ? (CompressionLevel)3 : null;

    /// <summary>A chunk that shrinks more than this at the default level is compressed again at level 9, which makes such
    /// (repetitive, agent-like) chunks about a third smaller; it costs little there, and is not worth its time on
    /// chunks of varied text (about twice the CPU for a percent or two).</summary>
    private const int RecompressAboveRatio = 16;

    private static Chunk Compress(byte[] data, (int Start, int Length, string Key)[] events)
    {
        var written = new int[events.Length];
        for (int i = 0; i < written.Length; i++) written[i] = i;
        // Stable: alike events keep their input order among themselves.
        Array.Sort(written, (a, b) =>
        {
            int byKey = string.CompareOrdinal(events[a].Key, events[b].Key);
            return byKey != 0 ? byKey : a.CompareTo(b);
        });
        var order = new int[events.Length];
        for (int position = 0; position < written.Length; position++) order[written[position]] = position;
        int total = 0;
        foreach (var e in events) total += e.Length + 1;
        byte[] gzip = Gzip(data, events, written, total, CompressionLevel.Optimal);
        if (Smallest.HasValue && gzip.Length * RecompressAboveRatio < total)
        {
            byte[] smaller = Gzip(data, events, written, total, Smallest.Value);
            if (smaller.Length < gzip.Length) gzip = smaller;
        }
        return new Chunk(order, gzip);
    }

    private static byte[] Gzip(byte[] data, (int Start, int Length, string Key)[] events, int[] written, int total, CompressionLevel level)
    {
        using var output = new MemoryStream(total / 8 + 64);
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            var separator = new[] { Separator };
            foreach (int index in written)
            {
                var e = events[index];
                gzip.Write(data, e.Start, e.Length);
                gzip.Write(separator, 0, 1);
            }
        }
        return output.ToArray();
    }

    /// <summary>One compressed chunk: <see cref="Order"/>[k] is where the chunk's k-th event (in input order) is in
    /// the unpacked text.</summary>
    internal sealed class Chunk
    {
        public Chunk(int[] order, byte[] gzip)
        {
            Order = order;
            Gzip = gzip;
        }

        public int Count => Order.Length;
        public int[] Order { get; }
        public byte[] Gzip { get; }
    }
}
