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

    public void Add(CsmEvent evt, bool keepEvent)
    {
        Count++;
        Increment(ref ByType, evt.EventType);
        Increment(ref ByRule, evt.RuleId);
        var when = evt.Timestamp;
        if (when.HasValue)
        {
            if (!FirstSeen.HasValue || when.Value < FirstSeen.Value) FirstSeen = when;
            if (!LastSeen.HasValue || when.Value > LastSeen.Value) LastSeen = when;
        }
        if (keepEvent) (Events ??= new List<CsmEvent>()).Add(evt);
    }

    private static void Increment(ref Dictionary<string, long>? counts, string? key)
    {
        if (key == null) return;
        counts ??= new Dictionary<string, long>(StringComparer.Ordinal);
        counts.TryGetValue(key, out long n);
        counts[key] = n + 1;
    }
}
