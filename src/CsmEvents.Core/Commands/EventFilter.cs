using System;
using System.Collections.Generic;
using CsmEvents.Model;
using CsmEvents.Text;

namespace CsmEvents.Commands;

/// <summary>
/// Which events to keep, applied while reading. Each criterion is optional; an event must satisfy all given ones.
/// Event types and rule ids take wildcards; categories and outcomes compare case-insensitively.
/// </summary>
public sealed class EventFilter
{
    private IReadOnlyList<string>? _eventTypes;
    private IReadOnlyList<string>? _ruleIds;
    private Wildcard[]? _eventTypePatterns;
    private Wildcard[]? _ruleIdPatterns;

    /// <summary>Event type names (<c>evt.name</c>), with wildcards.</summary>
    public IReadOnlyList<string>? EventTypes
    {
        get => _eventTypes;
        set { _eventTypes = value; _eventTypePatterns = Compile(value); }
    }

    public IReadOnlyList<string>? Categories { get; set; }
    public IReadOnlyList<string>? Outcomes { get; set; }

    /// <summary>Rule ids (<c>agent.rule_id</c>), with wildcards.</summary>
    public IReadOnlyList<string>? RuleIds
    {
        get => _ruleIds;
        set { _ruleIds = value; _ruleIdPatterns = Compile(value); }
    }

    /// <summary>Keep events at or after this time (event date, else the Datadog log timestamp).</summary>
    public DateTimeOffset? After { get; set; }

    /// <summary>Keep events before this time.</summary>
    public DateTimeOffset? Before { get; set; }

    public CsmPlatform? Platform { get; set; }

    public bool IsEmpty => EventTypes == null && Categories == null && Outcomes == null && RuleIds == null && After == null && Before == null && Platform == null;

    public bool Matches(CsmEvent evt)
    {
        if (_eventTypePatterns != null && !MatchesAny(_eventTypePatterns, evt.EventType)) return false;
        if (_ruleIdPatterns != null && !MatchesAny(_ruleIdPatterns, evt.RuleId)) return false;
        if (Categories != null && !EqualsAny(Categories, evt.Category)) return false;
        if (Outcomes != null && !EqualsAny(Outcomes, evt.Outcome)) return false;
        if (Platform != null && evt.Platform != Platform) return false;
        if (After != null || Before != null)
        {
            var when = evt.Timestamp;
            if (when == null) return false; // a time filter cannot keep an event without a time
            if (After != null && when < After) return false;
            if (Before != null && when >= Before) return false;
        }
        return true;
    }

    private static Wildcard[]? Compile(IReadOnlyList<string>? patterns)
    {
        if (patterns == null) return null;
        var compiled = new Wildcard[patterns.Count];
        for (int i = 0; i < compiled.Length; i++) compiled[i] = new Wildcard(patterns[i]);
        return compiled;
    }

    private static bool MatchesAny(Wildcard[] patterns, string? text)
    {
        if (text == null) return false;
        foreach (var pattern in patterns)
        {
            if (pattern.IsMatch(text)) return true;
        }
        return false;
    }

    private static bool EqualsAny(IReadOnlyList<string> values, string? text)
    {
        if (text == null) return false;
        foreach (string value in values)
        {
            if (string.Equals(value, text, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
