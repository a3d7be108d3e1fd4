using System;
using System.Collections;
using System.Globalization;
using CsmEvents.Conversion;
using CsmEvents.Model;

namespace CsmEvents.Commands;

/// <summary>
/// Pipeline input of a command that takes events either as <see cref="CsmEvent"/> objects or as JSON text
/// (Test-CsmEvent): each string is a piece of one text (lines or whole documents, as Get-CsmEvent reads them),
/// each event object goes to the event handler, and a sequence is taken element by element. Anything else is one
/// <see cref="ConversionErrorIds.UnsupportedValue"/> error naming the input. The text reader is opened on the first
/// string only, so a run fed with event objects has no text source.
/// </summary>
public sealed class EventOrTextInput : IDisposable
{
    private readonly Func<GetEventsRunner.TextInput> _beginText;
    private readonly Action<CsmEvent> _onEvent;
    private readonly ICommandSink _sink;
    private readonly HostObjectAdapter _adapter;
    private GetEventsRunner.TextInput? _text;
    private int _inputCount;

    /// <param name="beginText">Opens the text reader (called once, on the first string).</param>
    /// <param name="onEvent">Receives each event object.</param>
    /// <param name="sink">Receives the errors of unsupported inputs.</param>
    /// <param name="adapter">What the host's wrappers stand for (PSObject → its base object).</param>
    public EventOrTextInput(Func<GetEventsRunner.TextInput> beginText, Action<CsmEvent> onEvent, ICommandSink sink, HostObjectAdapter? adapter = null)
    {
        _beginText = beginText;
        _onEvent = onEvent;
        _sink = sink;
        _adapter = adapter ?? HostObjectAdapter.None;
    }

    /// <summary>
    /// True when <paramref name="value"/> is input this class takes: null, a string, a CsmEvent, or a sequence of
    /// those (one level deep). Hosts use it to refuse other objects at parameter binding, so that, for example,
    /// a FileInfo from Get-ChildItem binds to -LiteralPath instead.
    /// </summary>
    public static bool Accepts(object? value, HostObjectAdapter? adapter = null)
    {
        adapter ??= HostObjectAdapter.None;
        object? bare = Bare(value, adapter);
        if (IsSingle(bare)) return true;
        if (bare is not IEnumerable sequence || bare is IDictionary) return false;
        foreach (object? item in sequence)
        {
            if (!IsSingle(Bare(item, adapter))) return false;
        }
        return true;
    }

    /// <summary>Takes one pipeline input.</summary>
    public void Add(object? input)
    {
        _inputCount++;
        _sink.Cancellation.ThrowIfCancellationRequested();
        object? bare = Bare(input, _adapter);
        if (!Accepts(input, _adapter))
        {
            Refuse(bare);
            return;
        }
        if (bare is IEnumerable sequence && bare is not string)
        {
            foreach (object? item in sequence) AddSingle(Bare(item, _adapter));
        }
        else AddSingle(bare);
    }

    /// <summary>The input has ended: the last record of the text is handed over, or reported as incomplete.</summary>
    public void Complete() => _text?.Complete();

    public void Dispose() => _text?.Dispose();

    private void AddSingle(object? value)
    {
        switch (value)
        {
            case string text:
                (_text ??= _beginText()).Append(text);
                break;
            case CsmEvent evt:
                _onEvent(evt);
                break;
        }
    }

    private void Refuse(object? value)
    {
        string label = "<input " + _inputCount.ToString(CultureInfo.InvariantCulture) + ">";
        string type = value == null ? "null" : value.GetType().FullName!;
        _sink.Error(new CsmError(ConversionErrorIds.UnsupportedValue, CsmErrorCategory.InvalidArgument,
            label + ": a " + type + " is neither a CsmEvent nor JSON text; convert objects with ConvertTo-CsmEvent, and pass files with -Path or -LiteralPath",
            value));
    }

    private static bool IsSingle(object? bare) => bare == null || bare is string || bare is CsmEvent;

    private static object? Bare(object? value, HostObjectAdapter adapter) => value == null ? null : adapter.Unwrap(value);
}
