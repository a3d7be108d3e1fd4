using System;
using System.IO;
using System.Text;
using System.Text.Json;
using CsmEvents.Model;
using CsmEvents.Model.Json;

namespace CsmEvents.Export;

/// <summary>
/// An event inside a Datadog log record, as the Logs API returns them (<c>data[]</c> of a search page):
/// <c>{"id":..,"type":"log","attributes":{"attributes":EVENT,"host":..,"message":..,"service":..,"status":..,
/// "tags":[..],"timestamp":..}}</c>. The members come from the envelope the event was read in (those it lacks are
/// left out; an event read without one gets a record holding only the event). Reading such a line back gives the
/// same event with the same envelope, so saving events this way keeps the host each came from, which the process
/// trees keep apart; a plain event line has no host.
/// </summary>
public static class DatadogLogLine
{
    /// <summary>The record around the event's JSON text (<paramref name="eventJson"/>: one valid JSON object,
    /// written as it is), without a line end.</summary>
    public static byte[] Utf8(ReadOnlySpan<byte> eventJson, DatadogEnvelope? envelope) => Utf8(eventJson, envelope, lineFeed: false);

    /// <summary>The record followed by a line feed: a line of <c>csm-events get</c>'s output.</summary>
    internal static byte[] Utf8Line(ReadOnlySpan<byte> eventJson, DatadogEnvelope? envelope) => Utf8(eventJson, envelope, lineFeed: true);

    private static byte[] Utf8(ReadOnlySpan<byte> eventJson, DatadogEnvelope? envelope, bool lineFeed)
    {
        using var buffer = new MemoryStream(eventJson.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions(indented: false)))
        {
            writer.WriteStartObject();
            DatadogEnvelope.WriteOptional(writer, "id", envelope?.Id);
            writer.WriteString("type", "log");
            writer.WriteStartObject("attributes");
            writer.WritePropertyName("attributes");
            // The event's text was read and checked before (or written by the model): kept byte for byte.
            writer.WriteRawValue(eventJson, skipInputValidation: true);
            envelope?.WriteLogMembers(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        if (lineFeed) buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The record as text, for ConvertFrom-CsmEvent.</summary>
    public static string Text(string eventJson, DatadogEnvelope? envelope) => Encoding.UTF8.GetString(Utf8(Encoding.UTF8.GetBytes(eventJson), envelope));
}
