using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using CsmEvents.Model.Json;

namespace CsmEvents.Model;

/// <summary>
/// An event and where it came from as one JSON text, for crossing a process boundary (PowerShell remoting,
/// background jobs, Export-Clixml): <c>{"event":{...},"source":{"path":..,"line":..,"index":..,"envelope":{..}}}</c>.
/// The event is its lossless JSON, so the event rebuilt on the other side writes the same JSON line, and the source
/// keeps file, line and the Datadog envelope (host, message, service, tags, timestamp), on which trees and views rely.
/// </summary>
public static class CsmEventTransfer
{
    /// <summary>The transfer text of an event.</summary>
    public static string ToJson(CsmEvent evt)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOutput.WriterOptions(indented: false)))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("event");
            evt.WriteJson(writer);
            if (evt.Source != null)
            {
                writer.WritePropertyName("source");
                WriteSource(writer, evt.Source);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>The event a transfer text holds. Throws <see cref="JsonException"/> when the text is not one.</summary>
    public static CsmEvent FromJson(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = CsmEventParser.MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a transferred event is a JSON object");
        int eventStart = -1, eventLength = 0;
        EventSource? source = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isEvent = reader.ValueTextEquals("event");
            bool isSource = reader.ValueTextEquals("source");
            reader.Read();
            if (isEvent)
            {
                eventStart = (int)reader.TokenStartIndex;
                reader.Skip();
                eventLength = (int)reader.BytesConsumed - eventStart;
            }
            else if (isSource && reader.TokenType == JsonTokenType.StartObject) source = ReadSource(ref reader);
            else reader.Skip();
        }
        if (eventStart < 0) throw new JsonException("a transferred event has an \"event\" member");
        return CsmEvent.Parse(new ReadOnlySpan<byte>(utf8, eventStart, eventLength), source);
    }

    private static void WriteSource(Utf8JsonWriter writer, EventSource source)
    {
        writer.WriteStartObject();
        writer.WriteString("path", source.Path);
        writer.WriteNumber("line", source.Line);
        if (source.Index.HasValue) writer.WriteNumber("index", source.Index.Value);
        if (source.Envelope is DatadogEnvelope envelope)
        {
            writer.WriteStartObject("envelope");
            DatadogEnvelope.WriteOptional(writer, "id", envelope.Id);
            envelope.WriteLogMembers(writer);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static EventSource ReadSource(ref Utf8JsonReader reader)
    {
        string path = string.Empty;
        long line = 0;
        long? index = null;
        DatadogEnvelope? envelope = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "path" when reader.TokenType == JsonTokenType.String: path = reader.GetString()!; break;
                case "line" when reader.TokenType == JsonTokenType.Number: line = reader.GetInt64(); break;
                case "index" when reader.TokenType == JsonTokenType.Number: index = reader.GetInt64(); break;
                case "envelope" when reader.TokenType == JsonTokenType.StartObject: envelope = ReadEnvelope(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new EventSource(path, line, index, envelope);
    }

    private static DatadogEnvelope ReadEnvelope(ref Utf8JsonReader reader)
    {
        var envelope = new DatadogEnvelope();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (name == "tags" && reader.TokenType == JsonTokenType.StartArray)
            {
                var tags = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String) tags.Add(reader.GetString()!);
                    else reader.Skip();
                }
                envelope.Tags = tags;
                continue;
            }
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }
            string value = reader.GetString()!;
            switch (name)
            {
                case "id": envelope.Id = value; break;
                case "host": envelope.Host = value; break;
                case "message": envelope.Message = value; break;
                case "service": envelope.Service = value; break;
                case "status": envelope.Status = value; break;
                case "timestamp":
                    envelope.TimestampText = value;
                    if (CsmTime.TryParse(value, out var timestamp)) envelope.Timestamp = timestamp;
                    break;
            }
        }
        return envelope;
    }
}
