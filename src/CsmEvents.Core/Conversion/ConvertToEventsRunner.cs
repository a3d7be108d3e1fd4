using System;
using System.Collections;
using System.Globalization;
using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Conversion;

/// <summary>
/// ConvertTo-CsmEvent's logic: each input becomes events. JSON text (one object, an array, JSON lines, a
/// pretty-printed document, in one string or spread over many) goes through the same reader as Get-CsmEvent, all
/// strings of one run forming one text; dictionaries and host objects (PSCustomObject) are converted to JSON with
/// <see cref="PlainValues"/> and parsed, so every lossless rule of the model applies; Datadog Logs API pages and
/// log records are unwrapped either way, their host, message, service, tags and timestamp kept in the event's source;
/// a <see cref="CsmEvent"/> passes through; an array is taken element by element. An input that cannot become an
/// event is one error naming the input and the reason, and the other inputs still convert.
/// </summary>
public sealed class ConvertToEventsRunner : IDisposable
{
    /// <summary>The source path of events read from pipeline text.</summary>
    public const string PipelineTextPath = "<pipeline>";

    private readonly ICommandSink _sink;
    private readonly HostObjectAdapter _adapter;
    private readonly GetEventsRunner _reader;
    private GetEventsRunner.TextInput? _text;
    private int _inputCount;
    private long _passedThrough;
    private long _refused;

    public ConvertToEventsRunner(ICommandSink sink, HostObjectAdapter? adapter = null)
    {
        _sink = sink;
        _adapter = adapter ?? HostObjectAdapter.None;
        _reader = new GetEventsRunner(new GetEventsOptions(), sink);
    }

    /// <summary>Converts one input (one pipeline object). Its events are emitted at once, except those in text,
    /// which are emitted as soon as the text holding them is complete.</summary>
    public void Add(object? input)
    {
        _inputCount++;
        AddValue(input, input, "<input " + _inputCount.ToString(CultureInfo.InvariantCulture) + ">");
    }

    /// <summary>The input has ended: the last record of pipeline text is converted, or reported as incomplete; the
    /// closing verbose line counts inputs, events and errors.</summary>
    public void Complete()
    {
        _text?.Complete();
        var read = _reader.Statistics;
        _sink.Verbose("Done: " + ReadReport.Count(_inputCount, "input") + " converted to " + ReadReport.Count(read.EventsEmitted + _passedThrough, "event") +
            " (" + _passedThrough.ToString(CultureInfo.InvariantCulture) + " already events), " + ReadReport.Count(read.Errors + _refused, "error") + ".");
    }

    private void AddValue(object? value, object? input, string label)
    {
        if (value != null && _adapter.PropertiesOf(value) != null)
        {
            ConvertObject(value, input, label);
            return;
        }
        object? bare = value == null ? null : _adapter.Unwrap(value);
        switch (bare)
        {
            case string text:
                (_text ??= _reader.BeginText(PipelineTextPath)).Append(text);
                return;
            case CsmEvent evt:
                _passedThrough++;
                _sink.Emit(evt);
                return;
            case IDictionary:
                ConvertObject(bare, input, label);
                return;
            case IEnumerable sequence:
                int index = 0;
                foreach (object? item in sequence)
                {
                    AddValue(item, item, label + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                    index++;
                }
                return;
            default:
                ReportNotAnEvent(bare, input, label);
                return;
        }
    }

    private void ConvertObject(object value, object? input, string label)
    {
        byte[] json;
        try
        {
            json = PlainValues.ToUtf8Json(PlainValues.FromHost(value, _adapter));
        }
        catch (PlainValueException ex)
        {
            Report(ex.ErrorId, label + ": " + ex.Message, input);
            return;
        }
        catch (ArgumentException ex)
        {
            // A model object inside the value holds something PlainJson cannot write.
            Report(ConversionErrorIds.UnsupportedValue, label + ": " + ex.Message, input);
            return;
        }
        DatadogEnvelopes.Dispatch(json, new EventSource(label, 0), 0, _reader);
    }

    private void ReportNotAnEvent(object? bare, object? input, string label)
    {
        string? scalar = DescribeScalar(bare);
        if (scalar != null)
        {
            Report(ReadErrorIds.NotAnObject, label + ": the value is " + scalar + ", not an object; an event is JSON text, a hashtable, a PSCustomObject or a CsmEvent", input);
        }
        else if (bare is Model.Json.CsmObject)
        {
            Report(ConversionErrorIds.UnsupportedValue, label + ": a " + bare.GetType().FullName + " is a part of an event, not an event", input);
        }
        else
        {
            Report(ConversionErrorIds.UnsupportedValue, label + ": a " + bare!.GetType().FullName + " is not an event; give JSON text, a hashtable, a PSCustomObject or a CsmEvent", input);
        }
    }

    private void Report(string errorId, string message, object? target)
    {
        _refused++;
        var category = errorId == ConversionErrorIds.UnsupportedValue || errorId == ReadErrorIds.NotAnObject ? CsmErrorCategory.InvalidArgument
            : errorId == ReadErrorIds.NestingTooDeep ? CsmErrorCategory.LimitsExceeded
            : CsmErrorCategory.InvalidData;
        _sink.Error(new CsmError(errorId, category, message, target));
    }

    /// <summary>How a value that is not an object reads in an error, or null when it is no JSON scalar.</summary>
    private static string? DescribeScalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "the boolean true" : "the boolean false",
        char => "a character",
        DateTime or DateTimeOffset => "a date (" + value.GetType().Name + ")",
        int or long or short or byte or sbyte or ushort or uint or ulong or decimal or double or float or System.Numerics.BigInteger => "a number (" + value.GetType().Name + ")",
        _ => null,
    };

    public void Dispose() => _text?.Dispose();
}
