using System;

namespace CsmEvents.Model;

/// <summary>
/// One CSM Threats security event. The typed members mirror the event JSON (see CsmEvent.Members.cs); the members
/// here are what users reach for first, plus where the event came from. Writing an event back
/// (<see cref="Json.CsmObject.ToJson"/>) yields the JSON it was read from: unknown fields in place, numbers exact,
/// timestamps as written; an edited property is written with its new value.
/// </summary>
public sealed partial class CsmEvent
{
    /// <summary>Where the event was read from (file and line, or the Datadog log record). Not part of the event JSON.</summary>
    public EventSource? Source { get; set; }

    /// <summary>Windows or Linux: from agent.os, else from the shape of the event (registry or cmdline mean Windows,
    /// credentials, comm or args mean Linux).</summary>
    public CsmPlatform Platform
    {
        get
        {
            string? os = Agent?.Os;
            if (os != null)
            {
                if (os.Equals("windows", StringComparison.OrdinalIgnoreCase)) return CsmPlatform.Windows;
                if (os.Equals("linux", StringComparison.OrdinalIgnoreCase)) return CsmPlatform.Linux;
            }
            if (Registry != null || PermissionChange != null || Process?.Cmdline != null || Usr?.Sid != null) return CsmPlatform.Windows;
            var p = Process;
            if (p != null && (p.Credentials != null || p.Comm != null || p.Args != null || p.Tid != null)) return CsmPlatform.Linux;
            if (Usr?.Id != null || Selinux != null || Bpf != null || File?.Inode != null) return CsmPlatform.Linux;
            return CsmPlatform.Unknown;
        }
    }

    /// <summary>The event type (<c>evt.name</c>): exec, open, set_key_value, ...</summary>
    public string? EventType => Evt?.Name;

    /// <summary>The event category (<c>evt.category</c>).</summary>
    public string? Category => Evt?.Category;

    /// <summary>The outcome (<c>evt.outcome</c>): Success, Refused, Error, unknown.</summary>
    public string? Outcome => Evt?.Outcome;

    /// <summary>The rule that matched (<c>agent.rule_id</c>).</summary>
    public string? RuleId => Agent?.RuleId;

    /// <summary>When the event happened: <c>date</c>, else the Datadog log timestamp.</summary>
    public DateTimeOffset? Timestamp => Date ?? Source?.Envelope?.Timestamp;

    /// <summary>The date as RFC 3339 text: as the agent wrote it (nanoseconds, offset) unless the value was changed
    /// since. For outputs that repeat the original text (timeline exports).</summary>
    internal string? DateText => _date.TextToWrite;

    /// <summary>The host: from the Datadog envelope when the event came through the API.</summary>
    public string? HostName => Source?.Envelope?.Host;

    /// <summary>What the event acted on, for tables: file path (and rename destination), registry key and value,
    /// permission-change object, network peer or DNS name; else the acting process's command line.</summary>
    public string? Target
    {
        get
        {
            if (Registry != null)
            {
                string key = Registry.KeyPath ?? Registry.KeyName ?? string.Empty;
                return Registry.ValueName != null ? key + " [" + Registry.ValueName + "]" : key;
            }
            if (PermissionChange != null) return PermissionChange.Path;
            if (EventType != "exec" && File?.Path != null)
            {
                return File.Destination?.Path != null ? File.Path + " -> " + File.Destination.Path : File.Path;
            }
            if (Dns?.Question?.Name != null) return Dns.Question.Name;
            var addr = Connect?.Addr ?? Bind?.Addr ?? Accept?.Addr;
            if (addr?.Ip != null) return addr.Ip + ":" + addr.Port;
            return Process?.CommandLine ?? File?.Path;
        }
    }

    /// <summary>Reads one event from its UTF-8 JSON text. Throws <see cref="System.Text.Json.JsonException"/> for
    /// invalid JSON, a value that is not an object, or a duplicate member.</summary>
    public static CsmEvent Parse(ReadOnlySpan<byte> utf8Json, EventSource? source = null) => CsmEventParser.Parse(utf8Json, source);

    /// <summary>Reads one event from JSON text.</summary>
    public static CsmEvent Parse(string json, EventSource? source = null) => CsmEventParser.Parse(System.Text.Encoding.UTF8.GetBytes(json), source);

    /// <summary>Display text <c>TIME EVENTTYPE RULE</c> (what <c>"$event"</c> prints), escaped for terminals: the
    /// event type and rule come from the event and may hold escape sequences. The properties keep the exact values.</summary>
    public override string ToString() => Text.TerminalText.Escape((Timestamp.HasValue ? Json.CsmTime.Format(Timestamp.Value) + " " : string.Empty) + EventType + " " + RuleId)!;
}
