using System;
using System.Collections.Generic;
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

    public List<string> RentStringList()
    {
        _strings.Clear();
        return _strings;
    }

    /// <summary>Reads a string value; short, frequently repeated values (user names, event names) are shared.</summary>
    public string? GetString(ref Utf8JsonReader reader) => _cache.Get(ref reader);
}

/// <summary>
/// A small direct-mapped cache of short unescaped strings. Events repeat the same short values (comm, user,
/// category, outcome, filesystem) many times; sharing them saves allocations and memory for large result sets.
/// </summary>
internal sealed class ShortStringCache
{
    private const int MaxLength = 24;
    private const int SizeBits = 10;
    private const int Size = 1 << SizeBits;
    private readonly string?[] _entries = new string?[Size];
    private readonly byte[]?[] _keys = new byte[]?[Size];

    public string? Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence) return reader.GetString();
        var span = reader.ValueSpan;
        if (span.Length > MaxLength) return reader.GetString();
        int slot = Slot(span);
        var key = _keys[slot];
        if (key != null && span.SequenceEqual(key)) return _entries[slot];
        string value = reader.GetString()!;
        _keys[slot] = span.ToArray();
        _entries[slot] = value;
        return value;
    }

    /// <summary>A hash of the length and the first and last eight bytes (all bytes of a short value): two reads
    /// instead of a loop over every byte.</summary>
    private static int Slot(ReadOnlySpan<byte> span)
    {
        ulong hash;
        if (span.Length >= 8)
        {
            hash = System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(span) * 0x9E3779B97F4A7C15UL
                ^ System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(span.Slice(span.Length - 8));
        }
        else
        {
            hash = 0;
            foreach (byte b in span) hash = (hash << 8) | b;
        }
        hash = (hash ^ (ulong)span.Length) * 0x9E3779B97F4A7C15UL;
        return (int)(hash >> (64 - SizeBits));
    }
}
