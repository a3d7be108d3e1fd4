using System;
using CsmEvents.Commands;
using CsmEvents.Model;

namespace CsmEvents.Conversion;

/// <summary>
/// ConvertFrom-CsmEvent's logic: each event becomes its JSON text, compact on one line (so the lines of many events
/// form valid JSON lines) or indented. The text is the model's lossless form (<see cref="Model.Json.CsmObject.ToJson"/>,
/// the writer <c>csm-events get</c> uses): unknown fields, exact numbers and original timestamps are kept, and an
/// edited property is written with its new value. An event holding a value JSON cannot express is one error.
/// </summary>
public sealed class ConvertFromEventsRunner
{
    private readonly bool _indented;
    private readonly ICommandSink _sink;
    private readonly HostObjectAdapter _adapter;
    private long _written;
    private long _failed;

    public ConvertFromEventsRunner(bool indented, ICommandSink sink, HostObjectAdapter? adapter = null)
    {
        _indented = indented;
        _sink = sink;
        _adapter = adapter ?? HostObjectAdapter.None;
    }

    /// <summary>Emits the JSON text of each event (null entries are skipped).</summary>
    public void Convert(params CsmEvent?[] events)
    {
        foreach (var evt in events)
        {
            if (evt != null) ConvertOne(evt);
        }
    }

    /// <summary>The input has ended: the closing verbose line counts the events written and refused.</summary>
    public void Complete() => _sink.Verbose("Done: " + ReadReport.Count(_written, "event") + " written as JSON, " +
        ReadReport.Count(_failed, "event") + " could not be written.");

    private void ConvertOne(CsmEvent evt)
    {
        if (TryWrite(evt, out string json, out _))
        {
            Emit(json);
            return;
        }
        // Writing failed on a value PlainJson does not know, typically a PowerShell-wrapped value a user stored in
        // the event: store its plain form instead and write again.
        string where = evt.Source?.Location ?? "<event>";
        try
        {
            EventValueNormalizer.Normalize(evt, _adapter);
        }
        catch (PlainValueException ex)
        {
            _failed++;
            _sink.Error(new CsmError(ex.ErrorId, CsmErrorCategory.InvalidData, where + ": cannot write the event as JSON: " + ex.Message, evt));
            return;
        }
        if (TryWrite(evt, out json, out string? reason))
        {
            Emit(json);
            return;
        }
        _failed++;
        _sink.Error(new CsmError(ConversionErrorIds.UnsupportedValue, CsmErrorCategory.InvalidData, where + ": cannot write the event as JSON: " + reason, evt));
    }

    private void Emit(string json)
    {
        _written++;
        _sink.Emit(json);
    }

    private bool TryWrite(CsmEvent evt, out string json, out string? reason)
    {
        try
        {
            json = evt.ToJson(_indented);
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
