using System.Threading;
using CsmEvents.Commands;

namespace CsmEvents.Bench;

/// <summary>A sink that only counts, so the benchmark measures reading, not output.</summary>
internal sealed class CountingSink : ICommandSink
{
    public long Events;
    public long Errors;
    public CancellationToken Cancellation => CancellationToken.None;
    public void Emit(object item) => Events++;
    public void Error(CsmError error) => Errors++;
    public void Warning(string message) { }
    public void Verbose(string message) { }
    public void Progress(CsmProgress progress) { }
}
