namespace CsmEvents.Export;

/// <summary>What ConvertFrom-CsmEvent and <c>csm-events get</c> write for each event.</summary>
public enum EventTextFormat
{
    /// <summary>The event's own JSON, lossless (the default).</summary>
    Json,

    /// <summary>One JSON object per line with the fields Timesketch's importer requires (message, datetime,
    /// timestamp_desc) and the timeline columns as flat attributes (<see cref="TimesketchLine"/>).</summary>
    Timesketch,

    /// <summary>A flat timeline CSV: a header line, then one record per event (<see cref="CsvTimeline"/>).</summary>
    Csv,

    /// <summary>The event's own JSON inside the Datadog log record it came in, one per line, as the Logs API
    /// returns them (<see cref="DatadogLogLine"/>): read back, the events keep their host, id, tags and timestamp.</summary>
    DatadogLog,
}

/// <summary>Stable identifiers of export errors (the PowerShell error ids; documented in help).</summary>
public static class ExportErrorIds
{
    /// <summary>An event has neither <c>date</c> nor a Datadog log timestamp, and the format needs a time (Timesketch).</summary>
    public const string MissingTimestamp = "MissingTimestamp";
}
