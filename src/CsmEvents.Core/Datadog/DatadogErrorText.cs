using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CsmEvents.Datadog;

/// <summary>Extracts Datadog's explanation from an error response (<c>{"errors":["..."]}</c>).</summary>
internal static class DatadogErrorText
{
    /// <summary>
    /// The <c>errors</c> entries joined with "; " (strings as they are, JSON:API objects as title: detail); a quoted
    /// excerpt when the body is something else; <c>no error text</c> when it is empty. Keys are redacted (the
    /// excerpt is redacted before it is cut).
    /// </summary>
    public static string From(byte[] body, SecretRedactor redactor)
    {
        if (body.Length == 0) return "no error text";
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("errors", out JsonElement errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                var parts = new List<string>();
                foreach (JsonElement e in errors.EnumerateArray())
                {
                    string? part = Describe(e);
                    if (!string.IsNullOrWhiteSpace(part)) parts.Add(part!.Trim());
                }
                if (parts.Count > 0) return redactor.Redact(string.Join("; ", parts));
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): fall through to the excerpt.
        }
        return Snippet.Of(body, redactor);
    }

    private static string? Describe(JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.String) return error.GetString();
        if (error.ValueKind != JsonValueKind.Object) return error.GetRawText();
        string? title = Text(error, "title");
        string? detail = Text(error, "detail");
        if (title is not null && detail is not null) return title + ": " + detail;
        return title ?? detail ?? error.GetRawText();
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;
}
