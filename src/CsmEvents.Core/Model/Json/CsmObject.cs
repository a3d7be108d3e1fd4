using System;
using System.Collections.Specialized;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CsmEvents.Model.Json;

/// <summary>
/// Base of every typed part of an event. Besides its typed properties, an object keeps what the typed
/// properties cannot hold (unknown members, and known members whose JSON value does not fit the property's type)
/// in <see cref="AdditionalProperties"/>, and remembers the order its members were read in, so that writing it
/// back reproduces the JSON it came from.
/// </summary>
public abstract class CsmObject
{
    private OrderedDictionary? _additional;

    /// <summary>
    /// Members the model does not type, in the order read, as plain values (ordered dictionaries, arrays, strings,
    /// numbers, booleans, null). Also holds a known member whose value had an unexpected JSON type (for example
    /// <c>"pid": "12"</c>): the typed property is then null and the value is kept here, unchanged.
    /// </summary>
    public OrderedDictionary AdditionalProperties => _additional ??= new OrderedDictionary(StringComparer.Ordinal);

    internal OrderedDictionary? AdditionalOrNull => _additional;

    /// <summary>Read order of the members: field ids, and <see cref="MemberOrder.Extra"/> for the next additional member. Null when the order was the canonical one.</summary>
    internal byte[]? ReadOrder;

    internal abstract IObjectShape ShapeOf { get; }

    internal void AddAdditional(string name, object? value)
    {
        var dict = AdditionalProperties;
        if (dict.Contains(name)) throw PlainJson.DuplicateProperty(name);
        dict.Add(name, value);
    }

    /// <summary>Writes this object's JSON (lossless: original order, numbers and timestamp text).</summary>
    public void WriteJson(Utf8JsonWriter writer) => ShapeOf.WriteObject(this, writer);

    /// <summary>This object's JSON text: compact on one line, or indented.</summary>
    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOutput.WriterOptions(indented)))
        {
            WriteJson(writer);
        }
        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}

/// <summary>Marker values used in <see cref="CsmObject.ReadOrder"/>.</summary>
internal static class MemberOrder
{
    /// <summary>The next member comes from AdditionalProperties.</summary>
    public const byte Extra = 255;
}

/// <summary>Writer settings shared by every JSON output of the project.</summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true, Indented = true };

    /// <summary>
    /// Relaxed escaping keeps non-ASCII text readable (paths, user names); control characters are still escaped.
    /// Validation is off because the model writers produce well-formed JSON by construction.
    /// </summary>
    public static JsonWriterOptions WriterOptions(bool indented) => indented ? Indented : Compact;
}
