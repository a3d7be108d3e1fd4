using System;
using System.Collections.Generic;
using System.Linq;
using CsmEvents.Model;
using CsmEvents.Reading;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Drift;

/// <summary>
/// Gathers the verdicts of a validation run into drift groups (schema, keyword, instance path with array indexes as
/// <c>*</c>), counting each event once per group. Holds one small record per group and nothing per event, so a run of
/// millions of events needs the memory of its groups only; beyond <see cref="MaxGroups"/> groups, further kinds of
/// problems share one overflow group. Called in input order from one thread.
/// </summary>
public sealed class DriftCollector
{
    /// <summary>The most groups kept; a crafted input with a new member name in every event cannot exhaust memory.</summary>
    public const int MaxGroups = 10_000;

    /// <summary>The most agent versions listed per group (then "(more)").</summary>
    public const int MaxVersionsPerGroup = 32;

    public const string NoSchema = "(none)";
    public const string Unreadable = "(unreadable)";
    public const string Overflow = "(more groups)";
    public const string NoVersion = "(none)";
    public const string MoreVersions = "(more)";

    // Errors are first looked up by their raw key (keyword, instance path, member) per schema, so that an error seen
    // before costs one lookup and no new strings; only new raw keys are collapsed into their group path.
    private const int MaxRawKeysPerSchema = 20_000;

    private readonly Dictionary<GroupKey, Group> _groups = new();
    private readonly Dictionary<string, SchemaState> _schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _versions = new(StringComparer.Ordinal);
    private string? _lastSchemaText;
    private SchemaState? _lastSchema;
    private long _event;

    /// <summary>Input-level failures seen (missing files, corrupt gzip streams); record errors are groups.</summary>
    public long InputErrors { get; private set; }

    /// <summary>Unreadable records seen.</summary>
    public long UnreadableRecords { get; private set; }

    /// <summary>Adds one event's verdict.</summary>
    public void Add(CsmValidationResult result)
    {
        _event++;
        var state = StateOf(result.Schema);
        if (result.Schema != null) state.Events++;
        if (result.IsValid) return;
        string agentVersion = Canonical(result.AgentVersion);
        foreach (var error in result.Errors)
        {
            var raw = new RawKey(error.Keyword, error.InstancePath, error.Property);
            if (!state.RawKeys.TryGetValue(raw, out var group))
            {
                // A missing member has no value to show (the error's value is the whole object that lacks it).
                string? example = error.Keyword == "required" ? null : error.Value;
                group = Find(new GroupKey(state.Name, error.Keyword, DriftPath.Of(error.InstancePath, error.Property)), result.Source, example, error.Message);
                if (state.RawKeys.Count < MaxRawKeysPerSchema && group.Key.Schema != Overflow) state.RawKeys[raw] = group;
            }
            Touch(group, result.Source, agentVersion, state.Version);
        }
    }

    /// <summary>Adds a reading error: an unreadable record is a group of its own (by error id); a failed input is
    /// counted apart (a baseline never accepts it).</summary>
    public void AddError(ReadError error)
    {
        if (IsInputFailure(error.ErrorId))
        {
            InputErrors++;
            return;
        }
        _event++;
        UnreadableRecords++;
        Touch(Find(new GroupKey(Unreadable, error.ErrorId, ""), error.Source, null, error.Reason), error.Source, NoVersion, null);
    }

    /// <summary>Counts a failure that did not come through a record (a Datadog search that failed).</summary>
    public void AddInputFailure() => InputErrors++;

    /// <summary>The groups, largest first; <paramref name="known"/> tells which ones the baseline accepts.</summary>
    public IReadOnlyList<CsmDriftGroup> Groups(long eventsRead, Func<string, string, string, bool> known) =>
        _groups.Values
            .OrderByDescending(g => g.Events)
            .ThenBy(g => g.Key.Schema, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Keyword, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Path, StringComparer.Ordinal)
            .Select(g => g.ToGroup(eventsRead, known(g.Key.Schema, g.Key.Keyword, g.Key.Path)))
            .ToList();

    /// <summary>Events validated per schema, by name.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> EventsPerSchema => _schemas.Values
        .Where(s => s.Events > 0).GroupBy(s => s.Name, StringComparer.Ordinal)
        .Select(g => new KeyValuePair<string, long>(g.Key, g.Sum(s => s.Events)))
        .OrderBy(p => p.Key, StringComparer.Ordinal).ToList();

    /// <summary>The group name of a result's schema and the cached schema's version: <c>backend_linux@7.64.3</c> →
    /// (backend_linux, 7.64.3); a file path → its file name; null → <see cref="NoSchema"/>.</summary>
    public static (string Schema, string? Version) SchemaOf(string? schema)
    {
        if (schema == null) return (NoSchema, null);
        int folder = schema.LastIndexOfAny(new[] { '/', '\\' });
        if (folder >= 0) return (schema.Substring(folder + 1), null);
        int at = schema.IndexOf('@');
        return at > 0 ? (schema.Substring(0, at), schema.Substring(at + 1)) : (schema, null);
    }

    private static bool IsInputFailure(string errorId) =>
        errorId == ReadErrorIds.FileNotFound || errorId == ReadErrorIds.FileReadError || errorId == ReadErrorIds.CorruptCompressedStream;

    /// <summary>The state of a result's schema; the same schema name comes with every event, so the last one is kept.</summary>
    private SchemaState StateOf(string? schema)
    {
        if (_lastSchema != null && ReferenceEquals(schema, _lastSchemaText)) return _lastSchema;
        string text = schema ?? NoSchema;
        if (!_schemas.TryGetValue(text, out var state))
        {
            var (name, version) = SchemaOf(schema);
            _schemas[text] = state = new SchemaState(name, version);
        }
        _lastSchemaText = schema;
        _lastSchema = state;
        return state;
    }

    /// <summary>The group of a key, created with the first event's source, example and message; beyond
    /// <see cref="MaxGroups"/> groups, the overflow group.</summary>
    private Group Find(GroupKey key, EventSource source, string? example, string message)
    {
        if (_groups.TryGetValue(key, out var group)) return group;
        if (_groups.Count >= MaxGroups)
        {
            key = new GroupKey(Overflow, "*", "*");
            if (!_groups.TryGetValue(key, out group)) _groups[key] = group = new Group(key, Where(source), example, "more than " + MaxGroups + " kinds of problems; the rest are counted here");
            return group;
        }
        _groups[key] = group = new Group(key, Where(source), example, message);
        return group;
    }

    /// <summary>Counts the current event in the group, once however many of its errors fall in it. Versions are
    /// canonical instances, so a group whose last event had the same ones skips its sets.</summary>
    private void Touch(Group group, EventSource source, string agentVersion, string? schemaVersion)
    {
        if (group.LastEvent == _event) return;
        group.LastEvent = _event;
        group.Events++;
        group.LastSource = source;
        if (!ReferenceEquals(agentVersion, group.LastAgentVersion))
        {
            group.AgentVersions.Add(agentVersion);
            group.LastAgentVersion = agentVersion;
        }
        if (schemaVersion != null && !ReferenceEquals(schemaVersion, group.LastSchemaVersion))
        {
            group.SchemaVersions.Add(schemaVersion);
            group.LastSchemaVersion = schemaVersion;
        }
    }

    /// <summary>One string instance per agent version text (a few per run; each event brings a new copy).</summary>
    private string Canonical(string? agentVersion)
    {
        if (string.IsNullOrEmpty(agentVersion)) return NoVersion;
        if (_versions.TryGetValue(agentVersion!, out string? canonical)) return canonical;
        if (_versions.Count < MaxRawKeysPerSchema) _versions[agentVersion!] = agentVersion!;
        return agentVersion!;
    }

    /// <summary><c>PATH:LINE</c>, or <c>log ID</c> for an event that came in a Datadog log.</summary>
    private static string Where(EventSource source) => source.Envelope?.Id is string id ? "log " + id : source.Location;

    private sealed class SchemaState
    {
        public SchemaState(string name, string? version)
        {
            Name = name;
            Version = version;
        }

        public string Name { get; }
        public string? Version { get; }
        public long Events;
        public readonly Dictionary<RawKey, Group> RawKeys = new();
    }

    private readonly struct RawKey : IEquatable<RawKey>
    {
        public RawKey(string keyword, string instancePath, string? property)
        {
            Keyword = keyword;
            InstancePath = instancePath;
            Property = property;
        }

        public string Keyword { get; }
        public string InstancePath { get; }
        public string? Property { get; }

        public bool Equals(RawKey other) => InstancePath == other.InstancePath && Property == other.Property && Keyword == other.Keyword;
        public override bool Equals(object? obj) => obj is RawKey other && Equals(other);
        public override int GetHashCode() => (StringComparer.Ordinal.GetHashCode(InstancePath) * 397 ^ (Property == null ? 0 : StringComparer.Ordinal.GetHashCode(Property))) * 397 ^ Keyword.Length;
    }

    private readonly struct GroupKey : IEquatable<GroupKey>
    {
        public GroupKey(string schema, string keyword, string path)
        {
            Schema = schema;
            Keyword = keyword;
            Path = path;
        }

        public string Schema { get; }
        public string Keyword { get; }
        public string Path { get; }

        public bool Equals(GroupKey other) => Schema == other.Schema && Keyword == other.Keyword && Path == other.Path;
        public override bool Equals(object? obj) => obj is GroupKey other && Equals(other);
        public override int GetHashCode() => (StringComparer.Ordinal.GetHashCode(Schema) * 397 ^ StringComparer.Ordinal.GetHashCode(Keyword)) * 397 ^ StringComparer.Ordinal.GetHashCode(Path);
    }

    private sealed class Group
    {
        public Group(GroupKey key, string firstSource, string? example, string message)
        {
            Key = key;
            FirstSource = firstSource;
            Example = example;
            Message = message;
        }

        public GroupKey Key { get; }
        public string FirstSource { get; }
        public string? Example { get; }
        public string Message { get; }
        public long Events;
        public long LastEvent;
        public EventSource? LastSource;
        public string? LastAgentVersion;
        public string? LastSchemaVersion;
        public readonly BoundedSet AgentVersions = new();
        public readonly BoundedSet SchemaVersions = new();

        public CsmDriftGroup ToGroup(long eventsRead, bool known) => new(Key.Schema, Key.Keyword, Key.Path, Events,
            eventsRead == 0 ? 0 : (double)Events / eventsRead, known, AgentVersions.Sorted(), SchemaVersions.Sorted(),
            FirstSource, Where(LastSource!), Example, Message);
    }

    /// <summary>A set of version texts that stops growing at <see cref="MaxVersionsPerGroup"/> and counts the rest.</summary>
    private sealed class BoundedSet
    {
        private readonly HashSet<string> _items = new(StringComparer.Ordinal);
        private bool _more;

        public void Add(string item)
        {
            if (_items.Count < MaxVersionsPerGroup || _items.Contains(item)) _items.Add(item);
            else _more = true;
        }

        /// <summary>Versions oldest first (other texts after them, by name), then "(more)" when some were left out.</summary>
        public IReadOnlyList<string> Sorted()
        {
            var sorted = _items.OrderBy(i => i, VersionOrder.Instance).ToList();
            if (_more) sorted.Add(MoreVersions);
            return sorted;
        }
    }

    private sealed class VersionOrder : IComparer<string>
    {
        public static readonly VersionOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            bool a = AgentVersion.TryParse(x, out var vx), b = AgentVersion.TryParse(y, out var vy);
            if (a && b)
            {
                int c = vx!.CompareTo(vy);
                return c != 0 ? c : string.CompareOrdinal(x, y);
            }
            return a ? -1 : b ? 1 : string.CompareOrdinal(x, y);
        }
    }
}
