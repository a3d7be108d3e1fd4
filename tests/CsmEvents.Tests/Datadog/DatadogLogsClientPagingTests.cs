using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

public class DatadogLogsClientPagingTests
{
    private static ScriptedResponse Page(string[] ids, string? after, string requestId) =>
        ScriptedResponse.Ok(DatadogResponses.Page(ids, after, requestId));

    [Fact]
    public void FollowsCursorsAcrossThreePagesInOrder()
    {
        using var h = new ClientHarness(new LoopbackServer(
            Page(new[] { "e1", "e2" }, "cursor-1", "req-1"),
            Page(new[] { "e3", "e4" }, "cursor-2", "req-2"),
            Page(new[] { "e5" }, null, "req-3")));
        var search = new DatadogSearchOptions
        {
            Query = "@evt.name:exec",
            From = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)),
            To = DatadogTime.Parse("2024-05-01T11:30:00.5Z"),
            PageSize = 2,
        };

        List<DatadogPage> pages = h.Run(search);

        Assert.Equal(new[] { "e1", "e2", "e3", "e4", "e5" }, ClientHarness.Ids(pages));
        Assert.Equal(new[] { 1, 2, 3 }, pages.Select(p => p.PageNumber));
        Assert.Equal(new[] { "req-1", "req-2", "req-3" }, pages.Select(p => p.RequestId));
        Assert.Equal(new[] { 2, 2, 1 }, pages.Select(p => p.EventCount));
        Assert.Equal(new[] { 2, 2, 1 }, pages.Select(p => p.TakeCount));
        Assert.Equal(new[] { "cursor-1", "cursor-2", null }, pages.Select(p => p.NextCursor));
        Assert.All(pages, p => Assert.False(p.IsCut));
        Assert.All(pages, p => Assert.False(p.IsPartial));

        IReadOnlyList<RecordedRequest> requests = h.Server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal("POST", r.Method));
        Assert.All(requests, r => Assert.Equal("/api/v2/logs/events/search", r.Path));
        string?[] cursors = requests.Select(r => r.Json.GetProperty("page").TryGetProperty("cursor", out var c) ? c.GetString() : null).ToArray();
        Assert.Equal(new[] { null, "cursor-1", "cursor-2" }, cursors);
        foreach (RecordedRequest r in requests)
        {
            JsonElement filter = r.Json.GetProperty("filter");
            Assert.Equal("source:runtime-security-agent (@evt.name:exec)", filter.GetProperty("query").GetString());
            Assert.Equal("2024-05-01T10:00:00.000Z", filter.GetProperty("from").GetString());
            Assert.Equal("2024-05-01T11:30:00.500Z", filter.GetProperty("to").GetString());
            Assert.Equal(new[] { "*" }, filter.GetProperty("indexes").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal("timestamp", r.Json.GetProperty("sort").GetString());
            Assert.Equal(2, r.Json.GetProperty("page").GetProperty("limit").GetInt32());
        }
    }

    [Fact]
    public void SendsKeysContentTypeAcceptAndUserAgentHeaders()
    {
        using var h = new ClientHarness(new LoopbackServer(Page(new[] { "e1" }, null, "req-1")));
        h.Run(new DatadogSearchOptions());

        RecordedRequest request = Assert.Single(h.Server.Requests);
        Assert.Equal(ClientHarness.ApiKey, request.Headers["DD-API-KEY"]);
        Assert.Equal(ClientHarness.AppKey, request.Headers["DD-APPLICATION-KEY"]);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        string version = typeof(DatadogLogsClient).Assembly.GetName().Version!.ToString(3);
        Assert.Equal("CsmEvents/" + version, request.Headers["User-Agent"]);
        Assert.Equal("CsmEvents/0.1.0", DatadogUserAgent.Value);
    }

    [Fact]
    public void DefaultBodyIsTheLastFifteenMinutesOfRuntimeSecurityEventsOneThousandPerPage()
    {
        using var h = new ClientHarness(new LoopbackServer(Page(new[] { "e1" }, null, "req-1")));
        h.Run(new DatadogSearchOptions());

        Assert.Equal(
            "{\"filter\":{\"query\":\"source:runtime-security-agent\",\"from\":\"now-15m\",\"to\":\"now\",\"indexes\":[\"*\"]},\"sort\":\"timestamp\",\"page\":{\"limit\":1000}}",
            Assert.Single(h.Server.Requests).Body);
    }

    [Fact]
    public void AllSourcesWithoutQuerySearchesEverythingInTheGivenIndexes()
    {
        using var h = new ClientHarness(new LoopbackServer(Page(new[] { "e1" }, null, "req-1")));
        h.Run(new DatadogSearchOptions { IncludeAllSources = true, Indexes = new List<string> { "main", "security" } });

        JsonElement filter = Assert.Single(h.Server.Requests).Json.GetProperty("filter");
        Assert.Equal("*", filter.GetProperty("query").GetString());
        Assert.Equal(new[] { "main", "security" }, filter.GetProperty("indexes").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public void YieldsEachPageBeforeRequestingTheNext()
    {
        using var h = new ClientHarness(new LoopbackServer(
            Page(new[] { "e1" }, "c1", "req-1"),
            Page(new[] { "e2" }, null, "req-2")));
        using IEnumerator<DatadogPage> pages = h.Client.Search(new DatadogSearchOptions(), h.Diagnostics).GetEnumerator();

        Assert.Empty(h.Server.Requests); // nothing is sent until the caller pulls
        Assert.True(pages.MoveNext());
        Assert.Equal(new[] { "e1" }, DatadogResponses.TakenIds(pages.Current));
        Assert.Single(h.Server.Requests);
        Assert.True(pages.MoveNext());
        Assert.Equal(new[] { "e2" }, DatadogResponses.TakenIds(pages.Current));
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.False(pages.MoveNext());
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Fact]
    public void MaxEventsCutsThePageInTheMiddleAndStopsPaging()
    {
        // The server ignores the requested limit, as a proxy or an API change might: the cut still holds.
        using var h = new ClientHarness(new LoopbackServer(
            Page(new[] { "e1", "e2" }, "c1", "req-1"),
            Page(new[] { "e3", "e4" }, "c2", "req-2"),
            Page(new[] { "e5", "e6" }, null, "req-3")));

        List<DatadogPage> pages = h.Run(new DatadogSearchOptions { MaxEvents = 3 });

        Assert.Equal(new[] { "e1", "e2", "e3" }, ClientHarness.Ids(pages));
        Assert.Equal(2, pages.Count);
        Assert.Equal(2, pages[1].EventCount);
        Assert.Equal(1, pages[1].TakeCount);
        Assert.True(pages[1].IsCut);
        Assert.Equal(2, h.Server.Requests.Count);
        // Only as many events as still wanted are asked for.
        Assert.Equal(new[] { 3, 1 }, h.Server.Requests.Select(r => r.Json.GetProperty("page").GetProperty("limit").GetInt32()));
        Assert.Equal("MaxEvents (3) reached on page 2; no further page is requested.", h.Diagnostics.VerboseLines.Last());
    }

    [Fact]
    public void MaxEventsReachedExactlyAtPageEndMakesNoFurtherRequest()
    {
        using var h = new ClientHarness(new LoopbackServer(
            Page(new[] { "e1", "e2" }, "c1", "req-1"),
            Page(new[] { "e3" }, null, "req-2")));

        List<DatadogPage> pages = h.Run(new DatadogSearchOptions { MaxEvents = 2 });

        Assert.Equal(new[] { "e1", "e2" }, ClientHarness.Ids(pages));
        Assert.False(Assert.Single(pages).IsCut);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public void EmptyAfterCursorEndsPaging()
    {
        using var h = new ClientHarness(new LoopbackServer(Page(new[] { "e1" }, "", "req-1")));
        List<DatadogPage> pages = h.Run(new DatadogSearchOptions());
        Assert.Null(Assert.Single(pages).NextCursor);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public void EmptyPageWithCursorIsFollowed()
    {
        using var h = new ClientHarness(new LoopbackServer(
            Page(Array.Empty<string>(), "c1", "req-1"),
            Page(new[] { "e1" }, null, "req-2")));
        List<DatadogPage> pages = h.Run(new DatadogSearchOptions());
        Assert.Equal(new[] { 0, 1 }, pages.Select(p => p.EventCount));
        Assert.Equal(new[] { "e1" }, ClientHarness.Ids(pages));
    }

    [Fact]
    public void VerboseDescribesRequestsAndResponsesWithoutKeys()
    {
        using var h = new ClientHarness(new LoopbackServer(
            Page(new[] { "e1" }, "c1", "req-1"),
            Page(new[] { "e2" }, null, "req-2")));
        h.Run(new DatadogSearchOptions { Query = "host:web-1", PageSize = 10 });

        string url = h.SearchUrl;
        int size1 = System.Text.Encoding.UTF8.GetByteCount(DatadogResponses.Page(new[] { "e1" }, "c1", "req-1"));
        int size2 = System.Text.Encoding.UTF8.GetByteCount(DatadogResponses.Page(new[] { "e2" }, null, "req-2"));
        Assert.Equal(new[]
        {
            $"Searching Datadog at {url} (ApiUrl option) for 'source:runtime-security-agent (host:web-1)' from now-15m to now.",
            $"POST {url} (page 1, attempt 1): {{\"filter\":{{\"query\":\"source:runtime-security-agent (host:web-1)\",\"from\":\"now-15m\",\"to\":\"now\",\"indexes\":[\"*\"]}},\"sort\":\"timestamp\",\"page\":{{\"limit\":10}}}}",
            $"HTTP 200 OK for page 1 (attempt 1), {size1} bytes.",
            "Page 1: 1 events, request id req-1, more pages follow.",
            $"POST {url} (page 2, attempt 1): {{\"filter\":{{\"query\":\"source:runtime-security-agent (host:web-1)\",\"from\":\"now-15m\",\"to\":\"now\",\"indexes\":[\"*\"]}},\"sort\":\"timestamp\",\"page\":{{\"limit\":10,\"cursor\":\"c1\"}}}}",
            $"HTTP 200 OK for page 2 (attempt 1), {size2} bytes.",
            "Page 2: 1 events, request id req-2, last page.",
        }, h.Diagnostics.VerboseLines);
    }

    [Fact]
    public void InvalidOptionsFailWhenSearchIsCalledBeforeAnyRequest()
    {
        using var h = new ClientHarness(new LoopbackServer());
        var e = Assert.Throws<DatadogConfigurationException>(() => h.Client.Search(new DatadogSearchOptions { PageSize = 1001 }));
        Assert.Equal("PageSize must be between 1 and 1000; got 1001.", e.Message);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public void LaterEditsToTheOptionsDoNotChangeARunningSearch()
    {
        using var h = new ClientHarness(new LoopbackServer(
            Page(new[] { "e1" }, "c1", "req-1"),
            Page(new[] { "e2" }, null, "req-2")));
        var search = new DatadogSearchOptions { Query = "a", PageSize = 5 };
        using IEnumerator<DatadogPage> pages = h.Client.Search(search).GetEnumerator();
        Assert.True(pages.MoveNext());
        search.Query = "b";
        search.PageSize = 7;
        Assert.True(pages.MoveNext());
        JsonElement second = h.Server.Requests[1].Json;
        Assert.Equal("source:runtime-security-agent (a)", second.GetProperty("filter").GetProperty("query").GetString());
        Assert.Equal(5, second.GetProperty("page").GetProperty("limit").GetInt32());
    }
}
