using System;
using System.Text.Json;

namespace CsmEvents.Schema;

/// <summary>The format of an event, which decides the schema <c>-Schema auto</c> validates it against.</summary>
public enum EventFormat
{
    /// <summary>Not an event object (empty object, array, scalar): no schema fits.</summary>
    Unknown,

    /// <summary>agent.os is "windows": the embedded windows schema.</summary>
    Windows,

    /// <summary>A current Linux event: Datadog's published backend_linux.schema.json of its agent version.</summary>
    CurrentLinux,

    /// <summary>The old Linux format (before agent and title): the embedded linux schema.</summary>
    OldLinux,

    /// <summary>The old base event format (flat executable fields): the embedded base schema.</summary>
    Base,
}

/// <summary>Tells which format an event has, hence which schema fits it.</summary>
public static class EventSchemaSelector
{
    // The top-level properties of the old Linux schema (docs page "Cloud Workload Security (CWS) Events").
    private static readonly string[] OldLinuxTopLevel = { "evt", "file", "selinux", "bpf", "usr", "process", "dd", "container", "date" };

    // The members of the old format's ProcessContext. Processes of current agents also carry argv0, source,
    // is_thread, is_exec_child, ... (FORMAT.md §1.5), even before agent and title are added (Datadog's test fixtures).
    private static readonly string[] OldLinuxProcessMembers =
    {
        "ancestors", "args", "args_truncated", "comm", "container", "credentials", "envs", "envs_truncated", "exec_time",
        "executable", "exit_time", "fork_time", "gid", "group", "parent", "path_resolution_error", "pid", "ppid", "tid",
        "tty", "uid", "user",
    };

    /// <summary>
    /// <see cref="EventFormat.Base"/> when the acting process has the flat executable_path / executable_inode fields
    /// of the base event format; <see cref="EventFormat.Windows"/> when agent.os is "windows";
    /// <see cref="EventFormat.OldLinux"/> for an object without agent and title whose top-level members are all
    /// members of the old schema (evt, file, selinux, bpf, usr, process, dd, container, date) and whose process has
    /// only members the old format's process had; <see cref="EventFormat.Unknown"/> for anything that is not an object
    /// with at least one member; otherwise <see cref="EventFormat.CurrentLinux"/> (an agent that is not Windows, or
    /// current-format members such as process.argv0 or process.source).
    /// </summary>
    public static EventFormat Classify(JsonElement evt)
    {
        if (evt.ValueKind != JsonValueKind.Object) return EventFormat.Unknown;
        if (HasFlatExecutableFields(evt)) return EventFormat.Base;
        if (evt.TryGetProperty("agent", out var agent))
        {
            return agent.ValueKind == JsonValueKind.Object
                   && agent.TryGetProperty("os", out var os)
                   && os.ValueKind == JsonValueKind.String
                   && string.Equals(os.GetString(), "windows", StringComparison.OrdinalIgnoreCase)
                ? EventFormat.Windows
                : EventFormat.CurrentLinux;
        }
        bool any = false;
        foreach (var property in evt.EnumerateObject())
        {
            any = true;
            if (Array.IndexOf(OldLinuxTopLevel, property.Name) < 0) return EventFormat.CurrentLinux;
        }
        if (!any) return EventFormat.Unknown;
        return HasOnlyOldProcessMembers(evt) ? EventFormat.OldLinux : EventFormat.CurrentLinux;
    }

    /// <summary>The embedded schema for the event's format: "windows", "linux" (old format), "base", or null when no
    /// embedded schema fits (current Linux events need Datadog's published schema; unknown shapes fit nothing).</summary>
    public static string? SelectEmbedded(JsonElement evt) => Classify(evt) switch
    {
        EventFormat.Windows => EmbeddedSchemas.Windows,
        EventFormat.OldLinux => EmbeddedSchemas.Linux,
        EventFormat.Base => EmbeddedSchemas.Base,
        _ => null,
    };

    /// <summary>
    /// The base event format (seed 002) is the only one whose processes carry the flat <c>executable_path</c> /
    /// <c>executable_inode</c> fields instead of an <c>executable</c> object, so those fields identify it.
    /// </summary>
    private static bool HasFlatExecutableFields(JsonElement evt) =>
        evt.TryGetProperty("process", out var process) && process.ValueKind == JsonValueKind.Object &&
        (process.TryGetProperty("executable_path", out _) || process.TryGetProperty("executable_inode", out _));

    private static bool HasOnlyOldProcessMembers(JsonElement evt)
    {
        if (!evt.TryGetProperty("process", out var process) || process.ValueKind != JsonValueKind.Object) return true;
        foreach (var member in process.EnumerateObject())
        {
            if (Array.IndexOf(OldLinuxProcessMembers, member.Name) < 0) return false;
        }
        return true;
    }
}
