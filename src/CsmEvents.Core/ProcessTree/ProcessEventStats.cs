using System;
using System.Collections.Generic;
using CsmEvents.Model;

namespace CsmEvents.ProcessTree;

/// <summary>
/// What one process did: event counts by type and by rule, first and last event time, and (only when asked)
/// the events themselves. Without the events, the size depends on the number of distinct types and rules,
/// not on the number of events.
/// </summary>
internal sealed class ProcessEventStats
{
    public long Count;
    // Mutable structs held in fields (never copied): one object per process instead of three.
    public SmallCounter ByType;
    public SmallCounter ByRule;
    public DateTimeOffset? FirstSeen;
    public DateTimeOffset? LastSeen;
    public List<CsmEvent>? Events;

    public void Add(CsmEvent evt, bool keepEvent, NameTable names)
    {
        Count++;
        string? type = evt.EventType;
        if (type != null) ByType.Increment(names.IdOf(type));
        string? rule = evt.RuleId;
        if (rule != null) ByRule.Increment(names.IdOf(rule));
        var when = evt.Timestamp;
        if (when.HasValue)
        {
            if (!FirstSeen.HasValue || when.Value < FirstSeen.Value) FirstSeen = when;
            if (!LastSeen.HasValue || when.Value > LastSeen.Value) LastSeen = when;
        }
        if (keepEvent) (Events ??= new List<CsmEvent>()).Add(evt);
    }

    /// <summary>Adds the counts, times and events of <paramref name="other"/> (a process found to be this one).</summary>
    public void Absorb(ProcessEventStats other)
    {
        Count += other.Count;
        ByType.Absorb(ref other.ByType);
        ByRule.Absorb(ref other.ByRule);
        if (other.FirstSeen.HasValue && (!FirstSeen.HasValue || other.FirstSeen.Value < FirstSeen.Value)) FirstSeen = other.FirstSeen;
        if (other.LastSeen.HasValue && (!LastSeen.HasValue || other.LastSeen.Value > LastSeen.Value)) LastSeen = other.LastSeen;
        if (other.Events != null) (Events ??= new List<CsmEvent>()).AddRange(other.Events);
    }
}

/// <summary>
/// Event types and rule ids as small numbers. Every event carries its own copy of these strings; the table
/// keeps one, shared by all processes, and lets each process count in a few bytes per name.
/// </summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = new();

    public int IdOf(string name)
    {
        if (_ids.TryGetValue(name, out int id)) return id;
        id = _names.Count;
        _ids.Add(name, id);
        _names.Add(name);
        return id;
    }

    public string NameOf(int id) => _names[id];
}

/// <summary>
/// Counts per name id. A process sees few distinct event types and rules, so a short array scanned in order
/// is both smaller and faster to reach than a dictionary per process; past <see cref="ArrayLimit"/> names
/// (crafted input) it switches to a dictionary so that counting stays constant-time. A struct, kept in a field
/// of <see cref="ProcessEventStats"/> and changed in place.
/// </summary>
internal struct SmallCounter
{
    private static readonly IReadOnlyDictionary<string, long> NoCounts = new SortedDictionary<string, long>(StringComparer.Ordinal);

    private const int ArrayLimit = 32;

    private int[]? _ids;
    private long[]? _counts;
    private int _used;
    private Dictionary<int, long>? _many;

    public void Increment(int id) => Add(id, 1);

    /// <summary>Adds every count of <paramref name="other"/>.</summary>
    public void Absorb(ref SmallCounter other)
    {
        if (other._many != null)
        {
            foreach (var pair in other._many) Add(pair.Key, pair.Value);
            return;
        }
        for (int i = 0; i < other._used; i++) Add(other._ids![i], other._counts![i]);
    }

    private void Add(int id, long amount)
    {
        if (_many != null)
        {
            _many.TryGetValue(id, out long n);
            _many[id] = n + amount;
            return;
        }
        var ids = _ids;
        for (int i = 0; i < _used; i++)
        {
            if (ids![i] == id)
            {
                _counts![i] += amount;
                return;
            }
        }
        if (ids == null || _used == ids.Length)
        {
            if (_used == ArrayLimit)
            {
                _many = new Dictionary<int, long>(ArrayLimit * 2);
                for (int i = 0; i < _used; i++) _many.Add(_ids![i], _counts![i]);
                _many.Add(id, amount);
                _ids = null;
                _counts = null;
                return;
            }
            int size = ids == null ? 2 : ids.Length * 2;
            Array.Resize(ref _ids, size);
            Array.Resize(ref _counts, size);
        }
        _ids![_used] = id;
        _counts![_used] = amount;
        _used++;
    }

    /// <summary>The counts by name, in ordinal order of the names.</summary>
    public readonly IReadOnlyDictionary<string, long> ToDictionary(NameTable names)
    {
        if (_used == 0 && _many == null) return NoCounts;
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (_many != null)
        {
            foreach (var pair in _many) result.Add(names.NameOf(pair.Key), pair.Value);
        }
        else
        {
            for (int i = 0; i < _used; i++) result.Add(names.NameOf(_ids![i]), _counts![i]);
        }
        return result;
    }
}
