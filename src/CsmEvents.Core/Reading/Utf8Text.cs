using System;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CsmEvents.Reading;

/// <summary>
/// Finds the first problem in the bytes of a JSON string, and says what it is: bytes that are not UTF-8, or an
/// escape that stands for half of a UTF-16 surrogate pair. System.Text.Json's reader does not check either while
/// it tokenizes (it fails only when a string is read as text), so the record check does it here, once, with the
/// position a person needs. netstandard2.0 has no Utf8.IsValid; ASCII, most of every event, is skipped eight
/// bytes at a time.
/// </summary>
internal static class Utf8Text
{
    /// <summary>What is wrong with a string's bytes.</summary>
    public enum Problem { None, InvalidUtf8, LoneSurrogate }

    /// <summary>The first problem in a string token's raw bytes (between its quotes; <paramref name="escaped"/> when
    /// the token holds backslash escapes): where it starts, how many bytes it covers, and for a lone surrogate its
    /// code unit.</summary>
    public static Problem FindProblem(ReadOnlySpan<byte> raw, bool escaped, out int at, out int length, out int codeUnit)
    {
        codeUnit = 0;
        if (!escaped)
        {
            at = FindInvalidUtf8(raw, out length);
            return at < 0 ? Problem.None : Problem.InvalidUtf8;
        }
        return FindProblemInEscaped(raw, out at, out length, out codeUnit);
    }

    private static readonly byte[] UnicodeEscape = { (byte)'\\', (byte)'u' };

    /// <summary>The first problem in an escaped string, found with two vectorised searches instead of a walk from
    /// escape to escape (every Windows path is full of escaped backslashes): first the bytes that are not UTF-8
    /// (escapes are ASCII, so they never change that verdict), then, before that point, the <c>\u</c> escapes, the
    /// only ones that can stand for a surrogate. The result is that of <see cref="FindProblemWalkingEscapes"/>,
    /// which a test compares it with.</summary>
    private static Problem FindProblemInEscaped(ReadOnlySpan<byte> raw, out int at, out int length, out int codeUnit)
    {
        codeUnit = 0;
        int bad = FindInvalidUtf8(raw, out int badLength);
        int limit = bad < 0 ? raw.Length : bad;
        int i = 0;
        while (i < limit)
        {
            int hit = raw.Slice(i, limit - i).IndexOf(UnicodeEscape);
            if (hit < 0) break;
            int backslash = i + hit;
            // "\\u" is an escaped backslash and a letter u: the backslash starts an escape only when an odd number
            // of backslashes runs up to the u (a run can only start after a character that is not one).
            int run = 1;
            while (backslash - run >= 0 && raw[backslash - run] == (byte)'\\') run++;
            if (run % 2 == 0)
            {
                i = backslash + 2;
                continue;
            }
            // The reader has already checked the escape syntax: \u is followed by four hex digits.
            int unit = Hex4(raw.Slice(backslash + 2, 4));
            if (unit >= 0xD800 && unit <= 0xDBFF)
            {
                bool paired = backslash + 12 <= raw.Length && raw[backslash + 6] == (byte)'\\' && raw[backslash + 7] == (byte)'u' &&
                    Hex4(raw.Slice(backslash + 8, 4)) is int low && low >= 0xDC00 && low <= 0xDFFF;
                if (!paired) return LoneSurrogateAt(backslash, unit, out at, out length, out codeUnit);
                i = backslash + 12;
                continue;
            }
            if (unit >= 0xDC00 && unit <= 0xDFFF) return LoneSurrogateAt(backslash, unit, out at, out length, out codeUnit);
            i = backslash + 6;
        }
        at = bad;
        length = bad < 0 ? 0 : badLength;
        return bad < 0 ? Problem.None : Problem.InvalidUtf8;
    }

    /// <summary>The first problem in an escaped string, walking it escape by escape: the plain definition that
    /// <see cref="FindProblemInEscaped"/> must agree with (kept for the test that compares them).</summary>
    internal static Problem FindProblemWalkingEscapes(ReadOnlySpan<byte> raw, out int at, out int length, out int codeUnit)
    {
        codeUnit = 0;
        length = 0;
        int i = 0;
        while (i < raw.Length)
        {
            int backslash = raw.Slice(i).IndexOf((byte)'\\');
            int runEnd = backslash < 0 ? raw.Length : i + backslash;
            int bad = FindInvalidUtf8(raw.Slice(i, runEnd - i), out length);
            if (bad >= 0)
            {
                at = i + bad;
                return Problem.InvalidUtf8;
            }
            if (backslash < 0) break;
            i = runEnd;
            // The reader has already checked the escape syntax: a backslash is followed by one of "\/bfnrtu, and
            // \u by four hex digits.
            if (i + 1 < raw.Length && raw[i + 1] == (byte)'u' && i + 6 <= raw.Length)
            {
                int unit = Hex4(raw.Slice(i + 2, 4));
                if (unit >= 0xD800 && unit <= 0xDBFF)
                {
                    bool paired = i + 12 <= raw.Length && raw[i + 6] == (byte)'\\' && raw[i + 7] == (byte)'u' &&
                        Hex4(raw.Slice(i + 8, 4)) is int low && low >= 0xDC00 && low <= 0xDFFF;
                    if (!paired) return LoneSurrogateAt(i, unit, out at, out length, out codeUnit);
                    i += 12;
                    continue;
                }
                if (unit >= 0xDC00 && unit <= 0xDFFF) return LoneSurrogateAt(i, unit, out at, out length, out codeUnit);
                i += 6;
            }
            else i += 2;
        }
        at = -1;
        length = 0;
        return Problem.None;
    }

    private static Problem LoneSurrogateAt(int index, int unit, out int at, out int length, out int codeUnit)
    {
        at = index;
        length = 6;
        codeUnit = unit;
        return Problem.LoneSurrogate;
    }

    /// <summary>True when no string of the record can hold a problem: every byte is ASCII (so all of it is UTF-8)
    /// and no <c>\u</c> escape occurs (the only kind that can stand for a surrogate). One pass over the record,
    /// instead of a check per string; records that fail it (non-ASCII text, a <c>\u</c> escape) have their
    /// strings checked one by one.</summary>
    public static bool CannotHoldStringProblems(ReadOnlySpan<byte> record)
    {
        ulong high = 0;
        var words = MemoryMarshal.Cast<byte, ulong>(record);
        for (int i = 0; i < words.Length; i++) high |= words[i];
        for (int i = words.Length * 8; i < record.Length; i++) high |= record[i];
        return (high & 0x8080808080808080UL) == 0 && !HasUnicodeEscape(record);
    }

    /// <summary>True when the text holds a <c>\u</c> escape. A backslash and a u are one only when an odd number of
    /// backslashes runs up to the u: <c>\\u</c> is an escaped backslash and a letter (as in every <c>DOMAIN\\user</c>
    /// of a Windows event), which must not send the record to the slow path.</summary>
    private static bool HasUnicodeEscape(ReadOnlySpan<byte> text)
    {
        int i = 0;
        while (true)
        {
            int hit = text.Slice(i).IndexOf(UnicodeEscape);
            if (hit < 0) return false;
            int backslash = i + hit;
            int run = 1;
            while (backslash - run >= 0 && text[backslash - run] == (byte)'\\') run++;
            if (run % 2 == 1) return true;
            i = backslash + 2;
        }
    }

    /// <summary>Index of the first byte that does not begin a valid UTF-8 sequence (overlong forms, encoded
    /// surrogates and code points past U+10FFFF included), or -1; <paramref name="length"/> is the length of the
    /// bad sequence as far as it goes.</summary>
    public static int FindInvalidUtf8(ReadOnlySpan<byte> text, out int length)
    {
        int n = text.Length;
        int i = 0;
        while (i < n)
        {
            while (i + 8 <= n && (MemoryMarshal.Read<ulong>(text.Slice(i)) & 0x8080808080808080UL) == 0) i += 8;
            if (i >= n) break;
            byte b = text[i];
            if (b < 0x80)
            {
                i++;
                continue;
            }
            int need = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
            if (need < 0)
            {
                length = 1;
                return i;
            }
            int continuation = 0;
            while (continuation < need && i + 1 + continuation < n && (text[i + 1 + continuation] & 0xC0) == 0x80) continuation++;
            if (continuation < need || !SecondByteFits(b, text[i + 1]))
            {
                length = 1 + continuation;
                return i;
            }
            i += need + 1;
        }
        length = 0;
        return -1;
    }

    // The second byte's range decides overlong forms (E0, F0), surrogates (ED) and the U+10FFFF ceiling (F4).
    private static bool SecondByteFits(byte lead, byte second) => lead switch
    {
        0xE0 => second >= 0xA0,
        0xED => second <= 0x9F,
        0xF0 => second >= 0x90,
        0xF4 => second <= 0x8F,
        _ => true,
    };

    /// <summary>The bad bytes and what they are, e.g. <c>byte 0xFF, which never occurs in UTF-8</c>.</summary>
    public static string DescribeInvalid(ReadOnlySpan<byte> bad)
    {
        string bytes = (bad.Length == 1 ? "byte " : "bytes ") + Hex(bad);
        byte lead = bad[0];
        if (lead >= 0x80 && lead <= 0xBF) return bytes + ", a continuation byte without a lead byte";
        if (lead == 0xC0 || lead == 0xC1 || lead >= 0xF5) return bytes + ", which never occurs in UTF-8";
        int need = lead <= 0xDF ? 1 : lead <= 0xEF ? 2 : 3;
        if (bad.Length == need + 1)
        {
            // Complete, so the second byte is out of range for the lead byte.
            if (lead == 0xED) return bytes + ", a UTF-16 surrogate encoded as UTF-8 (not a character)";
            if (lead == 0xF4) return bytes + ", beyond the last Unicode character U+10FFFF";
            return bytes + ", an overlong encoding";
        }
        return bytes + ", a UTF-8 sequence cut short";
    }

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var parts = new string[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) parts[i] = "0x" + bytes[i].ToString("X2", CultureInfo.InvariantCulture);
        return string.Join(" ", parts);
    }

    private static int Hex4(ReadOnlySpan<byte> digits)
    {
        int value = 0;
        foreach (byte d in digits)
        {
            int v = d >= (byte)'0' && d <= (byte)'9' ? d - '0' : d >= (byte)'a' && d <= (byte)'f' ? d - 'a' + 10 : d >= (byte)'A' && d <= (byte)'F' ? d - 'A' + 10 : -1;
            if (v < 0) return -1;
            value = (value << 4) | v;
        }
        return value;
    }
}
