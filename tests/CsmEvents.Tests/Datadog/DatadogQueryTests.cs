using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

public class DatadogQueryTests
{
    [Theory]
    [InlineData(null, false, "source:runtime-security-agent")]
    [InlineData("  ", false, "source:runtime-security-agent")]
    [InlineData("@evt.name:exec", false, "source:runtime-security-agent (@evt.name:exec)")]
    [InlineData("host:a OR host:b", false, "source:runtime-security-agent (host:a OR host:b)")]
    [InlineData(" @agent.rule_id:xyz ", false, "source:runtime-security-agent (@agent.rule_id:xyz)")]
    [InlineData("source:runtime-security-agent", false, "source:runtime-security-agent")]
    [InlineData("source:runtime-security-agent @evt.name:exec", false, "source:runtime-security-agent @evt.name:exec")]
    [InlineData("source:runtime-security-agent host:a OR host:b", false, "source:runtime-security-agent (source:runtime-security-agent host:a OR host:b)")]
    [InlineData("source:runtime-security-agent-x", false, "source:runtime-security-agent (source:runtime-security-agent-x)")]
    [InlineData("NOT source:runtime-security-agent", false, "source:runtime-security-agent (NOT source:runtime-security-agent)")]
    [InlineData(null, true, "*")]
    [InlineData("", true, "*")]
    [InlineData("service:web", true, "service:web")]
    public void CombinesWithTheSourceFilter(string? query, bool allSources, string expected)
    {
        Assert.Equal(expected, DatadogQuery.Build(query, allSources));
        Assert.Equal(expected, new DatadogSearchOptions { Query = query, IncludeAllSources = allSources }.EffectiveQuery);
    }
}
