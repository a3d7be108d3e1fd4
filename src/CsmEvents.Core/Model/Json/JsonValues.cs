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
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out value)) 
        {
            value = 0;
            return false;
        }
        return value != 0 || !PlainJson.StartsWithMinus(ref reader); // -0: kept as written, as a plain value
    }

    public static bool TryUInt64(ref Utf8JsonReader reader, out ulong value)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt64(out value))
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

    /// <summary>An array of strings; an array holding anything else stays a plain member. Only this kind rewinds
    /// the reader, so only it copies the reader (~200 bytes, too much to copy for every member).</summary>
    public static bool TryStrings(ref Utf8JsonReader reader, ReadContext context, out string[]? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        var start = reader;
        var items = context.RentStringList();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                reader = start;
                return false;
            }
            items.Add(context.GetString(ref reader)!);
        }
        value = items.Count == 0 ? Array.Empty<string>() : items.ToArray();
        return true;
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
