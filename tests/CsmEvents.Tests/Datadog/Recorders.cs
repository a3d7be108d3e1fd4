using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

/// <summary>Captures verbose lines and warnings.</summary>
public sealed class RecordingDiagnostics : IDatadogDiagnostics
{
    public List<string> VerboseLines { get; } = new();
    public List<DatadogWarning> Warnings { get; } = new();

    public void Verbose(string message) => VerboseLines.Add(message);
    public void Warning(DatadogWarning warning) => Warnings.Add(warning);
}

/// <summary>An injected delay that records the waits asked for and returns at once.</summary>
public sealed class RecordingDelay
{
    private readonly List<TimeSpan> _waits = new();

    public IReadOnlyList<TimeSpan> Waits { get { lock (_waits) return _waits.ToArray(); } }

    public Task Delay(TimeSpan wait, CancellationToken token)
    {
        lock (_waits) _waits.Add(wait);
        return Task.CompletedTask;
    }
}
