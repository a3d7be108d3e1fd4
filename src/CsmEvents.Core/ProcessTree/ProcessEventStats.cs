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
    public Dictionary<string, long>? ByType;
    public Dictionary<string, long>? ByRule;
    public DateTimeOffset? FirstSeen;
    public DateTimeOffset? LastSeen;
    public List<CsmEvent>? Events;

    public void Add(CsmEvent evt, bool keepEvent, Dictionary<string, string> names)
    {
        Count++;
        Increment(ref ByType, evt.EventType, names);
        Increment(ref ByRule, evt.RuleId, names);
        var when = evt.Timestamp;
        if (when.HasValue)
        {
            if (!FirstSeen.HasValue || when.Value < FirstSeen.Value) FirstSeen = when;
            if (!LastSeen.HasValue || when.Value > LastSeen.Value) LastSeen = when;
        }
        if (keepEvent) (Events ??= new List<CsmEvent>()).Add(evt);
    }

    /// <summary>Counts one more <paramref name="key"/>. Each event carries its own copy of the type and rule
    /// strings; a new key is stored as the one shared copy from <paramref name="names"/>, so that thousands of
    /// processes counting the same rules do not each keep their own copies.</summary>
    private static void Increment(ref Dictionary<string, long>? counts, string? key, Dictionary<string, string> names)
    {
        if (key == null) return;
        counts ??= new Dictionary<string, long>(StringComparer.Ordinal);
        if (counts.TryGetValue(key, out long n))
        {
            counts[key] = n + 1;
            return;
        }
        if (names.TryGetValue(key, out var shared)) key = shared;
        else names.Add(key, key);
        counts.Add(key, 1);
    }
}
