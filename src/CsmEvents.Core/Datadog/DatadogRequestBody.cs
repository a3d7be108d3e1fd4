using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CsmEvents.Datadog;

/// <summary>Writes the Logs Search (POST) request body.</summary>
internal static class DatadogRequestBody
{
    /// <summary>
    /// <c>{"filter":{"query","from","to","indexes"},"sort":"timestamp","page":{"limit","cursor"?}}</c>;
    /// ascending sort so events stream oldest first, as an incident timeline reads.
    /// </summary>
    public static byte[] Write(string query, DatadogTime from, DatadogTime to, IReadOnlyList<string> indexes, int limit, string? cursor)
    {
        using var buffer = new MemoryStream(256);
        // Relaxed escaping keeps quotes and < > readable in verbose output; the body is never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("filter");
            json.WriteString("query", query);
            json.WriteString("from", from.ToRequestValue());
            json.WriteString("to", to.ToRequestValue());
            json.WriteStartArray("indexes");
            foreach (string index in indexes) json.WriteStringValue(index);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("sort", "timestamp");
            json.WriteStartObject("page");
            json.WriteNumber("limit", limit);
            if (cursor is not null) json.WriteString("cursor", cursor);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
