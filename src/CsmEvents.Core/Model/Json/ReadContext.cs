using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace CsmEvents.Model.Json;

/// <summary>
/// Scratch state reused across the objects of one reader, so that mapping an event allocates little beyond the
/// objects it returns. Not thread-safe: one per reading thread.
/// </summary>
internal sealed class ReadContext
{
    private readonly List<byte[]> _orderBuffers = new();
    private readonly List<string> _strings = new();
    private readonly ShortStringCache _cache = new();

    /// <summary>A buffer for recording member order at a given object nesting depth.</summary>
    public byte[] OrderBuffer(int depth, int minimumLength)
    {
        while (_orderBuffers.Count <= depth) _orderBuffers.Add(new byte[32]);
        var buffer = _orderBuffers[depth];
        if (buffer.Length < minimumLength)
        {
            buffer = new byte[System.Math.Max(minimumLength, buffer.Length * 2)];
            _orderBuffers[depth] = buffer;
        }
        return buffer;
    }

    // A value a typed member's reader already read as plain JSON when it found it did not fit (see
    // JsonValues.TryStrings), waiting for the shape to keep it as an additional member.
    private object? _plainValue;
    private bool _hasPlainValue;

    /// <summary>Forgets what an event that failed half-way left behind.</summary>
    public void StartEvent()
    {
        _plainValue = null;
        _hasPlainValue = false;
    }

    public void KeepPlainValue(object? value)
    {
        _plainValue = value;
        _hasPlainValue = true;
    }

    /// <summary>The plain value of a member whose value did not fit its type: the one its reader already read,
    /// else read now (the reader is on the value's first token).</summary>
    public object? TakePlainValue(ref Utf8JsonReader reader)
    {
        if (!_hasPlainValue) return PlainJson.Read(ref reader);
        var value = _plainValue;
        _plainValue = null;
        _hasPlainValue = false;
        return value;
    }

    public List<string> RentStringList()
    {
        _strings.Clear();
        return _strings;
    }

    /// <summary>Reads a string value; short, frequently repeated values (user names, event names) are shared.</summary>
    public string? GetString(ref Utf8JsonReader reader) => _cache.Get(ref reader);

    /// <summary>Reads an RFC 3339 timestamp string (value and text); false when the token is not one. The
    /// timestamps of an event's ancestors and files recur from event to event, so recent ones are remembered.</summary>
    public bool TryGetTime(ref Utf8JsonReader reader, out TimeValue time) => _times.TryGet(ref reader, out time);

    private readonly TimeCache _times = new();
}

/// <summary>A direct-mapped cache of recently read timestamps: their UTF-8 text, the string and the parsed value.</summary>
internal sealed class TimeCache
{
    private const int SizeBits = 9;
    private readonly Utf8Key[] _keys = new Utf8Key[1 << SizeBits];
    private readonly TimeValue[] _values = new TimeValue[1 << SizeBits];

    public bool TryGet(ref Utf8JsonReader reader, out TimeValue time)
    {
        time = default;
        if (reader.TokenType != JsonTokenType.String) return false;
        if (reader.HasValueSequence || reader.ValueSpan.Length > Utf8Key.MaxLength) return TryParse(reader.GetString()!, out time);
        var key = new Utf8Key(reader.ValueSpan);
        int slot = key.Slot(SizeBits);
        if (_keys[slot].Equals(in key) && _values[slot].Text != null)
        {
            time = _values[slot];
            return true;
        }
        if (!TryParse(reader.GetString()!, out time)) return false;
        _keys[slot] = key;
        _values[slot] = time;
        return true;
    }

    private static bool TryParse(string text, out TimeValue time)
    {
        bool parsed = CsmTime.TryParse(text, out var value);
        time = parsed ? new TimeValue(value, text) : default;
        return parsed;
    }
}

/// <summary>
/// A small direct-mapped cache of short strings. Events repeat the same short values (comm, user,
/// category, outcome, filesystem, executable paths) many times; sharing them saves the decoding, the allocations
/// and memory for large result sets. A value's bytes are kept inline in the entry (no array to follow, none to
/// allocate on a miss), and compared as five machine words.
/// </summary>
internal sealed class ShortStringCache
{
    private const int SizeBits = 10;

    // Key and value side by side: a hit reads one place in memory, not two arrays.
    private struct Entry
    {
        public Utf8Key Key;
        public string? Value;
    }

    private readonly Entry[] _entries = new Entry[1 << SizeBits];

    public string? Get(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence) return reader.GetString();
        // The key is the value's bytes as written, escapes included (Windows paths are full of them): the same
        // bytes always decode to the same string.
        var span = reader.ValueSpan;
        if (span.Length > Utf8Key.MaxLength) return reader.GetString();
        var key = new Utf8Key(span);
        ref Entry entry = ref _entries[key.Slot(SizeBits)];
        // The bytes were decoded (and so validated as UTF-8) when the entry was made; an entry never made has a
        // null value (and the zero key of an empty string).
        if (entry.Key.Equals(in key) && entry.Value != null) return entry.Value;
        string value = reader.GetString()!;
        entry.Key = key;
        entry.Value = value;
        return value;
    }
}

/// <summary>Up to 40 bytes of UTF-8 and their length, held in five words: a cache key compared without a loop.</summary>
internal readonly struct Utf8Key
{
    public const int MaxLength = 40;
    private readonly ulong _w0, _w1, _w2, _w3, _w4;
    private readonly int _length;

    public Utf8Key(ReadOnlySpan<byte> bytes)
    {
        int length = bytes.Length;
        _length = length;
        if (length >= 8)
        {
            // Five words at offsets 0, 8, 16, 24, 32, each moved back to end at the text's end when it would pass
            // it: the words overlap for shorter texts but always hold every byte, and where each word starts
            // depends only on the length, which the key holds too, so equal keys mean equal bytes. No branch
            // depends on the length here (Math.Min is a conditional move; the bounds checks always pass): the
            // lengths of consecutive values vary too much for the processor to predict such branches.
            int last = length - 8;
            _w0 = MemoryMarshal.Read<ulong>(bytes);
            _w1 = MemoryMarshal.Read<ulong>(bytes.Slice(Math.Min(8, last)));
            _w2 = MemoryMarshal.Read<ulong>(bytes.Slice(Math.Min(16, last)));
            _w3 = MemoryMarshal.Read<ulong>(bytes.Slice(Math.Min(24, last)));
            _w4 = MemoryMarshal.Read<ulong>(bytes.Slice(Math.Min(32, last)));
        }
        else
        {
            _w0 = MemberNameKey.Head(bytes);
            _w1 = _w2 = _w3 = _w4 = 0;
        }
    }

    public bool Equals(in Utf8Key other) =>
        _length == other._length && _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3 && _w4 == other._w4;

    /// <summary>A slot of a table of 2^bits entries, from a multiplicative hash of the words.</summary>
    public int Slot(int bits)
    {
        const ulong Golden = 0x9E3779B97F4A7C15UL;
        ulong hash = (_w0 * Golden) ^ (_w1 + (ulong)_length);
        hash = (hash * Golden) ^ _w2 ^ (_w3 * Golden) ^ _w4;
        hash *= Golden;
        return (int)(hash >> (64 - bits));
    }
}
