using System.Collections.Generic;
using System.Linq;
using CsmEvents.Tests.Datadog;

namespace CsmEvents.Tests.Cli;

/// <summary>What the CLI user sees of the Datadog safeguards: --site is one of Datadog's sites, redirects never
/// take the keys elsewhere, endless pagination stops with a warning.</summary>
public class DatadogOptionTests
{
    private static readonly Dictionary<string, string> Keys = new() { ["DD_API_KEY"] = "api-key-0123456789abcdef", ["DD_APP_KEY"] = "app-key-fedcba9876543210" };

    [Theory]
    [InlineData("get")]
    [InlineData("tree")]
    public void AnUnknownSiteIsAUsageErrorNamingTheKnownSites(string command)
    {
        var run = CliRun.Run(new[] { command, "--query", "x", "--site", "example.com" }, environment: Keys);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(new[]
        {
            $"csm-events {command}: The Datadog site 'example.com' (from --site) is not a Datadog site; use one of datadoghq.com, us3.datadoghq.com, " +
            "us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, uk1.datadoghq.com, ddog-gov.com, us2.ddog-gov.com, " +
            "or give the address of anything else (a proxy, a test server) as --api-url.",
        }, run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void TheSiteIsCheckedBeforeTheKeys()
    {
        var run = CliRun.Run(new[] { "get", "--query", "x", "--site", "datadoghq.co" });
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("csm-events get: The Datadog site 'datadoghq.co' (from --site) is not a Datadog site", Assert.Single(run.StderrLines));
    }

    [Fact]
    public void ARedirectToAnotherOriginSendsNothingThereAndSaysSo()
    {
        using var other = new LoopbackServer(ScriptedResponse.Ok(DatadogResponses.Page(new[] { "A1" }, null, "req-1")));
        string target = other.BaseUrl + "api/v2/logs/events/search";
        using var server = new LoopbackServer(ScriptedResponse.Error(302, "", new Dictionary<string, string> { ["Location"] = target }));
        var run = CliRun.Run(new[] { "get", "--query", "x", "--api-url", server.BaseUrl }, environment: Keys);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(new[]
        {
            $"Datadog answered HTTP 302 Found on POST {server.BaseUrl}api/v2/logs/events/search, page 1, a redirect to {target}, another origin than " +
            $"{server.BaseUrl.TrimEnd('/')}: not followed, so the API keys were not sent there. If that address is right, give it as ApiUrl.",
        }, run.StderrLines);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public void EmptyPagesWithoutEndStopWithAWarning()
    {
        var script = Enumerable.Range(1, 12).Select(i => ScriptedResponse.Ok(DatadogResponses.Page(new string[0], "c" + i, "req-" + i))).ToArray();
        using var server = new LoopbackServer(script);
        var run = CliRun.Run(new[] { "get", "--query", "x", "--api-url", server.BaseUrl }, environment: Keys);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[]
        {
            "warning: Datadog returned 10 pages in a row without events (pages 1 to 10), each announcing a further page: stopped there, after 0 events, " +
            "to avoid asking without end. Results may be incomplete: search again, with a narrower time range or query. (page 10, request id req-10)",
        }, run.StderrLines);
        Assert.Equal(10, server.Requests.Count);
    }
}
