using System;

namespace CsmEvents.Datadog;

/// <summary>An <see cref="IDatadogDiagnostics"/> made of two callbacks, for hosts that just forward lines.</summary>
public sealed class DatadogDiagnostics : IDatadogDiagnostics
{
    private readonly Action<string>? _verbose;
    private readonly Action<DatadogWarning>? _warning;

    /// <summary>Either callback may be null to drop that kind of message.</summary>
    public DatadogDiagnostics(Action<string>? verbose, Action<DatadogWarning>? warning)
    {
        _verbose = verbose;
        _warning = warning;
    }

    /// <inheritdoc />
    public void Verbose(string message) => _verbose?.Invoke(message);

    /// <inheritdoc />
    public void Warning(DatadogWarning warning) => _warning?.Invoke(warning);
}
