using System;

namespace CsmEvents.Reading;

/// <summary>
/// Removes the whitespace between the tokens of JSON text that is already known to be valid (it has been parsed).
/// Strings, escapes included, and numbers are copied byte for byte, so the values are exactly those of the input.
/// </summary>
public static class CompactJson
{
    /// <summary>Copies <paramref name="json"/> without insignificant whitespace into <paramref name="destination"/>
    /// (at least as long as the input) and returns the number of bytes written.</summary>
    public static int Copy(ReadOnlySpan<byte> json, Span<byte> destination)
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
                if (b != (byte)' ' && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t') destination[written++] = b;
                i++;
            }
        }
        return written;
    }

    /// <summary>The index just after the string that opens at <paramref name="quote"/>. Strings hold most of an
    /// event's bytes, so the search for its end is a vectorised IndexOfAny rather than a byte loop.</summary>
    private static int EndOfString(ReadOnlySpan<byte> json, int quote)
    {
        int i = quote + 1;
        while (i < json.Length)
        {
            int next = json.Slice(i).IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0) break;
            i += next;
            if (json[i] == (byte)'"') return i + 1;
            i += 2; // a backslash and the character it escapes (for \uXXXX the hex digits are plain bytes)
        }
        return json.Length; // unterminated (not valid JSON): copy the rest as it is
    }
}
