namespace CsmEvents.Datadog;

/// <summary>Builds the Datadog search query sent in <c>filter.query</c>.</summary>
public static class DatadogQuery
{
    /// <summary>The tag every CSM Threats (runtime security) event carries in the logs pipeline.</summary>
    public const string SourceFilter = "source:runtime-security-agent";

    /// <summary>
    /// Combines the user's query with the runtime-security source filter:
    /// <c>source:runtime-security-agent (&lt;query&gt;)</c>; an empty query gives just the filter, and a query that
    /// already starts with the filter (without OR) is sent as typed. With the filter off the query is sent as
    /// typed, or <c>*</c> (everything) when empty.
    /// </summary>
    /// <param name="userQuery">The user's Datadog query, or null.</param>
    /// <param name="includeAllSources">True to search every log source, not only the security agent.</param>
    public static string Build(string? userQuery, bool includeAllSources)
    {
        string query = userQuery?.Trim() ?? "";
        if (includeAllSources)
            return query.Length == 0 ? "*" : query;
        if (query.Length == 0 || StartsWithTheFilter(query)) return query.Length == 0 ? SourceFilter : query;
        // Parentheses keep a user's OR from escaping the source filter: "a OR b" must not match other sources.
        return SourceFilter + " (" + query + ")";
    }

    /// <summary>True when the query already begins with the source filter as a term of its own and has no OR that
    /// could let other sources in (<c>source:runtime-security-agent @evt.name:exec</c>, as README's scheduled job
    /// writes it): it is sent as typed, not with the filter twice.</summary>
    private static bool StartsWithTheFilter(string query) =>
        query.StartsWith(SourceFilter, System.StringComparison.Ordinal) &&
        (query.Length == SourceFilter.Length || char.IsWhiteSpace(query[SourceFilter.Length])) &&
        System.Text.RegularExpressions.Regex.Matches(query, @"\bOR\b").Count == 0;
}
