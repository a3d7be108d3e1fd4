using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CsmEvents.Model.Json;

/// <summary>
/// How a typed member reads its JSON value, for each kind of member: the generic fields (<see cref="Field{TOwner}"/>)
/// and the hand-written member readers of the hottest classes (<see cref="MemberReader{T}"/>) both call these, so
/// the rules are written once. Each returns false when the value does not fit the type, with the reader back on
/// the value's first token: the shape then keeps the value as a plain additional member, unchanged.
/// </summary>
internal static class JsonValues
{
    public static bool TryString(ref Utf8JsonReader reader, ReadContext context, out string? value)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            value = null;
            return false;
        }
        value = context.GetString(ref reader);
        return true;
    }

    public static bool TryInt64(ref Utf8JsonReader reader, out long value)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            value = 0;
            return false;
        }
        if (!reader.HasValueSequence && ShortInteger.TryRead(reader.ValueSpan, out value, out bool negative)) return value != 0 || !negative;
        if (!reader.TryGetInt64(out value))
        {
            value = 0;
            return false;
        }
        return value != 0 || !PlainJson.StartsWithMinus(ref reader); // -0: kept as written, as a plain value
    }

    public static bool TryUInt64(ref Utf8JsonReader reader, out ulong value)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            value = 0;
            return false;
        }
        if (!reader.HasValueSequence && ShortInteger.TryRead(reader.ValueSpan, out long small, out bool negative))
        {
            value = (ulong)small;
            return !negative; // a negative number (or -0, kept as written) is not an unsigned value
        }
        if (!reader.TryGetUInt64(out value))
        {
            value = 0;
            return false;
        }
        return value != 0 || !PlainJson.StartsWithMinus(ref reader); // -0: kept as written, as a plain value
    }

    public static bool TryBoolean(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return value || reader.TokenType == JsonTokenType.False;
    }

    /// <summary>An RFC 3339 timestamp; text that is not one stays a plain string member.</summary>
    public static bool TryTime(ref Utf8JsonReader reader, ReadContext context, out TimeValue value) => context.TryGetTime(ref reader, out value);

    /// <summary>An unsigned 64-bit id that older formats wrote as a JSON number and newer ones as a decimal string
    /// (without sign, leading zeros or spaces: the text must be the one the value writes back).</summary>
    public static bool TryId(ref Utf8JsonReader reader, out IdValue value)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out ulong number) && !(number == 0 && PlainJson.StartsWithMinus(ref reader)))
        {
            value = new IdValue(number, asString: false);
            return true;
        }
        if (reader.TokenType == JsonTokenType.String && ulong.TryParse(reader.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong parsed)
            && parsed.ToString(System.Globalization.CultureInfo.InvariantCulture) == reader.GetString())
        {
            value = new IdValue(parsed, asString: true);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>An array of strings; an array holding anything else stays a plain member. The reader is not
    /// rewound for that (a copy of the reader, ~200 bytes, for every array of every process was 2% of reading):
    /// the array is read to its end as the plain value, which <see cref="ReadContext.TakePlainValue"/> then gives
    /// to the shape instead of reading the value again.</summary>
    public static bool TryStrings(ref Utf8JsonReader reader, ReadContext context, out string[]? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        var items = context.RentStringList();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                context.KeepPlainValue(RestAsPlainArray(ref reader, items));
                return false;
            }
            items.Add(context.GetString(ref reader)!);
        }
        value = items.Count == 0 ? Array.Empty<string>() : items.ToArray();
        return true;
    }

    /// <summary>The plain value of an array whose first items were strings: those, then the item at hand and
    /// the rest as plain values; the reader is left on the array's end, as PlainJson.Read leaves it.</summary>
    private static object?[] RestAsPlainArray(ref Utf8JsonReader reader, List<string> stringsRead)
    {
        var plain = new List<object?>(stringsRead.Count + 4);
        foreach (string item in stringsRead) plain.Add(item);
        do
        {
            plain.Add(PlainJson.Read(ref reader));
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
        return plain.ToArray();
    }

    /// <summary>A member kept as a plain value (free maps such as <c>variables</c>); an explicit null stays an
    /// additional member.</summary>
    public static bool TryPlain(ref Utf8JsonReader reader, out object? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return false;
        value = PlainJson.Read(ref reader);
        return true;
    }

    public static bool TryObject<TChild>(ref Utf8JsonReader reader, ReadContext context, ObjectShape<TChild> shape, out TChild? value) where TChild : CsmObject
    {
        value = null;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        value = shape.Read(ref reader, context);
        return true;
    }

    /// <summary>An array of objects; an array holding anything else stays a plain member.</summary>
    public static bool TryObjects<TChild>(ref Utf8JsonReader reader, ReadContext context, ObjectShape<TChild> shape, out List<TChild>? value) where TChild : CsmObject
    {
        value = null;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        var start = reader;
        var items = new List<TChild>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader = start;
                return false;
            }
            items.Add(shape.Read(ref reader, context));
        }
        value = items;
        return true;
    }
}
