using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Commands;

/// <summary>
/// How <c>-Schema auto</c> chooses per event, and what the user is told about it once per run: Windows events get
/// the embedded windows schema, old-format Linux and base-format events their embedded schemas, current Linux events
/// the cached backend_linux.schema.json of their agent version (see <see cref="CachedSchemaSelector"/>). Events no
/// schema fits are "not validated", with one warning per run that names the command that fetches their schema.
/// </summary>
public sealed partial class TestEventsRunner
{
    /// <summary>The per-event reason when the cache holds no Linux schema; the warning says which command fetches one.</summary>
    public const string NotCachedReason = "not validated: Datadog's schema for current Linux events is not in the schema cache (see the warning)";

    /// <summary>The per-event reason when the chosen cached schema file cannot be compiled.</summary>
    public const string UnusableCachedReason = "not validated: the cached schema for this agent version cannot be used (see the warning)";

    /// <summary>The per-event reason for an object no format fits (no members).</summary>
    public const string UnknownFormatReason = "not validated: no schema fits an event without members";

    private readonly CachedSchemaSelector? _cached;
    private readonly HashSet<string> _noted = new(StringComparer.Ordinal);

    /// <summary>The schema named by -Schema: an embedded one, or a cached one (backend_linux@7.64.3).</summary>
    private (CompiledSchema, string) FixedSchema(string name)
    {
        if (EmbeddedSchemas.Exists(name)) return (EmbeddedSchemas.Get(name), name);
        if (name.IndexOf('@') > 0)
        {
            var cached = _options.SchemaCache?.Find(name)
                ?? throw new ArgumentException("unknown schema '" + name + "': no such schema in the schema cache"
                    + (_options.SchemaCache == null ? "" : " " + _options.SchemaCache.Folder) + " (fetch it with " + FetchText(name.Substring(name.IndexOf('@') + 1)) + ")");
            return (SchemaCompiler.CompileFile(cached.Path), name);
        }
        throw new ArgumentException("unknown schema '" + name + "': use auto, " + string.Join(", ", EmbeddedSchemas.List.Select(i => i.Name)) + ", a cached schema such as backend_linux@7.64.3, or a schema file");
    }

    /// <summary>The cached Linux schemas for auto; null (with a warning) when the cache cannot be listed.</summary>
    private CachedSchemaSelector? CachedLinuxSchemas()
    {
        if (_options.SchemaCache == null) return null;
        try
        {
            return new CachedSchemaSelector(_options.SchemaCache);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            _sink.Warning(_options.SchemaCache.Folder + ": cannot list the schema cache: " + ex.Message);
            return null;
        }
    }

    /// <summary>The schema for one event under auto, or the reason it is not validated. Thread-safe.</summary>
    private (CompiledSchema? Schema, string? Name, string? NotValidated) ChooseSchema(JsonElement root, string? agentVersion)
    {
        switch (EventSchemaSelector.Classify(root))
        {
            case EventFormat.Windows: return (EmbeddedSchemas.Get(EmbeddedSchemas.Windows), EmbeddedSchemas.Windows, null);
            case EventFormat.OldLinux: return (EmbeddedSchemas.Get(EmbeddedSchemas.Linux), EmbeddedSchemas.Linux, null);
            case EventFormat.Base: return (EmbeddedSchemas.Get(EmbeddedSchemas.Base), EmbeddedSchemas.Base, null);
            case EventFormat.CurrentLinux:
                var choice = _cached?.Choose(agentVersion);
                if (choice?.Schema != null) return (choice.Schema, choice.Name, null);
                return (null, null, choice?.Match == CachedSchemaMatch.Unusable ? UnusableCachedReason : NotCachedReason);
            default: return (null, null, UnknownFormatReason);
        }
    }

    /// <summary>Tells the user, once per run and kind, what auto did that they may not expect: events not validated
    /// (and the command that fetches their schema), or a cached schema of another version than the event's.</summary>
    private void NoteSchemaChoice(CsmValidationResult result)
    {
        if (_options.SchemaPath != null || !IsAuto) return;
        string where = result.Source.Location + ": ";
        if (result.Schema == null)
        {
            string reason = result.Errors[0].Message;
            if (reason == UnknownFormatReason) Once(reason, where + "no schema fits this event: it is an object without members");
            else if (reason == UnusableCachedReason)
            {
                var choice = _cached!.Choose(result.AgentVersion);
                Once(reason + choice.Name, where + "the cached schema " + choice.Name + " cannot be used (" + choice.Failure + "); fetch it again with: "
                    + FetchText(choice.Name!.Substring(choice.Name.IndexOf('@') + 1)));
            }
            else
            {
                Once(reason, where + "no schema fits this event: current Linux events are validated against Datadog's published schema for their agent version, "
                    + "and the schema cache holds none. Fetch it once with: " + FetchText(FetchableVersion(result.AgentVersion)));
            }
            return;
        }
        if (_cached == null || result.Schema.IndexOf('@') < 0) return;
        var chosen = _cached.Choose(result.AgentVersion);
        switch (chosen.Match)
        {
            case CachedSchemaMatch.NewestNoneBelow:
                Once("below", where + "no cached Linux schema is at or below agent " + result.AgentVersion + "; its events are validated against the newest one, "
                    + chosen.Name + ". For that agent's own schema: " + FetchText(FetchableVersion(result.AgentVersion)));
                break;
            case CachedSchemaMatch.NewestNoVersion:
                Once("no-version", where + "Linux events without agent.version are validated against the newest cached Linux schema, " + chosen.Name);
                break;
            case CachedSchemaMatch.NewestNotAVersion:
                Once("not-a-version", where + "agent.version \"" + result.AgentVersion + "\" is not a version; such events are validated against the newest cached Linux schema, " + chosen.Name);
                break;
            case CachedSchemaMatch.Below:
                if (_noted.Add("verbose " + result.AgentVersion))
                {
                    _sink.Verbose("events of agent " + result.AgentVersion + " are validated against " + chosen.Name + ", the nearest cached schema below that version");
                }
                break;
        }
    }

    private bool IsAuto => string.Equals(_options.SchemaName, TestEventsOptions.AutoSchema, StringComparison.OrdinalIgnoreCase);

    private void Once(string kind, string message)
    {
        if (_noted.Add(kind)) _sink.Warning(message);
    }

    /// <summary>The version to suggest fetching: the event's own, or main when it has none (or not a valid one).</summary>
    private static string FetchableVersion(string? agentVersion) =>
        SchemaCache.IsValidVersionName(agentVersion) ? agentVersion! : AgentVersion.Main;

    private string FetchText(string version) =>
        _options.FetchCommand != null
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, _options.FetchCommand, version)
            : "Save-CsmSchema " + version + " (PowerShell) or csm-events schemas --fetch " + version;
}
