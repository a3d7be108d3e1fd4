using System;
using CsmEvents.Commands;
using CsmEvents.Export;
using CsmEvents.Model;

namespace CsmEvents.Conversion;

/// <summary>
/// ConvertFrom-CsmEvent's logic. By default each event becomes its JSON text, compact on one line (so the lines of
/// many events form valid JSON lines) or indented. The text is the model's lossless form
/// (<see cref="Model.Json.CsmObject.ToJson"/>, the writer <c>csm-events get</c> uses): unknown fields, exact numbers and
/// original timestamps are kept, and an edited property is written with its new value. An event holding a value JSON
/// cannot express is one error. The timeline formats write one Timesketch JSON line per event
/// (<see cref="TimesketchLine"/>), or a CSV header (at <see cref="Begin"/>) and one CSV record per event
/// (<see cref="CsvTimeline"/>). <see cref="EventTextFormat.DatadogLog"/> writes the JSON inside the Datadog log record
/// the event came in (<see cref="DatadogLogLine"/>).
/// </summary>
public sealed class ConvertFromEventsRunner
{
    private readonly bool _indented;
    private readonly EventTextFormat _format;
    private readonly ICommandSink _sink;
    private readonly HostObjectAdapter _adapter;
    private long _written;
    private long _failed;

    public ConvertFromEventsRunner(bool indented, ICommandSink sink, HostObjectAdapter? adapter = null)
        : this(EventTextFormat.Json, indented, sink, adapter)
    {
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="indented"/> is asked of a format other
    /// than JSON (CSV records and Timesketch lines are one line each by definition).</summary>
    public ConvertFromEventsRunner(EventTextFormat format, bool indented, ICommandSink sink, HostObjectAdapter? adapter = null)
    {
        if (indented && format != EventTextFormat.Json) throw new ArgumentException("-Indented applies to JSON only; " + format + " output is one line per event");
        _format = format;
        _indented = indented;
        _sink = sink;
        _adapter = adapter ?? HostObjectAdapter.None;
    }

    /// <summary>Emits what comes before the first event: the CSV header line; nothing for the other formats.</summary>
    public void Begin()
    {
        if (_format == EventTextFormat.Csv) _sink.Emit(CsvTimeline.Header);
    }

    /// <summary>Emits the text of each event (null entries are skipped).</summary>
    public void Convert(params CsmEvent?[] events)
    {
        foreach (var evt in events)
        {
            if (evt != null) ConvertOne(evt);
        }
    }

    /// <summary>The input has ended: the closing verbose line counts the events written and refused.</summary>
    public void Complete() => _sink.Verbose("Done: " + ReadReport.Count(_written, "event") + " written as " + FormatName + ", " +
        ReadReport.Count(_failed, "event") + " could not be written.");

    private string FormatName => _format switch
    {
        EventTextFormat.Json => "JSON",
        EventTextFormat.Csv => "CSV",
        EventTextFormat.DatadogLog => "Datadog log records",
        _ => "Timesketch JSON",
    };

    private void ConvertOne(CsmEvent evt)
    {
        if (_format != EventTextFormat.Json && _format != EventTextFormat.DatadogLog)
        {
            ConvertTimeline(evt);
            return;
        }
        var error = TryToJson(evt, _indented, _adapter, out string json);
        if (error != null) Fail(error);
        else if (_format == EventTextFormat.DatadogLog) Emit(DatadogLogLine.Text(json, evt.Source?.Envelope));
        else Emit(json);
    }

    /// <summary>The event's lossless JSON text, or the error that says why it has none. Writing fails on a value
    /// PlainJson does not know, typically a PowerShell-wrapped value a user stored in the event: its plain form is
    /// stored instead (through <paramref name="adapter"/>) and the event written again.</summary>
    internal static CsmError? TryToJson(CsmEvent evt, bool indented, HostObjectAdapter adapter, out string json)
    {
        if (TryWrite(evt, indented, out json, out _)) return null;
        string where = evt.Source?.Location ?? "<event>";
        try
        {
            EventValueNormalizer.Normalize(evt, adapter);
        }
        catch (PlainValueException ex)
        {
            return new CsmError(ex.ErrorId, CsmErrorCategory.InvalidData, where + ": cannot write the event as JSON: " + ex.Message, evt);
        }
        if (TryWrite(evt, indented, out json, out string? reason)) return null;
        return new CsmError(ConversionErrorIds.UnsupportedValue, CsmErrorCategory.InvalidData, where + ": cannot write the event as JSON: " + reason, evt);
    }

    private void ConvertTimeline(CsmEvent evt)
    {
        var fields = TimelineFields.From(evt);
        if (_format == EventTextFormat.Csv)
        {
            Emit(CsvTimeline.Record(fields));
            return;
        }
        string? line = TimesketchLine.Line(fields);
        if (line != null) Emit(line);
        else Fail(new CsmError(ExportErrorIds.MissingTimestamp, CsmErrorCategory.InvalidData, (evt.Source?.Location ?? "<event>") + ": " + TimesketchLine.MissingTimeReason, evt));
    }

    private void Emit(string text)
    {
        _written++;
        _sink.Emit(text);
    }

    private void Fail(CsmError error)
    {
        _failed++;
        _sink.Error(error);
    }

    private static bool TryWrite(CsmEvent evt, bool indented, out string json, out string? reason)
    {
        try
        {
            json = evt.ToJson(indented);
            reason = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            json = string.Empty;
            reason = ex.Message;
            return false;
        }
    }
}
