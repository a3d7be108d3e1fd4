using System;

namespace CsmEvents.Reading;

/// <summary>
/// Removes the whitespace between the tokens of JSON text that is already known to be valid (it has been parsed).
/// Strings, escapes included, and numbers are copied byte for byte, so the values are exactly those of the input.
/// </summary>
internal static class CompactJson
{
    /// <summary>Copies <paramref name="json"/> without insignificant whitespace into <paramref name="destination"/>
    /// (at least as long as the input) and returns the number of bytes written.</summary>
    public static int Copy(ReadOnlySpan<byte> json, Span<byte> destination)
    {
        // Agent output is already compact: find that out first, and copy it in one block.
        int first = FirstWhitespaceOutsideStrings(json);
        if (first < 0)
        {
            json.CopyTo(destination);
            return json.Length;
        }
        json.Slice(0, first).CopyTo(destination);
        return first + CopyWithoutWhitespace(json.Slice(first), destination.Slice(first));
    }

    private static int FirstWhitespaceOutsideStrings(ReadOnlySpan<byte> json)
    {
        // One vectorised search for any whitespace byte; most records have whitespace only inside a few strings
        // (titles, command lines), so only the strings up to each candidate are walked, not all of them.
        int pos = 0; // outside any string
        while (true)
        {
            int found = json.Slice(pos).IndexOfAny(Whitespace);
            if (found < 0) return -1;
            int candidate = pos + found;
            while (true)
            {
                int quote = json.Slice(pos, candidate - pos).IndexOf((byte)'"');
                if (quote < 0) return candidate; // no string opens before it: the whitespace is between tokens
                pos = EndOfString(json, pos + quote);
                if (pos > candidate) break; // it was inside that string: look again after the string
            }
        }
    }

    private static readonly byte[] Whitespace = { (byte)' ', (byte)'\n', (byte)'\r', (byte)'\t' };

    private static int CopyWithoutWhitespace(ReadOnlySpan<byte> json, Span<byte> destination)
    {
        int written = 0;
        int i = 0;
        while (i < json.Length)
        {
            byte b = json[i];
            if (b == (byte)'"')
            {
                int end = EndOfString(json, i);
                json.Slice(i, end - i).CopyTo(destination.Slice(written));
                written += end - i;
                i = end;
            }
            else
            {
                if (!IsWhitespace(b)) destination[written++] = b;
                i++;
            }
        }
        return written;
    }

    private static bool IsWhitespace(byte b) => b == (byte)' ' || b == (byte)'\n' || b == (byte)'\r' || b == (byte)'\t';

    /// <summary>The index just after the string that opens at <paramref name="quote"/>. Strings hold most of an
    /// event's bytes, so their end is found with a vectorised search for the next quote; a quote preceded by an
    /// odd number of backslashes is escaped and the search goes on.</summary>
    private static int EndOfString(ReadOnlySpan<byte> json, int quote)
    {
        int i = quote + 1;
        while (i < json.Length)
        {
            int next = json.Slice(i).IndexOf((byte)'"');
            if (next < 0) break;
            int end = i + next;
            int backslashes = 0;
            for (int b = end - 1; b > quote && json[b] == (byte)'\\'; b--) backslashes++;
            if ((backslashes & 1) == 0) return end + 1;
            i = end + 1;
        }
        return json.Length; // unterminated (not valid JSON): copy the rest as it is
    }
}
