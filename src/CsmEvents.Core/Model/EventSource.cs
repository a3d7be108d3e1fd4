using System;
using System.Collections.Generic;

namespace CsmEvents.Model;

/// <summary>
/// Where an event came from: the file (or stdin/pipeline), the 1-based line its JSON starts on, its index when it
/// was an element of a JSON array, and the Datadog Logs API envelope when it came wrapped in one.
/// </summary>
public sealed class EventSource
{
    public EventSource(string path, long line, long? index = null, DatadogEnvelope? envelope = null)
    {
        Path = path;
        Line = line;
        Index = index;
        Envelope = envelope;
    }

    /// <summary>File path as given or resolved, or <c>&lt;stdin&gt;</c> / <c>&lt;pipeline&gt;</c> / a Datadog API URL.</summary>
    public string Path { get; }

    /// <summary>1-based line where the event's JSON starts.</summary>
    public long Line { get; }

    /// <summary>0-based position in the JSON array that held the event, when it was in one.</summary>
    public long? Index { get; }

    /// <summary>The Datadog Logs API record the event came in, if any.</summary>
    public DatadogEnvelope? Envelope { get; }

    /// <summary><c>path:line</c>, the form used in every error message (just the path when no line applies, e.g.
    /// a missing file), exactly: for messages and machine output, which their host escapes or encodes.</summary>
    public string Location => Line > 0 ? Path + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : Path;

    /// <summary><see cref="Location"/> escaped for terminals (a file name may hold escape sequences): what
    /// <c>"$($event.Source)"</c> prints.</summary>
    public override string ToString() => Text.TerminalText.Escape(Location)!;
}

/// <summary>The Datadog Logs API record around an event (<c>data[].attributes</c> of a Logs Search response).</summary>
public sealed class DatadogEnvelope
{
    /// <summary>The log's id (<c>data[].id</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Host that sent the event.</summary>
    public string? Host { get; set; }

    /// <summary>The log's message (for security events, the rule's description).</summary>
    public string? Message { get; set; }

    /// <summary>Service of the log (normally runtime-security-agent).</summary>
    public string? Service { get; set; }

    /// <summary>Log status (info, warning, ...).</summary>
    public string? Status { get; set; }

    private IReadOnlyList<string> _tags = Array.Empty<string>();

    /// <summary>Tags of the log (source:runtime-security-agent, rule_id:..., ...). Never null: setting null (as
    /// PowerShell can) sets no tags.</summary>
    public IReadOnlyList<string> Tags { get => _tags; set => _tags = value ?? Array.Empty<string>(); }

    /// <summary>The log's official timestamp.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The timestamp text as the API returned it.</summary>
    public string? TimestampText { get; set; }

    /// <summary>Display text <c>log ID from HOST</c>, escaped for terminals.</summary>
    public override string ToString() => Text.TerminalText.Escape("log " + Id + " from " + Host)!;

    /// <summary>Writes the members of a log's attributes this envelope holds, in the API's order, leaving out those
    /// it lacks (no id: where that goes depends on the caller). The log records of <c>-As DatadogLog</c> and the
    /// transfer text both use it, and the reader of each reads them back.</summary>
    internal void WriteLogMembers(System.Text.Json.Utf8JsonWriter writer)
    {
        WriteOptional(writer, "host", Host);
        WriteOptional(writer, "message", Message);
        WriteOptional(writer, "service", Service);
        WriteOptional(writer, "status", Status);
        if (Tags.Count > 0)
        {
            writer.WriteStartArray("tags");
            foreach (string tag in Tags) writer.WriteStringValue(tag);
            writer.WriteEndArray();
        }
        WriteOptional(writer, "timestamp", TimestampText ?? (Timestamp.HasValue ? Json.CsmTime.Format(Timestamp.Value) : null));
    }

    internal static void WriteOptional(System.Text.Json.Utf8JsonWriter writer, string name, string? value)
    {
        if (value != null) writer.WriteString(name, value);
    }
}
