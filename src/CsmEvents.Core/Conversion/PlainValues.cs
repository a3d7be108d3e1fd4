using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using CsmEvents.Model;
using CsmEvents.Model.Json;
using CsmEvents.Reading;

namespace CsmEvents.Conversion;

/// <summary>
/// Turns a host object tree (hashtables, ordered dictionaries, PSCustomObjects, arrays, PowerShell-wrapped values)
/// into the plain values <see cref="PlainJson"/> writes: <see cref="OrderedDictionary"/> for objects,
/// <c>object[]</c> for arrays, and strings, booleans, numbers and dates as they are. The whole tree is converted,
/// however deep (ConvertTo-Json stops at depth 2 by default; this never truncates), up to the nesting bound of the
/// event reader, which also stops a value that contains itself.
/// </summary>
public static class PlainValues
{
    /// <summary>Deepest nesting converted: the event reader's bound, so whatever converts also parses.</summary>
    public const int MaxDepth = CsmEventParser.MaxDepth;

    /// <summary>The plain form of <paramref name="value"/>. Throws <see cref="PlainValueException"/> for a value
    /// with no JSON form, naming where it is.</summary>
    public static object? FromHost(object? value, HostObjectAdapter adapter)
    {
        var path = new List<object>();
        return Convert(value, adapter, path, 0);
    }

    /// <summary>The value as compact UTF-8 JSON (what the event parser reads).</summary>
    public static byte[] ToUtf8Json(object? plainValue)
    {
        using var stream = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOutput.WriterOptions(indented: false)))
        {
            PlainJson.Write(writer, plainValue);
        }
        return stream.ToArray();
    }

    /// <summary>True when PlainJson can write the value as it is: no host wrappers or unknown types anywhere in it.</summary>
    public static bool IsPlain(object? value, int depth = 0)
    {
        switch (value)
        {
            case null:
            case string:
            case bool:
            case char:
            case RawJsonNumber:
            case CsmObject:
            case DateTime:
            case DateTimeOffset:
            case Guid:
                return true;
            case double d:
                return !double.IsNaN(d) && !double.IsInfinity(d);
            case float f:
                return !float.IsNaN(f) && !float.IsInfinity(f);
            case Enum:
                return true;
            case IDictionary dictionary:
                if (depth >= MaxDepth) return false;
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (!(entry.Key is string) || !IsPlain(entry.Value, depth + 1)) return false;
                }
                return true;
            case IEnumerable sequence:
                if (depth >= MaxDepth) return false;
                foreach (object? item in sequence)
                {
                    if (!IsPlain(item, depth + 1)) return false;
                }
                return true;
            default:
                return IsNumber(value);
        }
    }

    private static object? Convert(object? value, HostObjectAdapter adapter, List<object> path, int depth)
    {
        if (value == null) return null;
        var members = adapter.PropertiesOf(value);
        if (members != null) return ConvertMembers(members, adapter, path, depth);
        value = adapter.Unwrap(value);
        switch (value)
        {
            case null:
            case DBNull:
                return null;
            case string:
            case bool:
            case DateTime:
            case DateTimeOffset:
            case RawJsonNumber:
            case CsmObject: // a part of another event (e.g. $evt.Process): PlainJson writes it losslessly
                return value;
            case char c:
                return c.ToString();
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d)) throw NotJsonNumber(d.ToString(CultureInfo.InvariantCulture), path);
                return d;
            case float f:
                if (float.IsNaN(f) || float.IsInfinity(f)) throw NotJsonNumber(f.ToString(CultureInfo.InvariantCulture), path);
                return f;
            case Guid g:
                return g.ToString();
            case Enum e:
                return e.ToString();
            case Uri uri:
                return uri.OriginalString;
            case Version version:
                return version.ToString();
            case System.Net.IPAddress address:
                return address.ToString();
            case JsonElement element:
                return FromJsonElement(element, path);
            case IDictionary dictionary:
                return ConvertDictionary(dictionary, adapter, path, depth);
            case IEnumerable sequence:
                return ConvertSequence(sequence, adapter, path, depth);
            default:
                if (IsNumber(value)) return value;
                throw new PlainValueException(ConversionErrorIds.UnsupportedValue,
                    Where(path) + " is a " + value.GetType().FullName + ", which has no JSON form (use a string, number, boolean, date, array, hashtable or PSCustomObject)");
        }
    }

    private static bool IsNumber(object value) =>
        value is int || value is long || value is short || value is byte || value is sbyte || value is ushort ||
        value is uint || value is ulong || value is decimal || value is BigInteger;

    private static OrderedDictionary ConvertMembers(IEnumerable<KeyValuePair<string, object?>> members, HostObjectAdapter adapter, List<object> path, int depth)
    {
        EnterContainer(path, depth);
        var result = new OrderedDictionary(StringComparer.Ordinal);
        foreach (var member in members) AddMember(result, member.Key, member.Value, adapter, path, depth);
        return result;
    }

    private static OrderedDictionary ConvertDictionary(IDictionary dictionary, HostObjectAdapter adapter, List<object> path, int depth)
    {
        EnterContainer(path, depth);
        var result = new OrderedDictionary(dictionary.Count, StringComparer.Ordinal);
        if (dictionary.GetType() == typeof(Hashtable))
        {
            // A plain Hashtable (PowerShell's @{}) enumerates in hash order, which changes from one process to the next
            // on .NET Core: sorting by name makes the JSON the same on every run. Ordered dictionaries keep their
            // order, and so do Hashtable subclasses: ConvertFrom-Json -AsHashtable gives PowerShell 7.3+'s
            // OrderedHashtable, which derives from Hashtable and keeps the JSON's member order.
            var entries = new List<KeyValuePair<string, object?>>(dictionary.Count);
            foreach (DictionaryEntry entry in dictionary) entries.Add(new KeyValuePair<string, object?>(KeyText(entry.Key, adapter), entry.Value));
            entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            foreach (var entry in entries) AddMember(result, entry.Key, entry.Value, adapter, path, depth);
            return result;
        }
        foreach (DictionaryEntry entry in dictionary) AddMember(result, KeyText(entry.Key, adapter), entry.Value, adapter, path, depth);
        return result;
    }

    private static void AddMember(OrderedDictionary result, string name, object? value, HostObjectAdapter adapter, List<object> path, int depth)
    {
        if (result.Contains(name))
        {
            throw new PlainValueException(ReadErrorIds.DuplicateProperty, Where(path) + " has two members named \"" + name + "\"");
        }
        path.Add(name);
        result.Add(name, Convert(value, adapter, path, depth + 1));
        path.RemoveAt(path.Count - 1);
    }

    private static object?[] ConvertSequence(IEnumerable sequence, HostObjectAdapter adapter, List<object> path, int depth)
    {
        EnterContainer(path, depth);
        var items = new List<object?>();
        foreach (object? item in sequence)
        {
            path.Add(items.Count); // boxed index; the text is only built for an error message
            items.Add(Convert(item, adapter, path, depth + 1));
            path.RemoveAt(path.Count - 1);
        }
        return items.ToArray();
    }

    private static string KeyText(object key, HostObjectAdapter adapter)
    {
        object? bare = adapter.Unwrap(key);
        return bare as string ?? System.Convert.ToString(bare, CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static void EnterContainer(List<object> path, int depth)
    {
        if (depth < MaxDepth) return;
        throw new PlainValueException(ReadErrorIds.NestingTooDeep,
            "the value nests deeper than " + MaxDepth + " levels (below " + Abbreviate(path) + "); does an object contain itself?");
    }

    private static object? FromJsonElement(JsonElement element, List<object> path)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(element.GetRawText()), new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            reader.Read();
            return PlainJson.Read(ref reader);
        }
        catch (JsonException ex)
        {
            throw new PlainValueException(ReadErrorIds.InvalidJson, Where(path) + " is JSON that cannot be read: " + ex.Message);
        }
    }

    private static PlainValueException NotJsonNumber(string text, List<object> path) =>
        new(ConversionErrorIds.UnsupportedValue, Where(path) + " is the number " + text + ", which JSON cannot hold");

    private static string Where(List<object> path) => path.Count == 0 ? "the value" : "the value at " + PathText(path, path.Count);

    private static string Abbreviate(List<object> path)
    {
        const int shown = 6;
        return path.Count <= shown ? PathText(path, path.Count) : PathText(path, shown) + "...";
    }

    /// <summary>The first <paramref name="count"/> segments as <c>process.ancestors[2].pid</c>: member names are
    /// strings, array positions ints.</summary>
    private static string PathText(List<object> path, int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            if (path[i] is int index) text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else text.Append(i == 0 ? string.Empty : ".").Append((string)path[i]);
        }
        return text.ToString();
    }
}
