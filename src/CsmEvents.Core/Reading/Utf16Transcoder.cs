using System;

namespace CsmEvents.Reading;

/// <summary>
/// Turns UTF-16 text (Windows PowerShell 5.1's <c>Out-File</c>, <c>&gt;</c>) into the UTF-8 the reader splits,
/// piece by piece. Encoding.Unicode would replace a lone surrogate with U+FFFD, silently changing the event;
/// here the record keeps it, in a form the record check rejects: inside a JSON string as the escape
/// <c>\udXXX</c> (a <see cref="ReadErrorIds.LoneSurrogate"/> error naming it), elsewhere as its three-byte
/// encoding (not UTF-8, so that record is an error too). A small string tracker tells which is which.
/// </summary>
internal sealed class Utf16Transcoder
{
    private readonly bool _bigEndian;
    private int _pendingByte = -1;
    private int _pendingHigh = -1;
    private bool _started;
    private bool _inString;
    private bool _escaped;

    public Utf16Transcoder(bool bigEndian) => _bigEndian = bigEndian;

    /// <summary>Bytes of output <see cref="Convert"/> may write for <paramref name="inputBytes"/> bytes of input.</summary>
    public static int MaxOutput(int inputBytes) => 3 * (inputBytes + 1) + 12;

    /// <summary>Converts a piece; with <paramref name="final"/>, also what was held back (half a pair, an odd byte).</summary>
    public int Convert(ReadOnlySpan<byte> input, Span<byte> output, bool final)
    {
        int written = 0;
        int i = 0;
        if (_pendingByte >= 0 && input.Length > 0)
        {
            Unit(_bigEndian ? (_pendingByte << 8) | input[0] : _pendingByte | (input[0] << 8), output, ref written);
            _pendingByte = -1;
            i = 1;
        }
        for (; i + 1 < input.Length; i += 2)
        {
            int unit = _bigEndian ? (input[i] << 8) | input[i + 1] : input[i] | (input[i + 1] << 8);
            Unit(unit, output, ref written);
        }
        if (i < input.Length) _pendingByte = input[i];
        if (final)
        {
            if (_pendingHigh >= 0) Lone(_pendingHigh, output, ref written);
            _pendingHigh = -1;
            if (_pendingByte >= 0) output[written++] = 0xFF; // half a code unit: not text, the last record is an error
            _pendingByte = -1;
        }
        return written;
    }

    private void Unit(int unit, Span<byte> output, ref int written)
    {
        if (!_started)
        {
            _started = true;
            if (unit == 0xFEFF) return; // byte-order mark
        }
        if (_pendingHigh >= 0)
        {
            int high = _pendingHigh;
            _pendingHigh = -1;
            if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
                int code = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00);
                output[written++] = (byte)(0xF0 | (code >> 18));
                output[written++] = (byte)(0x80 | ((code >> 12) & 0x3F));
                output[written++] = (byte)(0x80 | ((code >> 6) & 0x3F));
                output[written++] = (byte)(0x80 | (code & 0x3F));
                _escaped = false;
                return;
            }
            Lone(high, output, ref written);
        }
        if (unit >= 0xD800 && unit <= 0xDBFF)
        {
            _pendingHigh = unit;
            return;
        }
        if (unit >= 0xDC00 && unit <= 0xDFFF)
        {
            Lone(unit, output, ref written);
            return;
        }
        TrackString(unit);
        if (unit < 0x80) output[written++] = (byte)unit;
        else if (unit < 0x800)
        {
            output[written++] = (byte)(0xC0 | (unit >> 6));
            output[written++] = (byte)(0x80 | (unit & 0x3F));
        }
        else
        {
            output[written++] = (byte)(0xE0 | (unit >> 12));
            output[written++] = (byte)(0x80 | ((unit >> 6) & 0x3F));
            output[written++] = (byte)(0x80 | (unit & 0x3F));
        }
    }

    private void TrackString(int unit)
    {
        if (_inString)
        {
            if (_escaped) _escaped = false;
            else if (unit == '\\') _escaped = true;
            else if (unit == '"' || unit == '\n') _inString = false;
        }
        else if (unit == '"') _inString = true;
    }

    private void Lone(int unit, Span<byte> output, ref int written)
    {
        if (_inString && !_escaped)
        {
            const string Hex = "0123456789abcdef";
            output[written++] = (byte)'\\';
            output[written++] = (byte)'u';
            for (int shift = 12; shift >= 0; shift -= 4) output[written++] = (byte)Hex[(unit >> shift) & 0xF];
        }
        else
        {
            output[written++] = (byte)(0xE0 | (unit >> 12));
            output[written++] = (byte)(0x80 | ((unit >> 6) & 0x3F));
            output[written++] = (byte)(0x80 | (unit & 0x3F));
        }
        _escaped = false;
    }
}
