using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

public class DatadogLogsClientResilienceTests
{
    private static ScriptedResponse Page(string[] ids, string? after, string requestId) =>
        ScriptedResponse.Ok(DatadogResponses.Page(ids, after, requestId));

    private static ScriptedResponse RateLimited(Dictionary<string, string> headers) =>
        ScriptedResponse.Error(429, "{\"errors\":[\"Too many requests\"]}", headers);

    [Fact]
    public void RateLimitWaitsAsXRateLimitResetSaysThenGoesOn()
    {
        var limitHeaders = new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "300", ["X-RateLimit-Period"] = "3600", ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = "7", ["X-RateLimit-Name"] = "logs_list",
        };
        using var h = new ClientHarness(new LoopbackServer(
            Page(new[] { "e1" }, "c1", "req-1"),
            RateLimited(limitHeaders),
            Page(new[] { "e2" }, null, "req-2")));

        List<DatadogPage> pages = h.Run(new DatadogSearchOptions());

        Assert.Equal(new[] { "e1", "e2" }, ClientHarness.Ids(pages));
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, h.Delay.Waits);
        Assert.Equal(3, h.Server.Requests.Count);
        // The retried request is the same request: same cursor, same body.
        Assert.Equal(h.Server.Requests[1].Body, h.Server.Requests[2].Body);
        Assert.Contains("HTTP 429 Too Many Requests for page 2: waiting 7 s (X-RateLimit-Reset: 7), rate-limit wait 1 of 5.", h.Diagnostics.VerboseLines);
        Assert.Contains($"POST {h.SearchUrl} (page 2, attempt 2): " + h.Server.Requests[2].Body, h.Diagnostics.VerboseLines);
    }

    public static IEnumerable<object[]> RateLimitHeaderCases() => new[]
    {
        new object[] { new Dictionary<string, string> { ["Retry-After"] = "3" }, 3.0, "Retry-After: 3" },
        // Clock of the harness is 2024-05-01T12:00:00Z.
        new object[] { new Dictionary<string, string> { ["Retry-After"] = "Wed, 01 May 2024 12:00:05 GMT" }, 5.0, "Retry-After: Wed, 01 May 2024 12:00:05 GMT" },
        new object[] { new Dictionary<string, string> { ["X-RateLimit-Reset"] = "300" }, 60.0, "X-RateLimit-Reset: 300" },
        new object[] { new Dictionary<string, string> { ["X-RateLimit-Reset"] = "0" }, 1.0, "X-RateLimit-Reset: 0" },
        new object[] { new Dictionary<string, string> { ["X-RateLimit-Reset"] = "4", ["Retry-After"] = "9" }, 4.0, "X-RateLimit-Reset: 4" },
        new object[] { new Dictionary<string, string> { ["X-RateLimit-Period"] = "20" }, 20.0, "X-RateLimit-Period: 20" },
        new object[] { new Dictionary<string, string> { ["X-RateLimit-Reset"] = "soon" }, 10.0, "no rate-limit header" },
        new object[] { new Dictionary<string, string>(), 10.0, "no rate-limit header" },
    };

    [Theory]
    [MemberData(nameof(RateLimitHeaderCases))]
    public void RateLimitWaitComesFromTheHeadersAndIsBounded(Dictionary<string, string> headers, double seconds, string source)
    {
        using var h = new ClientHarness(new LoopbackServer(RateLimited(headers), Page(new[] { "e1" }, null, "req-1")));
        List<DatadogPage> pages = h.Run(new DatadogSearchOptions());
        Assert.Equal(new[] { "e1" }, ClientHarness.Ids(pages));
        Assert.Equal(new[] { TimeSpan.FromSeconds(seconds) }, h.Delay.Waits);
        Assert.Contains($"HTTP 429 Too Many Requests for page 1: waiting {seconds} s ({source}), rate-limit wait 1 of 5.", h.Diagnostics.VerboseLines);
    }

    [Fact]
    public void PersistentRateLimitGivesUpAfterTheAllowedWaits()
    {
        var headers = new Dictionary<string, string> { ["X-RateLimit-Reset"] = "2" };
        using var h = new ClientHarness(
            new LoopbackServer(Enumerable.Range(0, 4).Select(_ => RateLimited(headers)).ToArray()),
            o => o.Retry.MaxRateLimitRetries = 3);

        var (pages, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Empty(pages);
        Assert.Equal(DatadogErrorKind.RateLimited, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(4, error.Attempts);
        Assert.Equal(
            $"Datadog kept rate-limiting the search (HTTP 429 Too Many Requests) on POST {h.SearchUrl}, page 1: gave up after 3 waits. Try again later, or narrow the query or time range.",
            error.Message);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(2), 3), h.Delay.Waits);
        Assert.Equal(4, h.Server.Requests.Count);
    }

    [Fact]
    public void ServerErrorIsRetriedAfterABackoff()
    {
        using var h = new ClientHarness(new LoopbackServer(
            ScriptedResponse.Error(500, "{\"errors\":[\"Internal Server Error\"]}"),
            Page(new[] { "e1", "e2" }, null, "req-1")));

        List<DatadogPage> pages = h.Run(new DatadogSearchOptions());

        Assert.Equal(new[] { "e1", "e2" }, ClientHarness.Ids(pages));
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, h.Delay.Waits);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Contains("HTTP 500 Internal Server Error for page 1 (attempt 1): retrying in 1 s (retry 1 of 3).", h.Diagnostics.VerboseLines);
    }

    [Fact]
    public void PersistentServiceUnavailableFailsAfterFourAttemptsWithExponentialBackoff()
    {
        using var h = new ClientHarness(new LoopbackServer(
            Enumerable.Range(0, 5).Select(_ => ScriptedResponse.Error(503, "{\"errors\":[\"Service Unavailable\"]}")).ToArray()));

        var (pages, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Empty(pages);
        Assert.Equal(DatadogErrorKind.ServerError, error.Kind);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(4, error.Attempts);
        Assert.Equal(1, error.PageNumber);
        Assert.Equal("POST " + h.SearchUrl, error.Request);
        Assert.Equal(
            $"Datadog kept failing (HTTP 503 Service Unavailable) on POST {h.SearchUrl}, page 1, after 4 attempts. Datadog said: Service Unavailable",
            error.Message);
        Assert.Equal(new[] { 1.0, 2.0, 4.0 }, h.Delay.Waits.Select(w => w.TotalSeconds));
        Assert.Equal(4, h.Server.Requests.Count);
    }

    [Fact]
    public void TimeoutsAreRetriedThenReportedWithTheTimeoutAndRequest()
    {
        ScriptedResponse slow = new() { Body = DatadogResponses.Page(new[] { "e1" }, null, "req-1"), Delay = TimeSpan.FromSeconds(20) };
        using var h = new ClientHarness(new LoopbackServer(slow, slow),
            o => { o.RequestTimeout = TimeSpan.FromMilliseconds(200); o.Retry.MaxAttempts = 2; });

        var (pages, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Empty(pages);
        Assert.Equal(DatadogErrorKind.Timeout, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.Equal(
            $"Datadog did not answer within 0.2 s on POST {h.SearchUrl}, page 1, after 2 attempts. Narrow the query or time range, or allow a longer request timeout.",
            error.Message);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, h.Delay.Waits);
        Assert.Contains("No answer within 0.2 s for page 1 (attempt 1): retrying in 1 s (retry 1 of 1).", h.Diagnostics.VerboseLines);
    }

    [Fact]
    public void RefusedConnectionIsRetriedThenReported()
    {
        int port = LoopbackServer.UnusedPort();
        var delay = new RecordingDelay();
        var options = new DatadogClientOptions { ApiUrl = $"http://127.0.0.1:{port}", Delay = delay.Delay, Environment = _ => null };
        using var client = new DatadogLogsClient(new DatadogCredentials(ClientHarness.ApiKey, ClientHarness.AppKey), options);

        var error = Assert.Throws<DatadogApiException>(() => client.Search(new DatadogSearchOptions()).ToList());

        Assert.Equal(DatadogErrorKind.NetworkError, error.Kind);
        Assert.StartsWith($"Could not reach Datadog on POST http://127.0.0.1:{port}/api/v2/logs/events/search, page 1, after 4 attempts: ", error.Message);
        Assert.Equal(new[] { 1.0, 2.0, 4.0 }, delay.Waits.Select(w => w.TotalSeconds));
        Assert.DoesNotContain("SECRET", error.ToString());
    }

    [Fact]
    public async Task CancellingDuringASlowPageReturnsAtOnce()
    {
        ScriptedResponse slow = new() { Body = DatadogResponses.Page(new[] { "e2" }, null, "req-2"), Delay = TimeSpan.FromSeconds(30) };
        using var h = new ClientHarness(new LoopbackServer(Page(new[] { "e1" }, "c1", "req-1"), slow));
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();
        var clock = new Stopwatch();
        // Cancel once the server holds the second request, i.e. while the client waits for the slow page.
        Task canceller = Task.Run(async () =>
        {
            while (h.Server.Requests.Count < 2) await Task.Delay(10);
            await Task.Delay(100);
            clock.Start();
            cts.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (DatadogPage page in h.Client.Search(new DatadogSearchOptions(), h.Diagnostics, cts.Token))
                seen.AddRange(DatadogResponses.TakenIds(page));
        });
        clock.Stop();
        await canceller;

        Assert.Equal(new[] { "e1" }, seen);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed} after cancelling; the page takes 30 s");
        Assert.Empty(h.Delay.Waits); // a cancellation is not a timeout: no retry
    }

    [Fact]
    public void CancellingDuringABackoffReturnsAtOnceEvenIfTheDelayIgnoresTheToken()
    {
        using var cts = new CancellationTokenSource();
        var clock = new Stopwatch();
        // The delay ignores the token: if cancellation relied on it, this would take 20 s and fail.
        using var h = new ClientHarness(
            new LoopbackServer(ScriptedResponse.Error(503, "{\"errors\":[\"Service Unavailable\"]}")),
            o => o.Delay = (_, _) =>
            {
                clock.Start();
                cts.CancelAfter(TimeSpan.FromMilliseconds(100));
                return Task.Delay(TimeSpan.FromSeconds(20));
            });

        Assert.ThrowsAny<OperationCanceledException>(() => h.Client.Search(new DatadogSearchOptions(), h.Diagnostics, cts.Token).ToList());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed} in the backoff");
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public void CancellingDuringARealRateLimitWaitReturnsAtOnce()
    {
        using var cts = new CancellationTokenSource();
        var clock = new Stopwatch();
        var asked = new List<TimeSpan>();
        var headers = new Dictionary<string, string> { ["X-RateLimit-Reset"] = "30" };
        using var h = new ClientHarness(new LoopbackServer(RateLimited(headers)),
            o => o.Delay = (wait, token) =>
            {
                asked.Add(wait);
                clock.Start();
                cts.CancelAfter(TimeSpan.FromMilliseconds(100));
                return DatadogClientOptions.RealDelay(wait, token);
            });

        Assert.ThrowsAny<OperationCanceledException>(() => h.Client.Search(new DatadogSearchOptions(), h.Diagnostics, cts.Token).ToList());

        Assert.Equal(new[] { TimeSpan.FromSeconds(30) }, asked);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed} in a 30 s wait");
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public void AlreadyCancelledTokenSendsNothing()
    {
        using var h = new ClientHarness(new LoopbackServer(Page(new[] { "e1" }, null, "req-1")));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => h.Client.Search(new DatadogSearchOptions(), null, cts.Token).ToList());
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task RealDelayWaitsAndCanBeCancelled()
    {
        var clock = Stopwatch.StartNew();
        await DatadogClientOptions.RealDelay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(90), $"waited only {clock.Elapsed}");

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DatadogClientOptions.RealDelay(TimeSpan.FromSeconds(30), cts.Token));
    }
}
