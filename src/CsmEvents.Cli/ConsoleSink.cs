using System;
using System.IO;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.Model.Json;

namespace CsmEvents.Cli;

/// <summary>
/// The CLI's host: events become JSON lines on standard output, other results are written by their command,
/// errors and warnings go to standard error (`PATH:LINE: reason`), progress is not shown.
/// </summary>
internal sealed class ConsoleSink : ICommandSink, IDisposable
{
    private readonly BackgroundEventWriter _events;
    private readonly TextWriter _stderr;
    private readonly Action<object>? _emitOther;

    public ConsoleSink(Stream stdout, TextWriter stderr, CancellationToken cancellation, bool verbose = false, Action<object>? emitOther = null)
    {
        _events = new BackgroundEventWriter(stdout);
        _stderr = stderr;
        _emitOther = emitOther;
        Cancellation = cancellation;
        IsVerbose = verbose;
    }

    public bool IsVerbose { get; }

    public long ErrorCount { get; private set; }

    public CancellationToken Cancellation { get; }

    public void Emit(object item)
    {
        if (item is CsmEvent evt) _events.Write(evt);
        else if (_emitOther != null) _emitOther(item);
        else throw new InvalidOperationException("the CLI cannot print a " + item.GetType().Name);
    }

    public void Error(CsmError error)
    {
        ErrorCount++;
        _stderr.WriteLine(Text.TerminalText.Escape(error.Message));
    }

    public void Warning(string message) => _stderr.WriteLine("warning: " + Text.TerminalText.Escape(message));

    public void Verbose(string message)
    {
        if (IsVerbose) _stderr.WriteLine("verbose: " + Text.TerminalText.Escape(message));
    }

    public void Progress(CsmProgress progress)
    {
    }

    /// <summary>Waits until every event is written; rethrows a failure of the output.</summary>
    public void Flush() => _events.Complete();

    public void Dispose() => _events.Dispose();
}
