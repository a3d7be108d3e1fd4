namespace CsmEvents.Datadog;

/// <summary>
/// Receives what a search wants to tell the user besides events: verbose lines (requests, statuses, waits; never
/// key values) and warnings about partial results. Hosts forward them to WriteVerbose/WriteWarning or stderr.
/// Called on the thread that enumerates the pages.
/// </summary>
public interface IDatadogDiagnostics
{
    /// <summary>A diagnostic line describing a request, a response or a wait.</summary>
    void Verbose(string message);

    /// <summary>Datadog reported that results may be partial.</summary>
    void Warning(DatadogWarning warning);
}
