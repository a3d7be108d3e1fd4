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

    private readonly Dictionary<GroupKey, Group> _groups = new();
    private readonly Dictionary<string, long> _eventsPerSchema = new(StringComparer.Ordinal);
    private long _event;

    /// <summary>Input-level failures seen (missing files, corrupt gzip streams); record errors are groups.</summary>
    public long InputErrors { get; private set; }

    /// <summary>Unreadable records seen.</summary>
    public long UnreadableRecords { get; private set; }

    /// <summary>Adds one event's verdict.</summary>
    public void Add(CsmValidationResult result)
    {
        _event++;
        var (schema, schemaVersion) = SchemaOf(result.Schema);
        if (result.Schema != null)
        {
            _eventsPerSchema.TryGetValue(schema, out long count);
            _eventsPerSchema[schema] = count + 1;
        }
        if (result.IsValid) return;
        foreach (var error in result.Errors)
        {
            var key = new GroupKey(schema, error.Keyword, DriftPath.Of(error.InstancePath, error.Property));
            // A missing member has no value to show (the error's value is the whole object that lacks it).
            string? example = error.Keyword == "required" ? null : error.Value;
            Count(key, result.Source, result.AgentVersion, schemaVersion, example, error.Message);
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
        Count(new GroupKey(Unreadable, error.ErrorId, ""), error.Source, null, null, null, error.Reason);
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
    public IReadOnlyList<KeyValuePair<string, long>> EventsPerSchema => _eventsPerSchema.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();

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

    private void Count(GroupKey key, EventSource source, string? agentVersion, string? schemaVersion, string? value, string message)
    {
        if (!_groups.TryGetValue(key, out var group))
        {
            if (_groups.Count >= MaxGroups)
            {
                key = new GroupKey(Overflow, "*", "*");
                if (!_groups.TryGetValue(key, out group)) _groups[key] = group = new Group(key, Where(source), value, "more than " + MaxGroups + " kinds of problems; the rest are counted here");
            }
            else _groups[key] = group = new Group(key, Where(source), value, message);
        }
        if (group.LastEvent == _event) return;
        group.LastEvent = _event;
        group.Events++;
        group.LastSource = source;
        group.AgentVersions.Add(string.IsNullOrEmpty(agentVersion) ? NoVersion : agentVersion!);
        if (schemaVersion != null) group.SchemaVersions.Add(schemaVersion);
    }

    /// <summary><c>PATH:LINE</c>, or <c>log ID</c> for an event that came in a Datadog log.</summary>
    private static string Where(EventSource source) => source.Envelope?.Id is string id ? "log " + id : source.ToString();

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
