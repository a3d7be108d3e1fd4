using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace CsmEvents.Model.Json;

/// <summary>
/// Converts between JSON and plain .NET values, the form in which fields the model does not type reach users:
/// objects become <see cref="OrderedDictionary"/> (member order kept), arrays <c>object[]</c>, numbers the
/// smallest exact type (long, ulong, BigInteger, decimal, else <see cref="RawJsonNumber"/>), and the rest
/// string/bool/null. Never exposes JsonElement, so PowerShell users see ordinary values.
/// </summary>
public static class PlainJson
{
    /// <summary>Reads the value the reader is positioned on (its first token) and leaves the reader on its last token.</summary>
    public static object? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return ReadNumber(ref reader);
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject:
                var dict = new OrderedDictionary(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    object? value = Read(ref reader);
                    if (dict.Contains(name)) throw DuplicateProperty(name);
                    dict.Add(name, value);
                }
                return dict;
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(Read(ref reader));
                }
                return list.ToArray();
            default:
                throw new JsonException("unexpected JSON token " + reader.TokenType);
        }
    }

    internal static JsonException DuplicateProperty(string name) =>
        new JsonException("duplicate property \"" + name + "\" in one object (it cannot be kept without losing one of the values)");

    /// <summary>
    /// The number as the smallest exact .NET type that writes it back as the same text; else the text itself
    /// (<see cref="RawJsonNumber"/>): <c>-0</c>, exponent forms such as <c>1.25e3</c>, more than 28 significant
    /// digits. Writers must give back the number as the agent wrote it, not only its value.
    /// </summary>
    private static object ReadNumber(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out long l))
        {
            // "-0" is the only integer text JSON allows that a long does not write back ("0").
            if (l != 0 || !StartsWithMinus(ref reader)) return l;
            return new RawJsonNumber("-0");
        }
        if (reader.TryGetUInt64(out ulong ul)) return ul;
        string text = System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
        return NumberFromText(text);
    }

    /// <summary>The value of number text as <see cref="ReadNumber"/> types it (text already known to be valid JSON).</summary>
    internal static object NumberFromText(string text)
    {
        bool hasExponent = text.IndexOf('e') >= 0 || text.IndexOf('E') >= 0;
        if (hasExponent) return new RawJsonNumber(text); // no .NET number writes an exponent back as written
        if (text.IndexOf('.') < 0)
        {
            var big = BigInteger.Parse(text, CultureInfo.InvariantCulture);
            return big.ToString(CultureInfo.InvariantCulture) == text ? big : new RawJsonNumber(text);
        }
        // decimal keeps trailing zeros (1.50 stays 1.50) but not a negative zero, nor more than 28 digits.
        if (SignificantDigits(text) <= 28 && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) &&
            d.ToString(CultureInfo.InvariantCulture) == text)
        {
            return d;
        }
        return new RawJsonNumber(text);
    }

    /// <summary>True when the number token's text begins with a minus sign: a zero read from it is <c>-0</c>.</summary>
    internal static bool StartsWithMinus(ref Utf8JsonReader reader) =>
        (reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence)[0] : reader.ValueSpan[0]) == (byte)'-';

    private static int SignificantDigits(string text)
    {
        int count = 0;
        bool leading = true;
        foreach (char c in text)
        {
            if (c == 'e' || c == 'E') break;
            if (c < '0' || c > '9') continue;
            if (leading && c == '0') continue;
            leading = false;
            count++;
        }
        return count;
    }

    /// <summary>Writes a plain value (or a model object) as JSON. Throws ArgumentException for values JSON cannot hold.</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case char ch:
                writer.WriteStringValue(ch.ToString());
                return;
            case int i:
                writer.WriteNumberValue(i);
                return;
            case long l:
                writer.WriteNumberValue(l);
                return;
            case ulong ul:
                writer.WriteNumberValue(ul);
                return;
            case uint ui:
                writer.WriteNumberValue(ui);
                return;
            case short or ushort or byte or sbyte:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case decimal m:
                writer.WriteNumberValue(m);
                return;
            case double dbl:
                if (double.IsNaN(dbl) || double.IsInfinity(dbl)) throw new ArgumentException("the number " + dbl.ToString(CultureInfo.InvariantCulture) + " cannot be written as JSON");
                writer.WriteNumberValue(dbl);
                return;
            case float f:
                if (float.IsNaN(f) || float.IsInfinity(f)) throw new ArgumentException("the number " + f.ToString(CultureInfo.InvariantCulture) + " cannot be written as JSON");
                writer.WriteNumberValue(f);
                return;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                return;
            case RawJsonNumber raw:
                writer.WriteRawValue(raw.Text, skipInputValidation: false);
                return;
            case DateTimeOffset dto:
                writer.WriteStringValue(CsmTime.Format(dto));
                return;
            case DateTime dt:
                writer.WriteStringValue(CsmTime.Format(dt.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)) : new DateTimeOffset(dt)));
                return;
            case Guid g:
                writer.WriteStringValue(g.ToString());
                return;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                return;
            case CsmObject model:
                model.WriteJson(writer);
                return;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    Write(writer, entry.Value);
                }
                writer.WriteEndObject();
                return;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (object? item in sequence) Write(writer, item);
                writer.WriteEndArray();
                return;
            default:
                throw new ArgumentException("a value of type " + value.GetType().FullName + " cannot be written as JSON");
        }
    }
}
