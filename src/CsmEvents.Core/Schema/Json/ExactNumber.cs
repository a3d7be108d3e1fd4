using System;
using System.Globalization;
using System.Numerics;

namespace CsmEvents.Schema.Json;

/// <summary>
/// A JSON number held exactly as <c>Mantissa × 10^Exponent</c>. JSON numbers have no size limit, and Datadog
/// ids are unsigned 64-bit, so comparisons, multipleOf and equality cannot trust <see cref="double"/>.
/// The mantissa never ends in a zero digit (zero is 0 × 10^0), which makes equal values structurally equal.
/// </summary>
internal readonly struct ExactNumber : IEquatable<ExactNumber>
{
    // Exponents beyond this are refused when text is parsed: nothing real needs them and they would let
    // a tiny input ask for astronomically large intermediate numbers.
    private const long MaxExponentMagnitude = 100_000_000;

    public readonly BigInteger Mantissa;
    public readonly int Exponent;

    private ExactNumber(BigInteger mantissa, int exponent)
    {
        if (mantissa.IsZero) { Mantissa = BigInteger.Zero; Exponent = 0; return; }
        while (true)
        {
            var quotient = BigInteger.DivRem(mantissa, 10, out var remainder);
            if (!remainder.IsZero) break;
            mantissa = quotient;
            exponent++;
        }
        Mantissa = mantissa;
        Exponent = exponent;
    }

    public static ExactNumber FromInt64(long value) => new(value, 0);

    public bool IsInteger => Exponent >= 0;

    public int Sign => Mantissa.Sign;

    /// <summary>Parses JSON number text (also accepts the forms .NET writes, which are a subset).</summary>
    public static bool TryParse(string text, out ExactNumber number)
    {
        number = default;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+')) { negative = text[i] == '-'; i++; }
        var digits = new System.Text.StringBuilder();
        int fractionDigits = 0;
        bool sawDigit = false, inFraction = false;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c >= '0' && c <= '9') { digits.Append(c); sawDigit = true; if (inFraction) fractionDigits++; }
            else if (c == '.' && !inFraction) inFraction = true;
            else break;
        }
        if (!sawDigit) return false;
        long exponent = 0;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            bool negativeExponent = false;
            if (i < text.Length && (text[i] == '-' || text[i] == '+')) { negativeExponent = text[i] == '-'; i++; }
            bool sawExponentDigit = false;
            for (; i < text.Length && text[i] >= '0' && text[i] <= '9'; i++)
            {
                sawExponentDigit = true;
                exponent = exponent * 10 + (text[i] - '0');
                if (exponent > MaxExponentMagnitude) return false;
            }
            if (!sawExponentDigit) return false;
            if (negativeExponent) exponent = -exponent;
        }
        if (i != text.Length) return false;
        var mantissa = BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        if (negative) mantissa = -mantissa;
        number = new ExactNumber(mantissa, checked((int)(exponent - fractionDigits)));
        return true;
    }

    public static int Compare(ExactNumber a, ExactNumber b)
    {
        int signA = a.Mantissa.Sign, signB = b.Mantissa.Sign;
        if (signA != signB) return signA.CompareTo(signB);
        if (signA == 0) return 0;
        // Same sign: compare magnitudes through their order of magnitude first, so that huge exponents never
        // have to be expanded into digits.
        long magnitudeA = DigitCount(a.Mantissa) + (long)a.Exponent;
        long magnitudeB = DigitCount(b.Mantissa) + (long)b.Exponent;
        int result;
        if (magnitudeA != magnitudeB) result = magnitudeA.CompareTo(magnitudeB);
        else
        {
            // Equal orders of magnitude: the exponents differ by at most the digit counts, so aligning is cheap.
            int common = Math.Min(a.Exponent, b.Exponent);
            var scaledA = BigInteger.Abs(a.Mantissa) * BigInteger.Pow(10, a.Exponent - common);
            var scaledB = BigInteger.Abs(b.Mantissa) * BigInteger.Pow(10, b.Exponent - common);
            result = scaledA.CompareTo(scaledB);
        }
        return signA > 0 ? result : -result;
    }

    /// <summary>True when value ÷ divisor is an integer (divisor must be non-zero).</summary>
    public static bool IsMultipleOf(ExactNumber value, ExactNumber divisor)
    {
        if (value.Mantissa.IsZero) return true;
        int shift = value.Exponent - divisor.Exponent;
        var divisorMantissa = BigInteger.Abs(divisor.Mantissa);
        if (shift >= 0)
        {
            // (m_v × 10^shift) mod m_d, without expanding 10^shift.
            var power = BigInteger.ModPow(10, shift, divisorMantissa);
            return (BigInteger.Abs(value.Mantissa) * power % divisorMantissa).IsZero;
        }
        // The value would need to be divisible by 10^-shift, but its mantissa has no trailing zero.
        return false;
    }

    public bool Equals(ExactNumber other) => Exponent == other.Exponent && Mantissa.Equals(other.Mantissa);

    public override bool Equals(object? obj) => obj is ExactNumber other && Equals(other);

    public override int GetHashCode() => Mantissa.GetHashCode() * 31 + Exponent;

    public override string ToString()
    {
        if (Exponent == 0) return Mantissa.ToString(CultureInfo.InvariantCulture);
        return Mantissa.ToString(CultureInfo.InvariantCulture) + "e" + Exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static long DigitCount(BigInteger value)
    {
        value = BigInteger.Abs(value);
        if (value < 10) return 1;
        // Estimate from the bit length, then correct by one step either way.
        long estimate = (long)Math.Floor(BigInteger.Log10(value)) + 1;
        var low = BigInteger.Pow(10, (int)estimate - 1);
        if (value < low) return estimate - 1;
        if (value >= low * 10) return estimate + 1;
        return estimate;
    }
}
