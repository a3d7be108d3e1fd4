using System;
using System.Collections.Generic;
using System.Linq;

namespace CsmEvents.Datadog;

/// <summary>
/// What to search for: the query, the time range, paging and limits. Both hosts fill one of these from their
/// parameters; <see cref="Validate"/> gives the error users see for values out of range.
/// </summary>
public sealed class DatadogSearchOptions
{
    /// <summary>The largest page Datadog serves.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The user's Datadog query (e.g. <c>@agent.rule_id:my_rule host:web-1</c>); empty means all events.</summary>
    public string? Query { get; set; }

    /// <summary>Search every log source instead of only <c>source:runtime-security-agent</c>.</summary>
    public bool IncludeAllSources { get; set; }

    /// <summary>Start of the time range; default <c>now-15m</c>.</summary>
    public DatadogTime From { get; set; } = DatadogTime.Parse("now-15m");

    /// <summary>End of the time range; default <c>now</c>.</summary>
    public DatadogTime To { get; set; } = DatadogTime.Now;

    /// <summary>Events per request, 1 to 1000; default 1000 (fewest requests against the rate limit).</summary>
    public int PageSize { get; set; } = MaxPageSize;

    /// <summary>Stop after this many events (no further request is made); null for no limit.</summary>
    public long? MaxEvents { get; set; }

    /// <summary>Stop after this many pages, with a warning that results are incomplete: a server that always
    /// announces a further page must not be asked without end. Default 10,000 (10 million events at 1000 a page).</summary>
    public int MaxPages { get; set; } = 10_000;

    /// <summary>Stop, with a warning, after this many pages in a row without events that each announce a further
    /// page. Default 10.</summary>
    public int MaxEmptyPages { get; set; } = 10;

    /// <summary>Log indexes to search; default <c>*</c> (all).</summary>
    public IList<string> Indexes { get; set; } = new List<string> { "*" };

    /// <summary>The query actually sent, after combining with the source filter.</summary>
    public string EffectiveQuery => DatadogQuery.Build(Query, IncludeAllSources);

    /// <summary>Checks every value and throws one error naming the first wrong one.</summary>
    /// <param name="now">The current time, used to compare relative and absolute bounds.</param>
    /// <exception cref="DatadogConfigurationException">A value is out of range.</exception>
    public void Validate(DateTimeOffset now)
    {
        if (PageSize < 1 || PageSize > MaxPageSize)
            throw new DatadogConfigurationException($"PageSize must be between 1 and {MaxPageSize}; got {PageSize}.");
        if (MaxEvents is long max && max < 1)
            throw new DatadogConfigurationException($"MaxEvents must be at least 1 (or not set for no limit); got {max}.");
        if (MaxPages < 1)
            throw new DatadogConfigurationException($"MaxPages must be at least 1; got {MaxPages}.");
        if (MaxEmptyPages < 1)
            throw new DatadogConfigurationException($"MaxEmptyPages must be at least 1; got {MaxEmptyPages}.");
        if (From is null) throw new DatadogConfigurationException("From must be set (for example now-15m).");
        if (To is null) throw new DatadogConfigurationException("To must be set (for example now).");
        if (From.ResolveAt(now) > To.ResolveAt(now))
            throw new DatadogConfigurationException($"From ({From}) is later than To ({To}); nothing can match.");
        if (Indexes is null || Indexes.Count == 0 || Indexes.Any(string.IsNullOrWhiteSpace))
            throw new DatadogConfigurationException("Indexes must name at least one log index (use * for all), with no empty names.");
    }

    internal IReadOnlyList<string> IndexList => Indexes.Select(i => i.Trim()).ToArray();
}
