using System;
using System.Globalization;
using CsmEvents.Model;
using CsmEvents.Model.Json;

namespace CsmEvents.Export;

/// <summary>
/// The flat fields of one event that timeline tools show in columns, in the order of <see cref="Names"/>. Values are
/// the event's own text, unescaped: each writer escapes for its format. A value the event does not carry is null.
/// </summary>
public sealed class TimelineFields
{
    /// <summary>The column names, in order: the CSV header and the Timesketch attribute names. Stable: scripts and
    /// timeline tools address columns by these names.</summary>
    public static readonly string[] Names =
    {
        "time_utc", "host", "platform", "rule_id", "event_type", "category", "outcome", "process_name", "pid", "ppid",
        "user", "command_line", "target", "source",
    };

    private TimelineFields(CsmEvent evt)
    {
        Time = evt.Timestamp;
        TimeUtc = UtcText(evt);
        Host = evt.HostName;
        Platform = evt.Platform == CsmPlatform.Unknown ? null : evt.Platform.ToString().ToLowerInvariant();
        RuleId = evt.RuleId;
        EventType = evt.EventType;
        Category = evt.Category;
        Outcome = evt.Outcome;
        var process = evt.Process;
        ProcessName = process?.Name;
        Pid = process?.Pid;
        Ppid = process?.Ppid;
        User = process?.User ?? evt.Usr?.Name ?? evt.Usr?.Id;
        CommandLine = process?.CommandLine;
        Target = evt.Target;
        Source = evt.Source?.ToString();
    }

    public static TimelineFields From(CsmEvent evt) => new TimelineFields(evt ?? throw new ArgumentNullException(nameof(evt)));

    /// <summary>When the event happened (<see cref="CsmEvent.Timestamp"/>).</summary>
    public DateTimeOffset? Time { get; }

    /// <summary>The time in UTC as RFC 3339 text ending in Z: the agent's own text when it is already UTC (so
    /// nanoseconds are kept), else the value converted to UTC.</summary>
    public string? TimeUtc { get; }

    /// <summary>The Datadog host (from the Logs API envelope); null for events read without one.</summary>
    public string? Host { get; }

    /// <summary><c>windows</c> or <c>linux</c>; null when unknown.</summary>
    public string? Platform { get; }

    public string? RuleId { get; }
    public string? EventType { get; }
    public string? Category { get; }
    public string? Outcome { get; }
    public string? ProcessName { get; }
    public long? Pid { get; }
    public long? Ppid { get; }

    /// <summary>The acting process's user, else the event's user context (name, else id).</summary>
    public string? User { get; }

    public string? CommandLine { get; }

    /// <summary>What the event acted on (<see cref="CsmEvent.Target"/>).</summary>
    public string? Target { get; }

    /// <summary>Where the event was read: <c>path:line</c>.</summary>
    public string? Source { get; }

    /// <summary>The values in the order of <see cref="Names"/>, numbers as invariant text.</summary>
    public string?[] Values() => new[]
    {
        TimeUtc, Host, Platform, RuleId, EventType, Category, Outcome, ProcessName, Number(Pid), Number(Ppid), User,
        CommandLine, Target, Source,
    };

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? UtcText(CsmEvent evt)
    {
        string? text = evt.Date.HasValue ? evt.DateText : evt.Source?.Envelope?.TimestampText;
        if (text != null && text.EndsWith("Z", StringComparison.Ordinal) && CsmTime.TryParse(text, out _)) return text;
        var time = evt.Timestamp;
        return time.HasValue ? CsmTime.Format(time.Value.ToUniversalTime()) : null;
    }
}
