using System;
using System.Text.Json;
using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>Parses one record into an event, turning the parser's failures into the reading error a user sees.</summary>
public static class EventRecordParsing
{
    /// <summary>The event, or null with <paramref name="error"/> set (invalid JSON, not an object, duplicate member,
    /// undecodable UTF-8). Only parsing failures are caught.</summary>
    public static CsmEvent? TryParse(CsmEventParser parser, ReadOnlySpan<byte> json, EventSource source, out ReadError? error)
    {
        error = null;
        try
        {
            return parser.ParseEvent(json, source);
        }
        catch (JsonException ex)
        {
            var (id, reason) = JsonErrorText.Describe(ex, source.Line);
            error = new ReadError(id, source, reason);
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader reports undecodable string bytes this way.
            error = new ReadError(ReadErrorIds.InvalidUtf8, source, "invalid UTF-8 in a string value");
        }
        return null;
    }
}
