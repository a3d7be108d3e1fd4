using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text.Json;

namespace CsmEvents.Bench;

/// <summary>
/// `tokenize`: an experiment, not a reader the project uses. Issue 15 asks typed reading to reach 50% of the raw
/// Utf8JsonReader scan; the typed reader spends about as long in Utf8JsonReader as the scan does, so the one lever
/// left beside the model would be a tokenizer faster than Utf8JsonReader (it would need to be about 1.3x faster:
/// RESULTS.md, "Typed reading, fifth round"). This probe answers how far a hand-written one gets with what the
/// netstandard2.0 module can use (no hardware intrinsics: 8-byte words and Vector&lt;T&gt;): a validating scanner of
/// one JSON value per line, checked token by token (type and value bytes) against Utf8JsonReader on the `read`
/// benchmark's events, then timed against it round by round in thread CPU time.
/// <para>It validates structure, strings (control characters, escapes), numbers and literals, which is what
/// Utf8JsonReader checks while reading; it does not decode anything, and only the common case is written (no
/// depth beyond 64, no error messages): anything else throws.</para>
/// </summary>
internal static class TokenizerProbe
{
    public static int Run(string[] args)
    {
        int count = BenchOptions.Int(args, "--events", 40_000);
        int rounds = BenchOptions.Int(args, "--rounds", 9);
        byte[] data = new EventGenerator(7).Lines(count);
        long tokens = Verify(data);
        Console.WriteLine($"input: {count:N0} generated events, {data.Length / 1e6:F1} MB, {tokens:N0} tokens; the probe's tokens equal Utf8JsonReader's (type and value bytes)");

        for (int i = 0; i < 2; i++) { ScanWithUtf8JsonReader(data); ScanWithProbe(data); }
        var ratios = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            double start = ThreadCpu.Seconds();
            ScanWithUtf8JsonReader(data);
            double reader = ThreadCpu.Seconds() - start;
            start = ThreadCpu.Seconds();
            ScanWithProbe(data);
            double probe = ThreadCpu.Seconds() - start;
            ratios.Add(reader / probe);
            Console.WriteLine($"round {round + 1}: Utf8JsonReader {reader * 1000:F0} ms, probe {probe * 1000:F0} ms, probe speed {reader / probe:F2}x");
        }
        ratios.Sort();
        Console.WriteLine($"probe speed / Utf8JsonReader speed, median of {rounds} rounds: {ratios[rounds / 2]:F2}x (min {ratios[0]:F2}x, max {ratios[rounds - 1]:F2}x)");
        return 0;
    }

    private static long Verify(byte[] data)
    {
        long tokens = 0;
        foreach (var line in Lines(data))
        {
            var reader = new Utf8JsonReader(line.Span);
            var probe = new ProbeReader(line.Span);
            while (true)
            {
                bool more = reader.Read();
                if (more != probe.Read()) throw new InvalidOperationException($"token {tokens}: the probe ended {(more ? "early" : "late")}");
                if (!more) break;
                if (reader.TokenType != probe.TokenType) throw new InvalidOperationException($"token {tokens}: {probe.TokenType} instead of {reader.TokenType}");
                bool hasValue = reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String or JsonTokenType.Number;
                if (hasValue && !reader.ValueSpan.SequenceEqual(probe.ValueSpan)) throw new InvalidOperationException($"token {tokens}: other value bytes");
                if (hasValue && reader.ValueIsEscaped != probe.ValueIsEscaped) throw new InvalidOperationException($"token {tokens}: escapes told apart differently");
                tokens++;
            }
        }
        return tokens;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(byte[] data)
    {
        int start = 0;
        while (start < data.Length)
        {
            int newline = Array.IndexOf(data, (byte)'\n', start);
            int end = newline < 0 ? data.Length : newline;
            yield return data.AsMemory(start, end - start);
            start = end + 1;
        }
    }

    private static long ScanWithUtf8JsonReader(byte[] data)
    {
        long tokens = 0;
        var span = data.AsSpan();
        while (span.Length > 0)
        {
            int newline = span.IndexOf((byte)'\n');
            var reader = new Utf8JsonReader(newline < 0 ? span : span.Slice(0, newline));
            while (reader.Read()) tokens++;
            span = newline < 0 ? default : span.Slice(newline + 1);
        }
        return tokens;
    }

    private static long ScanWithProbe(byte[] data)
    {
        long tokens = 0;
        var span = data.AsSpan();
        while (span.Length > 0)
        {
            int newline = span.IndexOf((byte)'\n');
            var reader = new ProbeReader(newline < 0 ? span : span.Slice(0, newline));
            while (reader.Read()) tokens++;
            span = newline < 0 ? default : span.Slice(newline + 1);
        }
        return tokens;
    }

    /// <summary>The probe: Read() and the token's type and value bytes, as a typed reader would use them.</summary>
    private ref struct ProbeReader
    {
        private const int AfterValue = 0, ObjectStart = 1, ArrayStart = 2, ValueNext = 3, Done = 4;
        private readonly ReadOnlySpan<byte> _data;
        private int _position;
        private ulong _objectLevels; // bit d set: the container at depth d + 1 is an object
        private int _depth;
        private int _state;
        private int _valueStart, _valueLength;

        public ProbeReader(ReadOnlySpan<byte> data)
        {
            _data = data;
            _position = _depth = _valueStart = _valueLength = 0;
            _objectLevels = 0;
            _state = ValueNext;
            TokenType = JsonTokenType.None;
            ValueIsEscaped = false;
        }

        public JsonTokenType TokenType { get; private set; }
        public bool ValueIsEscaped { get; private set; }
        public readonly ReadOnlySpan<byte> ValueSpan => _data.Slice(_valueStart, _valueLength);

        public bool Read()
        {
            var data = _data;
            int i = SkipWhitespace(_position);
            switch (_state)
            {
                case AfterValue:
                    if (_depth == 0)
                    {
                        if (i != data.Length) Fail();
                        _state = Done;
                        return false;
                    }
                    if (i >= data.Length) Fail();
                    bool inObject = (_objectLevels & (1UL << (_depth - 1))) != 0;
                    byte c = data[i];
                    if (c == (byte)',') return inObject ? ReadName(SkipWhitespace(i + 1)) : ReadValue(SkipWhitespace(i + 1));
                    if (c == (byte)(inObject ? '}' : ']')) return End(i, inObject);
                    Fail();
                    return false;
                case ObjectStart:
                    return i < data.Length && data[i] == (byte)'}' ? End(i, inObject: true) : ReadName(i);
                case ArrayStart:
                    return i < data.Length && data[i] == (byte)']' ? End(i, inObject: false) : ReadValue(i);
                case ValueNext:
                    return ReadValue(i);
                default:
                    return false;
            }
        }

        private bool End(int i, bool inObject)
        {
            _depth--;
            _position = i + 1;
            _state = AfterValue;
            TokenType = inObject ? JsonTokenType.EndObject : JsonTokenType.EndArray;
            return true;
        }

        private bool ReadName(int i)
        {
            var data = _data;
            if (i >= data.Length || data[i] != (byte)'"') Fail();
            int end = ScanString(i + 1);
            i = SkipWhitespace(end + 1);
            if (i >= data.Length || data[i] != (byte)':') Fail();
            _position = i + 1;
            _state = ValueNext;
            TokenType = JsonTokenType.PropertyName;
            return true;
        }

        private bool ReadValue(int i)
        {
            var data = _data;
            if (i >= data.Length) Fail();
            byte c = data[i];
            _state = AfterValue;
            if (c == (byte)'"')
            {
                _position = ScanString(i + 1) + 1;
                TokenType = JsonTokenType.String;
            }
            else if (c == (byte)'{' || c == (byte)'[')
            {
                if (_depth >= 64) Fail();
                bool isObject = c == (byte)'{';
                _objectLevels = isObject ? _objectLevels | (1UL << _depth) : _objectLevels & ~(1UL << _depth);
                _depth++;
                _position = i + 1;
                _state = isObject ? ObjectStart : ArrayStart;
                TokenType = isObject ? JsonTokenType.StartObject : JsonTokenType.StartArray;
            }
            else if (c == (byte)'-' || (uint)(c - '0') <= 9)
            {
                _position = ScanNumber(i);
                _valueStart = i;
                _valueLength = _position - i;
                TokenType = JsonTokenType.Number;
            }
            else if (data.Slice(i).StartsWith("true"u8)) { _position = i + 4; TokenType = JsonTokenType.True; }
            else if (data.Slice(i).StartsWith("false"u8)) { _position = i + 5; TokenType = JsonTokenType.False; }
            else if (data.Slice(i).StartsWith("null"u8)) { _position = i + 4; TokenType = JsonTokenType.Null; }
            else Fail();
            return true;
        }

        private readonly int SkipWhitespace(int i)
        {
            var data = _data;
            while (i < data.Length)
            {
                byte c = data[i];
                if (c > (byte)' ') return i;
                if (c != (byte)' ' && c != (byte)'\n' && c != (byte)'\r' && c != (byte)'\t') Fail();
                i++;
            }
            return i;
        }

        /// <summary>The index of the closing quote of the string whose text starts at <paramref name="i"/>; sets the
        /// value span. Eight bytes at a time: a quote, a backslash or a byte below 0x20 stops the word scan.</summary>
        private int ScanString(int i)
        {
            var data = _data;
            int start = i;
            ValueIsEscaped = false;
            while (true)
            {
                while (true)
                {
                    if (i + 8 <= data.Length)
                    {
                        ulong word = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i));
                        ulong stops = StopBytes(word);
                        if (stops == 0) { i += 8; continue; }
                        i += FirstMarkedByte(stops);
                        break;
                    }
                    while (i < data.Length && data[i] != (byte)'"' && data[i] != (byte)'\\' && data[i] >= 0x20) i++;
                    if (i >= data.Length) Fail();
                    break;
                }
                byte c = data[i];
                if (c == (byte)'"')
                {
                    _valueStart = start;
                    _valueLength = i - start;
                    return i;
                }
                if (c < 0x20) Fail();
                ValueIsEscaped = true;
                if (i + 1 >= data.Length) Fail();
                byte escaped = data[i + 1];
                if (escaped == (byte)'u')
                {
                    if (i + 6 > data.Length) Fail();
                    for (int h = i + 2; h < i + 6; h++) if (!IsHexDigit(data[h])) Fail();
                    i += 6;
                }
                else if ("\"\\/bfnrt"u8.IndexOf(escaped) >= 0) i += 2;
                else Fail();
            }
        }

        /// <summary>The high bit of each byte of <paramref name="word"/> that is a quote, a backslash or below 0x20
        /// (exact for the lowest such byte, which is the one used).</summary>
        private static ulong StopBytes(ulong word)
        {
            const ulong Ones = 0x0101010101010101UL, Highs = 0x8080808080808080UL;
            ulong quotes = word ^ (Ones * '"'), backslashes = word ^ (Ones * '\\');
            return ((quotes - Ones) | (backslashes - Ones) | (word - Ones * 0x20)) & ~word & Highs;
        }

        // Vector<T> has no "first set lane" on netstandard2.0, nor BitOperations: the lowest marked byte by halving.
        private static int FirstMarkedByte(ulong marks)
        {
            int n = 0;
            if ((marks & 0xFFFFFFFFUL) == 0) { n += 4; marks >>= 32; }
            if ((marks & 0xFFFFUL) == 0) { n += 2; marks >>= 16; }
            if ((marks & 0xFFUL) == 0) n += 1;
            return n;
        }

        private static bool IsHexDigit(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 5;

        private readonly int ScanNumber(int i)
        {
            var data = _data;
            if (data[i] == (byte)'-' && ++i >= data.Length) Fail();
            if (data[i] == (byte)'0') i++;
            else if ((uint)(data[i] - '1') <= 8) { i++; i = Digits(data, i); }
            else Fail();
            if (i < data.Length && data[i] == (byte)'.')
            {
                int first = ++i;
                i = Digits(data, i);
                if (i == first) Fail();
            }
            if (i < data.Length && (data[i] | 0x20) == (byte)'e')
            {
                i++;
                if (i < data.Length && (data[i] == (byte)'+' || data[i] == (byte)'-')) i++;
                int first = i;
                i = Digits(data, i);
                if (i == first) Fail();
            }
            return i;
        }

        private static int Digits(ReadOnlySpan<byte> data, int i)
        {
            while (i < data.Length && (uint)(data[i] - '0') <= 9) i++;
            return i;
        }

        private static void Fail() => throw new FormatException("the probe handles valid JSON of depth 64 or less only");
    }
}
