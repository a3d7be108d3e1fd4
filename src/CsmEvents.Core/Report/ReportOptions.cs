using System;
using CsmEvents.Commands;

namespace CsmEvents.Report;

/// <summary>Options of Export-CsmReport and <c>csm-events report</c>: what to read, what to validate, how to title.</summary>
public sealed class ReportOptions
{
    /// <summary>Folder recursion and the event filter (event type, rule, time window...).</summary>
    public GetEventsOptions Read { get; set; } = new GetEventsOptions();

    /// <summary>The page's title; null: "CSM events report".</summary>
    public string? Title { get; set; }

    /// <summary>Validate every event (with the validation runner of Test-CsmEvent) and show the results.</summary>
    public bool Validate { get; set; }

    /// <summary>With <see cref="Validate"/>: Datadog's published schemas cached by agent version, for current Linux
    /// events (as Test-CsmEvent uses them); null: embedded schemas only.</summary>
    public Schema.Cache.SchemaCache? SchemaCache { get; set; }

    /// <summary>With <see cref="Validate"/>: the host's command that fetches a schema ({0}: the agent version), named in
    /// the warning about events whose schema is not cached.</summary>
    public string? FetchCommand { get; set; }

    /// <summary>With <see cref="Validate"/>: validate each record as it is read, on one core, instead of on every
    /// core. Hosts set it for -Verbose / --verbose, whose per-file line counts the records of a file when it ends.</summary>
    public bool ValidateInOrder { get; set; }

    /// <summary>With <see cref="Validate"/>: "auto" or an embedded schema name.</summary>
    public string SchemaName { get; set; } = TestEventsOptions.AutoSchema;

    /// <summary>With <see cref="Validate"/>: a schema file (overrides <see cref="SchemaName"/>).</summary>
    public string? SchemaPath { get; set; }

    /// <summary>With <see cref="Validate"/>: do not report additionalProperties errors.</summary>
    public bool IgnoreAdditionalProperties { get; set; }

    /// <summary>The time the page says it was made; null: now. Tests fix it so that two runs give the same page.</summary>
    public DateTimeOffset? GeneratedAt { get; set; }

    /// <summary>The default title.</summary>
    public const string DefaultTitle = "CSM events report";
}

/// <summary>What a report holds, for the caller's summary (verbose output, tests).</summary>
public sealed class ReportResult
{
    internal ReportResult(int events, int hosts, int processes, int rules, long readErrors, long invalidEvents, long bytes)
    {
        Events = events;
        Hosts = hosts;
        Processes = processes;
        Rules = rules;
        ReadErrors = readErrors;
        InvalidEvents = invalidEvents;
        Bytes = bytes;
    }

    public int Events { get; }
    public int Hosts { get; }

    /// <summary>Nodes of the process trees (gaps included).</summary>
    public int Processes { get; }

    /// <summary>Distinct rules that fired.</summary>
    public int Rules { get; }

    /// <summary>Records that could not be read (each was also an error).</summary>
    public long ReadErrors { get; }

    /// <summary>Events that failed validation or that no schema fits (0 without validation).</summary>
    public long InvalidEvents { get; }

    /// <summary>Size of the page written.</summary>
    public long Bytes { get; }

    public override string ToString() =>
        Commands.ReadReport.Count(Events, "event") + ", " + Commands.ReadReport.Count(Hosts, "host") + ", " + (Processes == 1 ? "1 process" : Processes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " processes") + ", "
        + Commands.ReadReport.Count(Rules, "rule") + ", " + Commands.ReadReport.Count(Bytes, "byte");
}
