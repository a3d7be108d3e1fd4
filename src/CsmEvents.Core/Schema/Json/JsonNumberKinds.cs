using System.Text.Json;

namespace CsmEvents.Schema.Json;

/// <summary>Number questions asked during validation, with allocation-free fast paths for ordinary values.</summary>
internal static class JsonNumberKinds
{
    /// <summary>True when the number has no fractional part (1.0 and 1e3 are integers; JSON Schema counts values, not spelling).</summary>
    public static bool IsInteger(JsonElement number)
    {
        if (number.TryGetInt64(out _)) return true;
        return ToExact(number).IsInteger;
    }

    public static ExactNumber ToExact(JsonElement number)
    {
        if (number.TryGetInt64(out long value)) return ExactNumber.FromInt64(value);
        if (ExactNumber.TryParse(number.GetRawText(), out var exact)) return exact;
        // Only reachable for exponents too large to represent exactly; the double is the best we can do.
        return ExactNumber.TryParse(number.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture), out exact) ? exact : default;
    }

    /// <summary>Numeric comparison of an instance number with a precomputed limit.</summary>
    public static int Compare(JsonElement number, in NumberLimit limit)
    {
        if (limit.IsInt64 && number.TryGetInt64(out long value)) return value.CompareTo(limit.Int64);
        return ExactNumber.Compare(ToExact(number), limit.Exact);
    }
}

/// <summary>A number from a schema keyword, kept both exactly and (when it fits) as a long for the fast path.</summary>
internal readonly struct NumberLimit
{
    public readonly ExactNumber Exact;
    public readonly bool IsInt64;
    public readonly long Int64;
    public readonly string Text;

    public NumberLimit(JsonElement number)
    {
        Exact = JsonNumberKinds.ToExact(number);
        IsInt64 = number.TryGetInt64(out Int64);
        Text = number.GetRawText();
    }
}
