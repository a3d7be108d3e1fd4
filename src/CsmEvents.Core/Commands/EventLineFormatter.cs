using System;
using System.Text;
using CsmEvents.Export;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// Turns one record into the line <c>csm-events get</c> writes. The record is parsed into a <see cref="CsmEvent"/>,
/// which rejects what is not a valid event (with the same errors as Get-CsmEvent) and gives the filter its fields;
/// without a filter, only <see cref="RecordCheck"/> runs (the parser accepts exactly what it accepts).
/// The line is then the record's own JSON text without the whitespace between tokens: writing the text as read,
/// rather than serialising the event again, keeps every value exactly as the agent wrote it (escapes included) and
/// costs one copy instead of a serialisation. With <see cref="EventTextFormat.DatadogLog"/> that text is put inside
/// the Datadog log record the event came in (<see cref="DatadogLogLine"/>). With <see cref="EventTextFormat.Csv"/> or
/// <see cref="EventTextFormat.Timesketch"/> the line is the event's timeline record instead (CSV records end with
/// CRLF, as RFC 4180 says). One instance per thread (the parser reuses scratch buffers).
/// </summary>
internal sealed class EventLineFormatter
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private readonly CsmEventParser _parser = new();
    private readonly EventFilter _filter;
    private readonly EventTextFormat _format;

    public EventLineFormatter(EventFilter filter, EventTextFormat format = EventTextFormat.Json)
    {
        _filter = filter;
        _format = format;
    }


    /// <summary>Returned by <see cref="Line"/> when the line is the record itself followed by a line feed (a compact
    /// record without a filter): the caller writes the record's bytes, which it already holds, then this array's one
    /// byte, the line feed. No copy of the record is made.</summary>
    public static readonly byte[] RecordAsIs = new byte[1] { (byte)'\n' };

    /// <summary>The line, ending with a line feed, or <see cref="RecordAsIs"/>; null when the event does not match
    /// the filter, or when the record is not a valid event (then <paramref name="error"/> says why).</summary>
    public byte[]? Line(ReadOnlySpan<byte> json, EventSource source, out ReadError? error)
    {
        bool writesRecord = _format == EventTextFormat.Json || _format == EventTextFormat.DatadogLog;
        if (writesRecord && _filter.IsEmpty)
        {
            // Nothing needs the event's fields: the record check alone (the reader's own verdict, with the same
            // message) decides, at about half the cost of building the objects.
            error = RecordCheck.Check(json, source, out bool isCompact);
            if (error != null) return null;
            if (isCompact && _format == EventTextFormat.Json) return RecordAsIs;
        }
        else
        {
            var evt = EventRecordParsing.TryParse(_parser, json, source, out error);
            if (evt == null || !_filter.Matches(evt)) return null;
            if (!writesRecord) return TimelineLine(evt, source, out error);
        }
        var line = new byte[json.Length + 1];
        int length = CompactJson.Copy(json, line);
        if (_format == EventTextFormat.DatadogLog) return DatadogLogLine.Utf8Line(line.AsSpan(0, length), source.Envelope);
        if (length < json.Length) Array.Resize(ref line, length + 1);
        line[length] = (byte)'\n';
        return line;
    }

    private byte[]? TimelineLine(CsmEvent evt, EventSource source, out ReadError? error)
    {
        error = null;
        var fields = TimelineFields.From(evt);
        if (_format == EventTextFormat.Csv) return Utf8.GetBytes(CsvTimeline.Record(fields) + "\r\n");
        string? line = TimesketchLine.Line(fields);
        if (line != null) return Utf8.GetBytes(line + "\n");
        error = new ReadError(ExportErrorIds.MissingTimestamp, source, TimesketchLine.MissingTimeReason);
        return null;
    }
}
