using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace CsmEvents.Schema.Cache;

/// <summary>How a cached Linux schema was chosen for an event's agent version.</summary>
public enum CachedSchemaMatch
{
    /// <summary>The cache holds the event's own version.</summary>
    Exact,

    /// <summary>The nearest cached version below the event's (the schema an older agent published).</summary>
    Below,

    /// <summary>Every cached version is newer than the event's: the newest one is used.</summary>
    NewestNoneBelow,

    /// <summary>The event has no agent.version (Datadog's own test fixtures): the newest one is used.</summary>
    NewestNoVersion,

    /// <summary>agent.version is not a version (7.64, garbage): the newest one is used.</summary>
    NewestNotAVersion,

    /// <summary>The cache holds no Linux schema at all.</summary>
    NoneCached,

    /// <summary>The chosen cached file cannot be compiled (see <see cref="CachedSchemaChoice.Failure"/>).</summary>
    Unusable,
}

/// <summary>The cached Linux schema chosen for one agent version.</summary>
public sealed class CachedSchemaChoice
{
    internal CachedSchemaChoice(CachedSchemaMatch match, string? name, string? agentVersion, CompiledSchema? schema, string? failure)
    {
        Match = match;
        Name = name;
        AgentVersion = agentVersion;
        Schema = schema;
        Failure = failure;
    }

    public CachedSchemaMatch Match { get; }

    /// <summary><c>backend_linux@7.64.3</c>; null when nothing is cached.</summary>
    public string? Name { get; }

    /// <summary>The event's agent.version the choice was made for (null when the event has none).</summary>
    public string? AgentVersion { get; }

    /// <summary>The compiled schema; null when none is cached or it is unusable.</summary>
    public CompiledSchema? Schema { get; }

    /// <summary>Why the cached file cannot be used (<see cref="CachedSchemaMatch.Unusable"/>).</summary>
    public string? Failure { get; }
}

/// <summary>
/// Chooses, per event, the cached <c>backend_linux.schema.json</c> for the event's <c>agent.version</c>: the
/// nearest cached version at or below it (the schema the agent was built with, or the closest older one), else the
/// newest cached one. <c>main</c> counts as newer than every release; cached refs that are not versions (commits)
/// are never chosen automatically. Reads the cache listing once; compiles each file once, on first use; choices are
/// remembered per version text. Thread-safe.
/// </summary>
public sealed class CachedSchemaSelector
{
    private readonly List<(AgentVersion Version, CachedSchemaInfo Info)> _ascending;
    private readonly ConcurrentDictionary<string, CachedSchemaChoice> _choices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<(CompiledSchema? Schema, string? Failure)>> _compiled = new(StringComparer.Ordinal);
    private readonly CachedSchemaChoice _noVersion;

    public CachedSchemaSelector(SchemaCache cache)
    {
        _ascending = cache.List()
            .Where(i => i.FileName == SchemaCache.LinuxFile)
            .Select(i => (Parsed: AgentVersion.TryParse(i.AgentVersion, out var v) ? v : null, Info: i))
            .Where(x => x.Parsed != null)
            .Select(x => (x.Parsed!, x.Info))
            .OrderBy(x => x.Item1)
            .ToList();
        _noVersion = Newest(CachedSchemaMatch.NewestNoVersion, null);
    }

    /// <summary>The cached Linux schema names, oldest first.</summary>
    public IReadOnlyList<string> Names => _ascending.Select(x => x.Info.Name).ToList();

    /// <summary>The choice for an event whose agent.version is <paramref name="agentVersion"/> (null: none).</summary>
    public CachedSchemaChoice Choose(string? agentVersion)
    {
        if (string.IsNullOrEmpty(agentVersion)) return _noVersion;
        return _choices.GetOrAdd(agentVersion!, Decide);
    }

    private CachedSchemaChoice Decide(string text)
    {
        if (!AgentVersion.TryParse(text, out var version)) return Newest(CachedSchemaMatch.NewestNotAVersion, text);
        for (int i = _ascending.Count - 1; i >= 0; i--)
        {
            int c = _ascending[i].Version.CompareTo(version);
            if (c <= 0) return Make(c == 0 ? CachedSchemaMatch.Exact : CachedSchemaMatch.Below, _ascending[i].Info, text);
        }
        return Newest(CachedSchemaMatch.NewestNoneBelow, text);
    }

    private CachedSchemaChoice Newest(CachedSchemaMatch match, string? agentVersion) =>
        _ascending.Count == 0 ? new CachedSchemaChoice(CachedSchemaMatch.NoneCached, null, agentVersion, null, null) : Make(match, _ascending[_ascending.Count - 1].Info, agentVersion);

    private CachedSchemaChoice Make(CachedSchemaMatch match, CachedSchemaInfo info, string? agentVersion)
    {
        var (schema, failure) = _compiled.GetOrAdd(info.Name, _ => new Lazy<(CompiledSchema?, string?)>(() => Compile(info))).Value;
        return schema == null
            ? new CachedSchemaChoice(CachedSchemaMatch.Unusable, info.Name, agentVersion, null, failure)
            : new CachedSchemaChoice(match, info.Name, agentVersion, schema, null);
    }

    private static (CompiledSchema?, string?) Compile(CachedSchemaInfo info)
    {
        try
        {
            var compiled = SchemaCompiler.CompileFile(info.Path);
            return (compiled, null);
        }
        catch (SchemaLoadException ex)
        {
            return (null, ex.Message);
        }
    }
}
