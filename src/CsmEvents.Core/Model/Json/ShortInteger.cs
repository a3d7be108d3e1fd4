using System;

namespace CsmEvents.Model.Json;

/// <summary>
/// The value of a JSON number token that is a plain integer of at most 18 digits (every pid, uid, inode and mode
/// of an event), computed straight from its bytes. Utf8JsonReader.TryGetInt64 parses through the general
/// number parser, which was 3% of reading an event; this loop is a fraction of that. Anything else (a fraction,
/// an exponent, 19 digits or more) is left to the reader's own parsing.
/// </summary>
internal static class ShortInteger
{
    private const int MaxDigits = 18; // 10^18 - 1 fits in a long: no overflow check needed

    /// <summary>True when <paramref name="number"/> (the bytes of a number token the reader has validated) is
    /// <c>-?digits</c> with at most 18 digits; <paramref name="negative"/> tells a written <c>-0</c> from <c>0</c>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> number, out long value, out bool negative)
    {
        value = 0;
        negative = number.Length > 0 && number[0] == (byte)'-';
        int start = negative ? 1 : 0;
        int digits = number.Length - start;
        if (digits < 1 || digits > MaxDigits) return false;
        long result = 0;
        for (int i = start; i < number.Length; i++)
        {
            uint digit = (uint)(number[i] - (byte)'0');
            if (digit > 9) return false; // '.', 'e', 'E': not a plain integer
            result = result * 10 + digit;
        }
        value = negative ? -result : result;
        return true;
    }
}
