using System;
using System.IO;
using System.Threading;
using CsmEvents.Commands;

namespace CsmEvents.Cli;

/// <summary>
/// The CLI's host: results are written by their command (`get` writes its lines through a record consumer, not
/// through the sink), errors and warnings go to standard error (`PATH:LINE: reason`), progress is not shown.
/// </summary>
internal sealed class ConsoleSink : ICommandSink
{
    private readonly TextWriter _stderr;
    private readonly Action<object>? _emitOther;

    public ConsoleSink(TextWriter stderr, CancellationToken cancellation, bool verbose = false, Action<object>? emitOther = null)
    {
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
        if (_emitOther != null) _emitOther(item);
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
}
