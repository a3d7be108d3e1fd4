using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

/// <summary>
/// Keys never leave for another origin (redirects), never show in messages (redacted before excerpts are cut,
/// whatever their case), pagination cannot run without end, unknown sites and unresolvable hosts fail at once
/// (issue 12 items 15-17, issue 10 §2 item 12).
/// </summary>
public class DatadogSafetyTests
{
    private static ScriptedResponse Page(string[] ids, string? after, string requestId) =>
        ScriptedResponse.Ok(DatadogResponses.Page(ids, after, requestId));

    private static ScriptedResponse Redirect(int status, string location) =>
        ScriptedResponse.Error(status, "", new Dictionary<string, string> { ["Location"] = location });

    [Theory]
    [InlineData(301, "HTTP 301 Moved Permanently")]
    [InlineData(302, "HTTP 302 Found")]
    [InlineData(307, "HTTP 307 Temporary Redirect")]
    [InlineData(308, "HTTP 308 Permanent Redirect")]
    public void ARedirectToAnotherOriginIsNotFollowedAndTheOtherListenerGetsNothing(int status, string statusText)
    {
        using var other = new LoopbackServer(Page(new[] { "e1" }, null, "req-other"));
        string target = other.BaseUrl + "api/v2/logs/events/search";
        using var h = new ClientHarness(new LoopbackServer(Redirect(status, target)));
        var (pages, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Empty(pages);
        Assert.Equal(DatadogErrorKind.RedirectRefused, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(
            $"Datadog answered {statusText} on POST {h.SearchUrl}, page 1, a redirect to {target}, another origin than " +
            $"{h.Server.BaseUrl.TrimEnd('/')}: not followed, so the API keys were not sent there. If that address is right, give it as ApiUrl.",
            error.Message);
        Assert.Empty(other.Requests);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public void ARedirectWithinTheOriginIsFollowedWithTheSameRequest()
    {
        using var h = new ClientHarness(new LoopbackServer(
            Redirect(307, "/moved/api/v2/logs/events/search"),
            Page(new[] { "e1", "e2" }, null, "req-1")));
        var pages = h.Run(new DatadogSearchOptions { Query = "@evt.name:exec" });

        Assert.Equal(new[] { "e1", "e2" }, ClientHarness.Ids(pages));
        var requests = h.Server.Requests;
        Assert.Equal(new[] { "/api/v2/logs/events/search", "/moved/api/v2/logs/events/search" }, requests.Select(r => r.Path).ToArray());
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(ClientHarness.ApiKey, requests[1].Headers["DD-API-KEY"]);
        Assert.Contains($"HTTP 307 Temporary Redirect for page 1: the request goes again to {h.Server.BaseUrl}moved/api/v2/logs/events/search (same origin, redirect 1 of at most 5).",
            h.Diagnostics.VerboseLines);
    }

    [Fact]
    public void RedirectsWithinTheOriginStopAfterFive()
    {
        var script = Enumerable.Range(1, 7).Select(i => Redirect(302, "/hop" + i)).ToArray();
        using var h = new ClientHarness(new LoopbackServer(script));
        var (_, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Equal(DatadogErrorKind.RedirectRefused, error.Kind);
        Assert.Equal($"Datadog answered HTTP 302 Found on POST {h.SearchUrl}, page 1, a redirect to {h.Server.BaseUrl}hop6 after 5 redirects already followed: not followed (a redirect loop?).",
            error.Message);
        Assert.Equal(6, h.Server.Requests.Count);
    }

    /// <summary>An HTTPS "server" in memory: answers from a script and records requests (no network, no certificate).</summary>
    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _script;
        public List<(Uri Url, string? ApiKey)> Requests { get; } = new();

        public ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) => _script = new(script);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!, request.Headers.TryGetValues("DD-API-KEY", out var keys) ? keys.Single() : null));
            return Task.FromResult(_script.Dequeue()(request));
        }
    }

    private static DatadogLogsClient HttpsClient(HttpMessageHandler handler, RecordingDelay? delay = null) =>
        new(new DatadogCredentials(ClientHarness.ApiKey, ClientHarness.AppKey),
            new DatadogClientOptions { ApiUrl = "https://api.example.test/", Environment = _ => null, Delay = (delay ?? new RecordingDelay()).Delay },
            handler);

    [Fact]
    public void ARedirectFromHttpsToHttpIsRefusedEvenToTheSameHost()
    {
        var handler = new ScriptedHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.PermanentRedirect);
            response.Headers.Location = new Uri("http://api.example.test/api/v2/logs/events/search");
            return response;
        });
        using var client = HttpsClient(handler);
        var error = Assert.Throws<DatadogApiException>(() => client.Search(new DatadogSearchOptions()).ToList());

        Assert.Equal(DatadogErrorKind.RedirectRefused, error.Kind);
        Assert.Equal("Datadog answered HTTP 308 Permanent Redirect on POST https://api.example.test/api/v2/logs/events/search, page 1, " +
                     "a redirect from https to http://api.example.test/api/v2/logs/events/search: not followed, the API keys are never sent over plain http. " +
                     "If that address is right, give it as ApiUrl.", error.Message);
        Assert.Equal(new[] { "https://api.example.test/api/v2/logs/events/search" }, handler.Requests.Select(r => r.Url.ToString()).ToArray());
    }

    [Fact]
    public void AHandlerThatFollowsRedirectsItselfIsRefused()
    {
        using var handler = new HttpClientHandler();
        var error = Assert.Throws<DatadogConfigurationException>(() => HttpsClient(handler));
        Assert.Equal("The HTTP handler follows redirects (AllowAutoRedirect): it would send the Datadog keys to wherever a redirect points. Set AllowAutoRedirect to false.",
            error.Message);
    }

    [Fact]
    public void AKeyThatTheExcerptWouldCutIsRedactedWhole()
    {
        // The key starts 108 characters into the body: the 120-character excerpt ends inside it.
        string body = "<html>" + new string('x', 100) + " " + ClientHarness.ApiKey + " </html>";
        using var h = new ClientHarness(new LoopbackServer(ScriptedResponse.Error(401, body)));
        var (_, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Equal(
            $"Datadog refused the API key (HTTP 401 Unauthorized) on POST {h.SearchUrl}, page 1: the API key is missing or invalid. Check DD_API_KEY (or the API key passed) " +
            $"and that it belongs to this Datadog site (127.0.0.1). Datadog said: \"<html>{new string('x', 100)} [redacted] </...\"",
            error.Message);
        Assert.DoesNotContain("01234", error.Message);
    }

    [Fact]
    public void AKeyEchoedInAnotherCaseIsRedactedInErrorsWarningsAndExcerpts()
    {
        string upper = ClientHarness.ApiKey.ToUpperInvariant();
        string lowerApp = ClientHarness.AppKey.ToLowerInvariant();
        using var h = new ClientHarness(new LoopbackServer(
            ScriptedResponse.Ok(DatadogResponses.Page(new[] { "e1" }, "c1", "req-1", warningsJson: "[{\"code\":\"x\",\"title\":\"key " + upper + "\",\"detail\":\"" + lowerApp + "\"}]")),
            ScriptedResponse.Error(400, "{\"errors\":[\"bad key " + upper + "\"]}")));
        var (_, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Equal($"Datadog rejected the search (HTTP 400 Bad Request) on POST {h.SearchUrl}, page 2: bad key [redacted]", error.Message);
        var warning = Assert.Single(h.Diagnostics.Warnings);
        Assert.Equal("key [redacted]", warning.Title);
        Assert.Equal("[redacted]", warning.Detail);
        Assert.Equal("Datadog warning on page 1 (request id req-1): x: key [redacted]: [redacted]. Results may be partial.", warning.Message);

        using var h404 = new ClientHarness(new LoopbackServer(ScriptedResponse.Error(404, "<p>" + upper + "</p>")));
        var (_, notFound) = h404.RunExpectingFailure(new DatadogSearchOptions());
        Assert.Equal($"Datadog answered HTTP 404 Not Found on POST {h404.SearchUrl}, page 1: \"<p>[redacted]</p>\". Check the site or ApiUrl.", notFound.Message);
    }

    [Fact]
    public void AServerThatAlwaysAnnouncesAnotherPageIsAskedAtMostMaxPagesTimes()
    {
        var script = Enumerable.Range(1, 12).Select(i => Page(new[] { "e" + i }, "cursor-" + i, "req-" + i)).ToArray();
        using var h = new ClientHarness(new LoopbackServer(script));
        var pages = h.Run(new DatadogSearchOptions { MaxPages = 5 });

        Assert.Equal(new[] { "e1", "e2", "e3", "e4", "e5" }, ClientHarness.Ids(pages));
        Assert.Equal(5, h.Server.Requests.Count);
        var warning = Assert.Single(h.Diagnostics.Warnings);
        Assert.Equal("page-limit", warning.Code);
        Assert.Equal(5, warning.PageNumber);
        Assert.Equal("Stopped after 5 pages (5 events) although Datadog announced more: results are incomplete. " +
                     "Narrow the time range or query, or split the range into several searches. (page 5, request id req-5)", warning.Message);
    }

    [Fact]
    public void PagesWithoutEventsThatKeepAnnouncingMoreStopAfterTenInARow()
    {
        var script = new List<ScriptedResponse> { Page(new[] { "e1" }, "c0", "req-0") };
        script.AddRange(Enumerable.Range(1, 15).Select(i => Page(Array.Empty<string>(), "c" + i, "req-" + i)));
        using var h = new ClientHarness(new LoopbackServer(script.ToArray()));
        var pages = h.Run(new DatadogSearchOptions());

        Assert.Equal(new[] { "e1" }, ClientHarness.Ids(pages));
        Assert.Equal(11, h.Server.Requests.Count);
        var warning = Assert.Single(h.Diagnostics.Warnings);
        Assert.Equal("empty-pages", warning.Code);
        Assert.Equal("Datadog returned 10 pages in a row without events (pages 2 to 11), each announcing a further page: stopped there, after 1 events, " +
                     "to avoid asking without end. Results may be incomplete: search again, with a narrower time range or query. (page 11, request id req-10)",
            warning.Message);
    }

    [Fact]
    public void ACursorThatComesBackAfterOthersIsAnEndlessLoop()
    {
        using var h = new ClientHarness(new LoopbackServer(
            Page(new[] { "e1" }, "A", "req-1"),
            Page(new[] { "e2" }, "B", "req-2"),
            Page(new[] { "e3" }, "A", "req-3")));
        var (pages, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Equal(new[] { "e1", "e2", "e3" }, ClientHarness.Ids(pages));
        Assert.Equal(DatadogErrorKind.MalformedResponse, error.Kind);
        Assert.Equal($"Datadog returned the same cursor again for page 3 of POST {h.SearchUrl} (request id: req-3); stopping to avoid an endless loop.", error.Message);
    }

    [Fact]
    public void PageBoundsMustBePositive()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal("MaxPages must be at least 1; got 0.",
            Assert.Throws<DatadogConfigurationException>(() => new DatadogSearchOptions { MaxPages = 0 }.Validate(now)).Message);
        Assert.Equal("MaxEmptyPages must be at least 1; got 0.",
            Assert.Throws<DatadogConfigurationException>(() => new DatadogSearchOptions { MaxEmptyPages = 0 }.Validate(now)).Message);
    }

    private static Func<HttpRequestMessage, HttpResponseMessage> Fails(SocketError code) => _ =>
        throw new HttpRequestException("Name or service not known (api.example.test:443)", new SocketException((int)code));

    [Fact]
    public void AHostNameThatDoesNotResolveFailsAtOnce()
    {
        var handler = new ScriptedHandler(Fails(SocketError.HostNotFound), Fails(SocketError.HostNotFound));
        var delay = new RecordingDelay();
        using var client = HttpsClient(handler, delay);
        var error = Assert.Throws<DatadogApiException>(() => client.Search(new DatadogSearchOptions()).ToList());

        Assert.Equal(DatadogErrorKind.NetworkError, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Equal("Could not reach Datadog on POST https://api.example.test/api/v2/logs/events/search, page 1: the host name api.example.test does not resolve " +
                     "(Name or service not known (api.example.test:443)); not retried. Check the site (Site, DD_SITE) or ApiUrl.", error.Message);
        Assert.Single(handler.Requests);
        Assert.Empty(delay.Waits);
    }

    [Fact]
    public void ATemporaryResolverFailureIsRetried()
    {
        var handler = new ScriptedHandler(Fails(SocketError.TryAgain), _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(DatadogResponses.Page(new[] { "e1" }, null, "req-1")),
        });
        var delay = new RecordingDelay();
        using var client = HttpsClient(handler, delay);
        var pages = client.Search(new DatadogSearchOptions()).ToList();

        Assert.Equal(new[] { "e1" }, ClientHarness.Ids(pages));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Single(delay.Waits);
    }

    private const string KnownSites = "datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, " +
                                      "uk1.datadoghq.com, ddog-gov.com, us2.ddog-gov.com";

    [Theory]
    [InlineData("example.com")]
    [InlineData("datadoghq.co")]
    [InlineData("api.example.com")]
    public void AnUnknownSiteIsRefusedNamingTheKnownOnes(string site)
    {
        var error = Assert.Throws<DatadogConfigurationException>(() => DatadogEndpoint.Resolve(null, site, _ => null));
        Assert.Equal($"The Datadog site '{site}' (from Site option) is not a Datadog site; use one of {KnownSites}, " +
                     "or give the address of anything else (a proxy, a test server) as ApiUrl.", error.Message);
    }

    [Fact]
    public void AnUnknownDdSiteIsRefusedNamingTheVariable()
    {
        var error = Assert.Throws<DatadogConfigurationException>(() => DatadogEndpoint.Resolve(null, null, name => name == "DD_SITE" ? "example.com" : null));
        Assert.Equal($"The Datadog site 'example.com' (from DD_SITE) is not a Datadog site; use one of {KnownSites}, " +
                     "or give the address of anything else (a proxy, a test server) as ApiUrl.", error.Message);
    }

    [Theory]
    [InlineData("uk1.datadoghq.com", "https://api.uk1.datadoghq.com/")]
    [InlineData("us2.ddog-gov.com", "https://api.us2.ddog-gov.com/")]
    [InlineData("app.datadoghq.com", "https://api.datadoghq.com/")]
    public void EveryKnownSiteIsAccepted(string site, string baseUrl)
    {
        Assert.Equal(baseUrl, DatadogEndpoint.Resolve(null, site, _ => null).BaseUrl.ToString());
        foreach (string known in DatadogEndpoint.KnownSites) DatadogEndpoint.CheckSite(known, "test");
    }
}
