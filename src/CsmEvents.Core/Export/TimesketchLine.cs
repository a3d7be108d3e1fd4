using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CsmEvents.Export;

/// <summary>
/// One event as a Timesketch JSON line: <c>message</c> (what happened, in one line), <c>datetime</c> (ISO 8601 in
/// UTC with microseconds, <c>+00:00</c>), <c>timestamp</c> (microseconds since 1970), <c>timestamp_desc</c>
/// (<c>Event Time</c>), then the timeline columns of <see cref="TimelineFields.Names"/> as flat attributes (those
/// the event does not carry are left out; <c>time_utc</c> keeps the agent's nanoseconds). Timesketch's importer
/// requires message, datetime and timestamp_desc; an event without any time cannot be imported and is an error.
/// </summary>
public static class TimesketchLine
{
    /// <summary>Why an event without time is not written.</summary>
    public const string MissingTimeReason = "the event has no date (and no Datadog log timestamp); Timesketch needs a time for every event";

    /// <summary>What the time of every line is: when the agent saw the event.</summary>
    public const string TimestampDescription = "Event Time";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON line (without line end), or null when the event has no time.</summary>
    public static string? Line(TimelineFields fields)
    {
        if (!fields.Time.HasValue) return null;
        var utc = fields.Time.Value.ToUniversalTime();
        using var buffer = new MemoryStream(512);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("message", Message(fields));
            w.WriteString("datetime", utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture));
            w.WriteNumber("timestamp", (utc.UtcTicks - UnixEpochTicks) / 10);
            w.WriteString("timestamp_desc", TimestampDescription);
            var values = fields.Values();
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] == null) continue;
                string name = TimelineFields.Names[i];
                if ((name == "pid" || name == "ppid")) w.WriteNumber(name, long.Parse(values[i]!, CultureInfo.InvariantCulture));
                else w.WriteString(name, values[i]);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary><c>RULE: TYPE NAME (PID) TARGET</c>, e.g. <c>shell_spawned_by_webserver: exec sh (4242) sh -c id</c>;
    /// parts the event lacks are left out.</summary>
    public static string Message(TimelineFields f)
    {
        var sb = new StringBuilder(128);
        if (f.RuleId != null) sb.Append(f.RuleId).Append(": ");
        sb.Append(f.EventType ?? "event");
        if (f.ProcessName != null || f.Pid != null)
        {
            sb.Append(' ').Append(f.ProcessName ?? "?");
            if (f.Pid != null) sb.Append(" (").Append(f.Pid.Value.ToString(CultureInfo.InvariantCulture)).Append(')');
        }
        if (f.Target != null) sb.Append(' ').Append(f.Target);
        return sb.ToString();
    }
}
