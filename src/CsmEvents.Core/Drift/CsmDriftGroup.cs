using System.Collections.Generic;
using System.Globalization;

namespace CsmEvents.Drift;

/// <summary>
/// One kind of problem found in a validation run: every event with an error of this keyword at this instance
/// path (array indexes as <c>*</c>) against this schema. Part of <see cref="CsmDriftSummary"/>.
/// </summary>
public sealed class CsmDriftGroup
{
    internal CsmDriftGroup(string schema, string keyword, string path, long events, double share, bool known,
        IReadOnlyList<string> agentVersions, IReadOnlyList<string> schemaVersions, string firstSource, string lastSource, string? example, string message)
    {
        Schema = schema;
        Keyword = keyword;
        Path = path;
        Events = events;
        Share = share;
        Known = known;
        AgentVersions = agentVersions;
        SchemaVersions = schemaVersions;
        FirstSource = firstSource;
        LastSource = lastSource;
        Example = example;
        Message = message;
    }

    /// <summary>The schema: an embedded name (windows, linux, base), a cached schema without its version
    /// (backend_linux), a schema file's name; <c>(none)</c> for events no schema fits, <c>(unreadable)</c> for
    /// records that could not be read.</summary>
    public string Schema { get; }

    /// <summary>The failing keyword (type, required, additionalProperties, ...); <c>schema</c> for events not
    /// validated; the reading error id (InvalidJson, ...) for unreadable records.</summary>
    public string Keyword { get; }

    /// <summary>The instance path with array indexes as <c>*</c> and, for required and additionalProperties, the
    /// member's name: <c>/process/ancestors/*/credentials/auid</c>. Empty for the whole event.</summary>
    public string Path { get; }

    /// <summary>How many events have this problem (an event counts once, however often it has it).</summary>
    public long Events { get; }

    /// <summary><see cref="Events"/> as a fraction of the events read (0 to 1).</summary>
    public double Share { get; }

    /// <summary>True when the baseline lists this group (accepted drift); false for new drift, and for every group
    /// when no baseline is used.</summary>
    public bool Known { get; }

    /// <summary>The agent.version values of the events, oldest first (<c>(none)</c> for events without one; at most
    /// 32, then <c>(more)</c>).</summary>
    public IReadOnlyList<string> AgentVersions { get; }

    /// <summary>The versions of the cached schemas that judged the events (empty for embedded schemas and files).</summary>
    public IReadOnlyList<string> SchemaVersions { get; }

    /// <summary>Where the first event with this problem was read: <c>PATH:LINE</c>, or <c>log ID</c> for a
    /// Datadog log.</summary>
    public string FirstSource { get; }

    /// <summary>Where the last one was read.</summary>
    public string LastSource { get; }

    /// <summary>The offending value of the first event, as compact JSON (shortened to 80 characters); null when the
    /// error has none.</summary>
    public string? Example { get; }

    /// <summary>The first event's error message.</summary>
    public string Message { get; }

    /// <summary>"keyword path" as JUnit test case names show it.</summary>
    public string Title => Keyword + " " + (Path.Length == 0 ? "(root)" : Path);

    /// <summary>"N events: schema keyword path".</summary>
    public override string ToString() => Events.ToString(CultureInfo.InvariantCulture) + " events: " + Schema + " " + Title;
}
