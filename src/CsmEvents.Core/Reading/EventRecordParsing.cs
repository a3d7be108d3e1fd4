using System;
using System.Text.Json;
using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>Parses one record into an event, turning the parser's failures into the reading error a user sees.</summary>
public static class EventRecordParsing
{
    /// <summary>The event, or null with <paramref name="error"/> set (invalid JSON, not an object, duplicate member,
    /// undecodable text). Only parsing failures are caught. The reason comes from <see cref="RecordCheck"/>, which
    /// also decides for the validator, so that Get-CsmEvent and Test-CsmEvent report a bad record alike.</summary>
    public static CsmEvent? TryParse(CsmEventParser parser, ReadOnlySpan<byte> json, EventSource source, out ReadError? error)
    {
        error = null;
        try
        {
            return parser.ParseEvent(json, source);
        }
        catch (JsonException ex)
        {
            error = RecordCheck.Check(json, source) ?? Fallback(ex, source);
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader reports undecodable string bytes this way; the check says where and what.
            error = RecordCheck.Check(json, source) ?? new ReadError(ReadErrorIds.InvalidUtf8, source, "invalid UTF-8 in a string value");
        }
        return null;
    }

    private static ReadError Fallback(JsonException ex, EventSource source)
    {
        var (id, reason) = JsonErrorText.Describe(ex, source.Line);
        return new ReadError(id, source, reason);
    }
}
