using System.Text.Json;

namespace CsmEvents.Reading;

/// <summary>Turns System.Text.Json exceptions into short reasons with a position a person can find.</summary>
internal static class JsonErrorText
{
    /// <summary>Reason text and error id for a parse failure. <paramref name="firstLine"/> is the record's line.</summary>
    public static (string Id, string Reason) Describe(JsonException ex, long firstLine) => Describe(ex, firstLine, partialInput: false);

    /// <summary>As above; <paramref name="partialInput"/> when the text read was only what was buffered so far.</summary>
    public static (string Id, string Reason) Describe(JsonException ex, long firstLine, bool partialInput)
    {
        string message = ex.Message;
        int cut = message.IndexOf(" Path:", System.StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", System.StringComparison.Ordinal);
        if (cut >= 0) message = message.Substring(0, cut);
        message = message.TrimEnd('.', ' ');
        // System.Text.Json quotes the rest of the input in some messages ("'this is not json\n{...' is an invalid
        // JSON literal"): keep the start.
        // For a bad literal it quotes as much as was buffered, which depends on how the input arrived: keep one
        // character, so that the message is the same however the bytes came.
        int literal = message.IndexOf("' is an invalid JSON literal", System.StringComparison.Ordinal);
        if (partialInput && message.StartsWith("'", System.StringComparison.Ordinal) && literal > 1) message = "'" + message[1] + "..." + message.Substring(literal);
        message = System.Text.RegularExpressions.Regex.Replace(message, "'([^']*)'", quoted => Shorten(quoted.Groups[1].Value));
        if (ex.LineNumber == null) // our own model errors carry no position
        {
            if (message.StartsWith("duplicate property", System.StringComparison.Ordinal)) return (ReadErrorIds.DuplicateProperty, message);
            if (message.Contains("not a JSON object")) return (ReadErrorIds.NotAnObject, message);
            return (ReadErrorIds.InvalidJson, "invalid JSON: " + message);
        }
        long line = firstLine + ex.LineNumber.Value;
        long column = (ex.BytePositionInLine ?? 0) + 1;
        string where = ex.LineNumber.Value > 0 ? "line " + line + ", column " + column : "column " + column;
        if (message.Contains("maximum configured depth")) return (ReadErrorIds.NestingTooDeep, "JSON nested deeper than " + Model.CsmEventParser.MaxDepth + " levels (at " + where + ")");
        if (message.Contains("invalid UTF-8") || message.Contains("UTF-8")) return (ReadErrorIds.InvalidUtf8, "invalid UTF-8 (at " + where + ")");
        // "'x' is invalid after a single JSON value. Expected end of data": the value was complete, text follows.
        if (message.Contains("after a single JSON value")) return (ReadErrorIds.InvalidJson, "invalid JSON at " + where + ": text after the end of the value");
        if (message.Contains("Expected depth to be zero") || message.Contains("end of data") || message.Contains("incomplete"))
        {
            return (ReadErrorIds.InvalidJson, "invalid JSON: the record ends before its value is complete (truncated?)");
        }
        return (ReadErrorIds.InvalidJson, "invalid JSON at " + where + ": " + message);
    }

    /// <summary>A quoted piece of input, up to its first line end and at most 20 characters.</summary>
    private static string Shorten(string text)
    {
        int end = text.IndexOfAny(new[] { '\r', '\n' });
        if (end < 0) end = text.Length;
        end = System.Math.Min(end, 20);
        return "'" + text.Substring(0, end) + (end < text.Length ? "...'" : "'");
    }
}
