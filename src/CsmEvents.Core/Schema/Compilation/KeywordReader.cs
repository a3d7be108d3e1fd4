using System.Collections.Generic;
using System.Text.Json;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Compilation;

/// <summary>The keywords of one schema object, with helpers that report bad values at their exact pointer.</summary>
internal sealed class KeywordReader
{
    public KeywordReader(SchemaDocument document, string pointer, Dictionary<string, JsonElement> keywords)
    {
        Document = document;
        Pointer = pointer;
        Keywords = keywords;
    }

    public SchemaDocument Document { get; }
    public string Pointer { get; }
    public Dictionary<string, JsonElement> Keywords { get; }

    public string PointerOf(string keyword) => JsonPointer.Append(Pointer, keyword);

    public bool TryGet(string keyword, out JsonElement value) => Keywords.TryGetValue(keyword, out value);

    public SchemaLoadException Error(string keyword, string reason) => new(Document.SourceName, PointerOf(keyword), reason);

    public string String(string keyword, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) throw Error(keyword, keyword + " must be a string");
        return value.GetString()!;
    }

    public long NonNegativeInteger(string keyword, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            var exact = JsonNumberKinds.ToExact(value);
            if (exact.IsInteger && exact.Sign >= 0)
            {
                // Anything beyond long.MaxValue can never be reached by a real length or count.
                return exact.Mantissa * System.Numerics.BigInteger.Pow(10, exact.Exponent) > long.MaxValue
                    ? long.MaxValue
                    : (long)(exact.Mantissa * System.Numerics.BigInteger.Pow(10, exact.Exponent));
            }
        }
        throw Error(keyword, keyword + " must be a non-negative integer");
    }

    public JsonElement Number(string keyword, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number) throw Error(keyword, keyword + " must be a number");
        return value;
    }

    public bool Boolean(string keyword, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.True && value.ValueKind != JsonValueKind.False) throw Error(keyword, keyword + " must be true or false");
        return value.ValueKind == JsonValueKind.True;
    }

    public string[] StringArray(string keyword, JsonElement value, string pointer)
    {
        if (value.ValueKind != JsonValueKind.Array) throw new SchemaLoadException(Document.SourceName, pointer, keyword + " must be an array of strings");
        var list = new List<string>();
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new SchemaLoadException(Document.SourceName, JsonPointer.Append(pointer, index), keyword + " must contain only strings");
            }
            string s = item.GetString()!;
            if (!list.Contains(s)) list.Add(s);
            index++;
        }
        return list.ToArray();
    }
}
