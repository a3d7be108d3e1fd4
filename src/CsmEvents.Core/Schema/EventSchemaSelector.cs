using System;
using System.Text.Json;

namespace CsmEvents.Schema;

/// <summary>Chooses the embedded schema that fits an event, when one does.</summary>
public static class EventSchemaSelector
{
    /// <summary>
    /// The message for events no embedded schema fits (shown once per run): current Linux events must be checked
    /// against Datadog's own, frequently changing schema file.
    /// </summary>
    public const string NoEmbeddedSchemaMessage =
        "no embedded schema fits this event: current Linux events (with agent and title) must be validated against Datadog's current schema. "
        + "Download backend_linux.schema.json from https://github.com/DataDog/datadog-agent/blob/main/docs/cloud-workload-security/backend_linux.schema.json "
        + "and pass it as the schema file.";

    // The top-level properties of the old Linux schema (docs page "Cloud Workload Security (CWS) Events").
    private static readonly string[] OldLinuxTopLevel = { "evt", "file", "selinux", "bpf", "usr", "process", "dd", "container", "date" };

    /// <summary>
    /// "base" when the acting process has the flat executable_path / executable_inode fields of the base event
    /// format; "windows" when the event's agent.os is "windows"; "linux" when the event has the old Linux shape — an object
    /// with at least one property, no agent and no title, and only the old schema's top-level properties (evt, file,
    /// selinux, bpf, usr, process, dd, container, date); otherwise null: no embedded schema fits
    /// (see <see cref="NoEmbeddedSchemaMessage"/>).
    /// </summary>
    public static string? SelectEmbedded(JsonElement evt)
    {
        if (evt.ValueKind != JsonValueKind.Object) return null;
        if (HasFlatExecutableFields(evt)) return EmbeddedSchemas.Base;
        if (evt.TryGetProperty("agent", out var agent))
        {
            if (agent.ValueKind == JsonValueKind.Object
                && agent.TryGetProperty("os", out var os)
                && os.ValueKind == JsonValueKind.String
                && string.Equals(os.GetString(), "windows", StringComparison.OrdinalIgnoreCase))
            {
                return EmbeddedSchemas.Windows;
            }
            return null;
        }
        bool any = false;
        foreach (var property in evt.EnumerateObject())
        {
            any = true;
            if (Array.IndexOf(OldLinuxTopLevel, property.Name) < 0) return null;
        }
        return any ? EmbeddedSchemas.Linux : null;
    }

    /// <summary>
    /// The base event format (seed 002) is the only one whose processes carry the flat <c>executable_path</c> /
    /// <c>executable_inode</c> fields instead of an <c>executable</c> object, so those fields identify it.
    /// </summary>
    private static bool HasFlatExecutableFields(JsonElement evt) =>
        evt.TryGetProperty("process", out var process) && process.ValueKind == JsonValueKind.Object &&
        (process.TryGetProperty("executable_path", out _) || process.TryGetProperty("executable_inode", out _));
}
