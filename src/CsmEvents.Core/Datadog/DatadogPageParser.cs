using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CsmEvents.Datadog;

/// <summary>What the client needs to know about a response page; the events themselves are left to the reader.</summary>
internal sealed class DatadogPageInfo
{
    public int EventCount { get; set; }
    public string? After { get; set; }
    public string? RequestId { get; set; }
    public string? Status { get; set; }
    public List<(string Code, string Title, string Detail)> Warnings { get; } = new();
}

/// <summary>The response is not a Logs Search page; carries the reason and any request id already seen.</summary>
internal sealed class MalformedPageException : Exception
{
    public MalformedPageException(string reason, string? requestId) : base(reason) { RequestId = requestId; }
    public string? RequestId { get; }
}

/// <summary>
/// Reads a page's <c>meta</c> and counts <c>data[]</c> entries in one forward pass without building the events:
/// a 1000-event page is parsed once more by the reader, so this pass stays cheap.
/// </summary>
internal static class DatadogPageParser
{
    public static DatadogPageInfo Parse(ReadOnlySpan<byte> body, SecretRedactor? redactor = null)
    {
        var info = new DatadogPageInfo();
        bool sawData = false;
        if (body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF)
            body = body.Slice(3);
        if (IsBlank(body))
            throw new MalformedPageException("the body is empty", null);
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 512 });
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new MalformedPageException($"the body is a JSON {Describe(reader.TokenType)}, not an object with a 'data' array", null);

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("data"))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                        throw new MalformedPageException($"'data' is a JSON {Describe(reader.TokenType)}, not an array", info.RequestId);
                    info.EventCount = CountArrayItems(ref reader);
                    sawData = true;
                }
                else if (reader.ValueTextEquals("meta"))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        using JsonDocument meta = JsonDocument.ParseValue(ref reader);
                        ReadMeta(meta.RootElement, info);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            // Reading past the closing brace makes the reader reject trailing garbage.
            if (reader.Read())
                throw new MalformedPageException("the body has content after the JSON object", info.RequestId);
        }
        catch (JsonException e)
        {
            throw new MalformedPageException(
                $"the body is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}); it starts with {Snippet.Of(body, redactor ?? SecretRedactor.None)}",
                info.RequestId);
        }

        if (!sawData)
            throw new MalformedPageException("the body has no 'data' array", info.RequestId);
        return info;
    }

    private static bool IsBlank(ReadOnlySpan<byte> body)
    {
        foreach (byte b in body)
            if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n') return false;
        return true;
    }

    private static int CountArrayItems(ref Utf8JsonReader reader)
    {
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip(); // no-op on scalars, jumps to the end of objects and arrays
            count++;
        }
        return count;
    }

    private static void ReadMeta(JsonElement meta, DatadogPageInfo info)
    {
        info.RequestId = StringProperty(meta, "request_id");
        info.Status = StringProperty(meta, "status");
        if (meta.TryGetProperty("page", out JsonElement page) && page.ValueKind == JsonValueKind.Object)
            info.After = StringProperty(page, "after");
        if (meta.TryGetProperty("warnings", out JsonElement warnings) && warnings.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement w in warnings.EnumerateArray())
            {
                if (w.ValueKind == JsonValueKind.Object)
                    info.Warnings.Add((StringProperty(w, "code") ?? "", StringProperty(w, "title") ?? "", StringProperty(w, "detail") ?? ""));
                else if (w.ValueKind == JsonValueKind.String)
                    info.Warnings.Add(("", "", w.GetString() ?? ""));
            }
        }
    }

    private static string? StringProperty(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.StartObject => "object",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
