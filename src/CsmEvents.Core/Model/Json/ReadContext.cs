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
        // Whole words are read directly; the last partial word is zero-padded, so equal texts give equal keys.
        int length = bytes.Length;
        _length = length;
        _w0 = Word(bytes, 0);
        _w1 = length > 8 ? Word(bytes, 8) : 0;
        _w2 = length > 16 ? Word(bytes, 16) : 0;
        _w3 = length > 24 ? Word(bytes, 24) : 0;
        _w4 = length > 32 ? Word(bytes, 32) : 0;
    }

    /// <summary>Bytes start..start+8 (fewer at the end, zero-padded) as a little-endian word.</summary>
    private static ulong Word(ReadOnlySpan<byte> bytes, int start)
    {
        int available = bytes.Length - start;
        if (available >= 8) return MemoryMarshal.Read<ulong>(bytes.Slice(start));
        if (bytes.Length >= 8 && BitConverter.IsLittleEndian)
        {
            // The last eight bytes of the text, shifted so that only the ones from start remain.
            return MemoryMarshal.Read<ulong>(bytes.Slice(bytes.Length - 8)) >> (8 * (8 - available));
        }
        ulong word = 0;
        for (int i = available - 1; i >= 0; i--) word = (word << 8) | bytes[start + i];
        return word;
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
