using System;
using System.Collections.Generic;
using System.Text.Json;
using CsmEvents.Model;
using CsmEvents.Model.Json;

namespace CsmEvents.Reading;

/// <summary>
/// Recognises Datadog Logs API shapes around events and unwraps them: a Logs Search response page
/// (<c>{"data":[LOG...],"meta":...}</c>) yields one event per log, and a single log record
/// (<c>{"id":..,"attributes":{"attributes":{EVENT},"host":..}}</c>, e.g. an element of an array of logs) yields its
/// event, and so do a log's attributes alone (<c>{"attributes":{EVENT},"host":..,"service":..}</c>, what
/// PowerShell's <c>$response.data.attributes</c> gives). The event keeps the log's id, host, message, service, status, tags and timestamp as its source envelope.
/// A plain event passes through untouched; the check costs a byte search on the common path.
/// </summary>
public static class DatadogEnvelopes
{
    private static readonly byte[] AttributesName = System.Text.Encoding.UTF8.GetBytes("attributes");
    private static readonly byte[] DataKey = System.Text.Encoding.UTF8.GetBytes("\"data\"");
    private static readonly JsonReaderOptions Options = new() { MaxDepth = CsmEventParser.MaxDepth };

    /// <summary>Hands the events in <paramref name="record"/> to the consumer: the record itself, or the events
    /// inside a Datadog page or log record. <paramref name="offset"/> is the record's byte offset in its input.</summary>
    public static void Dispatch(ReadOnlySpan<byte> record, EventSource source, long offset, IRecordConsumer consumer)
    {
        if (!HasQuotedAttributes(record))
        {
            consumer.OnRecord(record, source);
            return;
        }
        var shape = Classify(record);
        if (shape == Shape.Event)
        {
            consumer.OnRecord(record, source);
            return;
        }
        // Unwrap first, hand over after: a malformed page becomes one error, while exceptions thrown by the
        // consumer (a stopped pipeline) never pass through the catch below.
        var items = new List<Unwrapped>();
        try
        {
            if (shape == Shape.Page) UnwrapPage(record, source, items);
            else if (shape == Shape.LogRecord) UnwrapLog(record, source, source.Index, items);
            else UnwrapLogAttributes(record, source, source.Index, items);
        }
        catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException)
        {
            // The record check says what is wrong and where, as for any record (invalid UTF-8, a lone surrogate...).
            var error = RecordCheck.Check(record, source);
            if (error == null)
            {
                var (id, reason) = ex is JsonException jex ? JsonErrorText.Describe(jex, source.Line) : (ReadErrorIds.InvalidUtf8, "invalid UTF-8 in the Datadog log record");
                error = new ReadError(id, source, reason);
            }
            items.Add(new Unwrapped(0, 0, source, error));
        }
        foreach (var item in items)
        {
            if (item.Error != null) consumer.OnError(item.Error);
            else consumer.OnRecord(record.Slice(item.Start, item.Length), item.Source);
        }
    }

    /// <summary>True when the record holds the string <c>"attributes"</c> somewhere. The name is searched without its
    /// quotes, then they are checked: a quote pair eleven bytes apart is so common in JSON that searching for the
    /// quoted name (first and last byte first) is three times slower on ordinary events.</summary>
    internal static bool HasQuotedAttributes(ReadOnlySpan<byte> record)
    {
        int start = 0;
        while (true)
        {
            int found = record.Slice(start).IndexOf(AttributesName);
            if (found < 0) return false;
            int at = start + found;
            int after = at + AttributesName.Length;
            if (at > 0 && record[at - 1] == (byte)'"' && after < record.Length && record[after] == (byte)'"') return true;
            start = at + 1;
        }
    }

    /// <summary>An event found inside an envelope (its position in the record), or an error.</summary>
    private readonly struct Unwrapped
    {
        public Unwrapped(int start, int length, EventSource source, ReadError? error = null)
        {
            Start = start;
            Length = length;
            Source = source;
            Error = error;
        }

        public int Start { get; }
        public int Length { get; }
        public EventSource Source { get; }
        public ReadError? Error { get; }
    }

    private enum Shape { Event, Page, LogRecord, LogAttributes }

    /// <summary>Looks only at top-level members: <c>data</c> (array) means a page; <c>attributes</c> holding an
    /// <c>attributes</c> object means a log record. Anything unreadable is left for the event parser to report.</summary>
    private static Shape Classify(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record, Options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Shape.Event;
            bool hasData = record.IndexOf(DataKey) >= 0;
            bool sawAttributesObject = false, sawLogMember = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (hasData && reader.ValueTextEquals("data"))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray) return Shape.Page;
                }
                else if (reader.ValueTextEquals("attributes"))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        if (HasObjectMember(ref reader, "attributes")) return Shape.LogRecord;
                        sawAttributesObject = true;
                    }
                    continue;
                }
                else if (reader.ValueTextEquals("host") || reader.ValueTextEquals("service") || reader.ValueTextEquals("timestamp"))
                {
                    sawLogMember = true;
                    reader.Read();
                }
                else reader.Read();
                reader.TrySkip();
            }
            // An object attribute plus log members (host, service, timestamp), and no event member of that name:
            // the attributes of a log without its id wrapper.
            if (sawAttributesObject && sawLogMember) return Shape.LogAttributes;
        }
        catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException)
        {
            // Broken JSON, or a member name that is not text (ValueTextEquals unescapes it): the record check
            // reports it when the record is read as an event.
        }
        return Shape.Event;
    }

    /// <summary>True when the object at the reader has a member of that name whose value is an object. Leaves the
    /// reader on the object's end.</summary>
    private static bool HasObjectMember(ref Utf8JsonReader reader, string name)
    {
        bool found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool match = reader.ValueTextEquals(name);
            reader.Read();
            if (match && reader.TokenType == JsonTokenType.StartObject) found = true;
            reader.TrySkip();
        }
        return found;
    }

    private static void UnwrapPage(ReadOnlySpan<byte> page, EventSource source, List<Unwrapped> items)
    {
        var reader = new Utf8JsonReader(page, Options);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("data"))
            {
                reader.Read();
                reader.TrySkip();
                continue;
            }
            reader.Read();
            long index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int start = (int)reader.TokenStartIndex;
                var elementSource = new EventSource(source.Path, source.Line + RecordSplitter.CountNewlines(page.Slice(0, start)), index);
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    items.Add(new Unwrapped(0, 0, elementSource, new ReadError(ReadErrorIds.InvalidDatadogEnvelope, elementSource, "Datadog page element " + index + " is " + CsmEventParser.Describe(reader.TokenType) + ", not a log record object")));
                    reader.TrySkip();
                    index++;
                    continue;
                }
                reader.TrySkip();
                int before = items.Count;
                UnwrapLog(page.Slice(start, (int)reader.BytesConsumed - start), elementSource, index, items);
                for (int i = before; i < items.Count; i++)
                {
                    var found = items[i];
                    if (found.Error == null) items[i] = new Unwrapped(found.Start + start, found.Length, found.Source);
                }
                index++;
            }
            return;
        }
    }

    private static void UnwrapLog(ReadOnlySpan<byte> log, EventSource source, long? index, List<Unwrapped> items)
    {
        var envelope = new DatadogEnvelope();
        int eventStart = -1, eventLength = 0;
        var reader = new Utf8JsonReader(log, Options);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"))
            {
                reader.Read();
                envelope.Id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("attributes"))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) { reader.TrySkip(); continue; }
                ReadLogAttributes(ref reader, envelope, ref eventStart, ref eventLength);
            }
            else
            {
                reader.Read();
                reader.TrySkip();
            }
        }
        if (eventStart < 0)
        {
            items.Add(new Unwrapped(0, 0, source, new ReadError(ReadErrorIds.InvalidDatadogEnvelope, source, "Datadog log record " + (envelope.Id ?? "(no id)") + " has no attributes.attributes object holding the event")));
            return;
        }
        long line = source.Line + RecordSplitter.CountNewlines(log.Slice(0, eventStart));
        items.Add(new Unwrapped(eventStart, eventLength, new EventSource(source.Path, line, index, envelope)));
    }

    /// <summary>A log's attributes object alone: the event is its <c>attributes</c> member.</summary>
    private static void UnwrapLogAttributes(ReadOnlySpan<byte> log, EventSource source, long? index, List<Unwrapped> items)
    {
        var envelope = new DatadogEnvelope();
        int eventStart = -1, eventLength = 0;
        var reader = new Utf8JsonReader(log, Options);
        reader.Read();
        ReadLogAttributes(ref reader, envelope, ref eventStart, ref eventLength);
        long line = source.Line + RecordSplitter.CountNewlines(log.Slice(0, eventStart));
        items.Add(new Unwrapped(eventStart, eventLength, new EventSource(source.Path, line, index, envelope)));
    }

    /// <summary>Reads the members of a log's attributes object (the reader is on its start): the event's position,
    /// host, message, service, status, timestamp and tags.</summary>
    private static void ReadLogAttributes(ref Utf8JsonReader reader, DatadogEnvelope envelope, ref int eventStart, ref int eventLength)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("attributes"))
            {
                reader.Read();
                eventStart = (int)reader.TokenStartIndex;
                reader.TrySkip();
                eventLength = (int)reader.BytesConsumed - eventStart;
            }
            else if (reader.ValueTextEquals("host")) envelope.Host = ReadString(ref reader);
            else if (reader.ValueTextEquals("message")) envelope.Message = ReadString(ref reader);
            else if (reader.ValueTextEquals("service")) envelope.Service = ReadString(ref reader);
            else if (reader.ValueTextEquals("status")) envelope.Status = ReadString(ref reader);
            else if (reader.ValueTextEquals("timestamp"))
            {
                envelope.TimestampText = ReadString(ref reader);
                if (CsmTime.TryParse(envelope.TimestampText, out var ts)) envelope.Timestamp = ts;
            }
            else if (reader.ValueTextEquals("tags")) envelope.Tags = ReadStrings(ref reader);
            else
            {
                reader.Read();
                reader.TrySkip();
            }
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        reader.TrySkip();
        return null;
    }

    private static IReadOnlyList<string> ReadStrings(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.TrySkip();
            return Array.Empty<string>();
        }
        var tags = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String) tags.Add(reader.GetString()!);
            else reader.TrySkip();
        }
        return tags;
    }
}
