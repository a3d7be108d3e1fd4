namespace CsmEvents.Datadog;

/// <summary>Builds the Datadog search query sent in <c>filter.query</c>.</summary>
public static class DatadogQuery
{
    /// <summary>The tag every CSM Threats (runtime security) event carries in the logs pipeline.</summary>
    public const string SourceFilter = "source:runtime-security-agent";

    /// <summary>
    /// Combines the user's query with the runtime-security source filter:
    /// <c>source:runtime-security-agent (&lt;query&gt;)</c>; an empty query gives just the filter. With the filter
    /// off the query is sent as typed, or <c>*</c> (everything) when empty.
    /// </summary>
    /// <param name="userQuery">The user's Datadog query, or null.</param>
    /// <param name="includeAllSources">True to search every log source, not only the security agent.</param>
    public static string Build(string? userQuery, bool includeAllSources)
    {
        string query = userQuery?.Trim() ?? "";
        if (includeAllSources)
            return query.Length == 0 ? "*" : query;
        // Parentheses keep a user's OR from escaping the source filter: "a OR b" must not match other sources.
        return query.Length == 0 ? SourceFilter : SourceFilter + " (" + query + ")";
    }
}
