using System.Collections.Generic;
using System.Linq;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

public class DatadogLogsClientErrorTests
{
    private static ScriptedResponse Page(string[] ids, string? after, string requestId) =>
        ScriptedResponse.Ok(DatadogResponses.Page(ids, after, requestId));

    [Fact]
    public void BadRequestShowsDatadogsErrorText()
    {
        using var h = new ClientHarness(new LoopbackServer(
            ScriptedResponse.Error(400, "{\"errors\":[\"Invalid query: unexpected token ')' at position 12\"]}")));
        var (pages, error) = h.RunExpectingFailure(new DatadogSearchOptions { Query = "@evt.name:)" });

        Assert.Empty(pages);
        Assert.Equal(DatadogErrorKind.BadRequest, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(
            $"Datadog rejected the search (HTTP 400 Bad Request) on POST {h.SearchUrl}, page 1: Invalid query: unexpected token ')' at position 12",
            error.Message);
        Assert.Single(h.Server.Requests);
        Assert.Empty(h.Delay.Waits);
    }

    [Fact]
    public void UnauthorizedNamesTheApiKeyVariable()
    {
        using var h = new ClientHarness(new LoopbackServer(ScriptedResponse.Error(401, "{\"errors\":[\"Unauthorized\"]}")));
        var (_, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Equal(DatadogErrorKind.Unauthorized, error.Kind);
        Assert.Equal(
            $"Datadog refused the API key (HTTP 401 Unauthorized) on POST {h.SearchUrl}, page 1: the API key is missing or invalid. Check DD_API_KEY (or the API key passed) and that it belongs to this Datadog site (127.0.0.1). Datadog said: Unauthorized",
            error.Message);
        Assert.Single(h.Server.Requests);
        Assert.Empty(h.Delay.Waits);
    }

    [Fact]
    public void ForbiddenNamesTheApplicationKeyAndThePermission()
    {
        using var h = new ClientHarness(new LoopbackServer(ScriptedResponse.Error(403, "{\"errors\":[\"Forbidden\"]}")));
        var (_, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Equal(DatadogErrorKind.Forbidden, error.Kind);
        Assert.Equal(
            $"Datadog denied access (HTTP 403 Forbidden) on POST {h.SearchUrl}, page 1: the application key is invalid or lacks the permission logs_read_data. Check DD_APP_KEY (or the application key passed) and the key's scopes. Datadog said: Forbidden",
            error.Message);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public void OtherStatusesFailAtOnceWithTheBodyExcerpt()
    {
        using var h = new ClientHarness(new LoopbackServer(ScriptedResponse.Error(404, "<html>\n  <body>Not here</body>\n</html>")));
        var (_, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Equal(DatadogErrorKind.UnexpectedStatus, error.Kind);
        Assert.Equal(
            $"Datadog answered HTTP 404 Not Found on POST {h.SearchUrl}, page 1: \"<html> <body>Not here</body> </html>\". Check the site or ApiUrl.",
            error.Message);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public void MalformedPageAfterAGoodOneNamesPageAndRequestId()
    {
        using var h = new ClientHarness(new LoopbackServer(
            Page(new[] { "e1" }, "c1", "req-1"),
            ScriptedResponse.Ok("<html>Gateway says hello</html>")));
        var (pages, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Equal(new[] { "e1" }, ClientHarness.Ids(pages));
        Assert.Equal(DatadogErrorKind.MalformedResponse, error.Kind);
        Assert.Equal(2, error.PageNumber);
        Assert.Equal(
            $"Datadog returned a malformed response for page 2 of POST {h.SearchUrl} (request id: not given): the body is not valid JSON (line 1, byte 1); it starts with \"<html>Gateway says hello</html>\".",
            error.Message);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Theory]
    [InlineData("{\"meta\":{\"request_id\":\"req-9\",\"status\":\"done\"}}", "req-9", "the body has no 'data' array")]
    [InlineData("{\"meta\":{\"request_id\":\"req-9\"},\"data\":{\"id\":\"e1\"}}", "req-9", "'data' is a JSON object, not an array")]
    [InlineData("[{\"id\":\"e1\"}]", null, "the body is a JSON array, not an object with a 'data' array")]
    [InlineData("", null, "the body is empty")]
    [InlineData(" \r\n", null, "the body is empty")]
    [InlineData("\"just a string\"", null, "the body is a JSON string, not an object with a 'data' array")]
    [InlineData("{\"data\":[{\"id\":\"e1\"}]} trailing", null, "the body is not valid JSON (line 1, byte 24); it starts with \"{\"data\":[{\"id\":\"e1\"}]} trailing\"")]
    [InlineData("{\"data\":[{\"id\":\"e1\"},", null, "the body is not valid JSON (line 1, byte 21); it starts with \"{\"data\":[{\"id\":\"e1\"},\"")]
    public void MalformedFirstPageIsAClearError(string body, string? requestId, string reason)
    {
        using var h = new ClientHarness(new LoopbackServer(ScriptedResponse.Ok(body)));
        var (pages, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Empty(pages);
        Assert.Equal(DatadogErrorKind.MalformedResponse, error.Kind);
        Assert.Equal(requestId, error.RequestId);
        Assert.Equal(
            $"Datadog returned a malformed response for page 1 of POST {h.SearchUrl} (request id: {requestId ?? "not given"}): {reason}.",
            error.Message);
    }

    [Fact]
    public void WarningsBecomeDiagnosticsAndMarkThePagePartial()
    {
        const string warnings = "[{\"code\":\"unknown_index\",\"title\":\"One or several indexes are missing or invalid, results hold data from the other indexes\",\"detail\":\"Index 'secu' does not exist\"}]";
        using var h = new ClientHarness(new LoopbackServer(
            ScriptedResponse.Ok(DatadogResponses.Page(new[] { "e1" }, "c1", "req-1", warningsJson: warnings)),
            Page(new[] { "e2" }, null, "req-2")));

        List<DatadogPage> pages = h.Run(new DatadogSearchOptions());

        Assert.Equal(new[] { "e1", "e2" }, ClientHarness.Ids(pages));
        DatadogWarning warning = Assert.Single(h.Diagnostics.Warnings);
        Assert.Equal(1, warning.PageNumber);
        Assert.Equal("req-1", warning.RequestId);
        Assert.Equal("unknown_index", warning.Code);
        Assert.Equal("Index 'secu' does not exist", warning.Detail);
        Assert.Equal(
            "Datadog warning on page 1 (request id req-1): unknown_index: One or several indexes are missing or invalid, results hold data from the other indexes: Index 'secu' does not exist. Results may be partial.",
            warning.Message);
        Assert.True(pages[0].IsPartial);
        Assert.Same(warning, Assert.Single(pages[0].Warnings));
        Assert.False(pages[1].IsPartial);
    }

    [Fact]
    public void TimeoutStatusIsAPartialResultsWarning()
    {
        using var h = new ClientHarness(new LoopbackServer(
            ScriptedResponse.Ok(DatadogResponses.Page(new[] { "e1" }, null, "req-7", status: "timeout"))));

        List<DatadogPage> pages = h.Run(new DatadogSearchOptions());

        Assert.Equal(new[] { "e1" }, ClientHarness.Ids(pages));
        DatadogWarning warning = Assert.Single(h.Diagnostics.Warnings);
        Assert.Equal("timeout", warning.Code);
        Assert.Equal("Datadog's search timed out on page 1 (request id req-7): results are partial. Narrow the query or time range.", warning.Message);
        Assert.True(Assert.Single(pages).IsPartial);
    }

    [Fact]
    public void RepeatedCursorStopsWithAnError()
    {
        using var h = new ClientHarness(new LoopbackServer(
            Page(new[] { "e1" }, "same", "req-1"),
            Page(new[] { "e2" }, "same", "req-2")));
        var (pages, error) = h.RunExpectingFailure(new DatadogSearchOptions());

        Assert.Equal(new[] { "e1", "e2" }, ClientHarness.Ids(pages));
        Assert.Equal(DatadogErrorKind.MalformedResponse, error.Kind);
        Assert.Equal(
            $"Datadog returned the same cursor again for page 2 of POST {h.SearchUrl} (request id: req-2); stopping to avoid an endless loop.",
            error.Message);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Fact]
    public void KeyTextEchoedByTheServerIsRedacted()
    {
        using var h = new ClientHarness(new LoopbackServer(
            ScriptedResponse.Error(400, "{\"errors\":[\"bad key " + ClientHarness.ApiKey + "\"]}")));
        var (_, error) = h.RunExpectingFailure(new DatadogSearchOptions());
        Assert.Equal(
            $"Datadog rejected the search (HTTP 400 Bad Request) on POST {h.SearchUrl}, page 1: bad key [redacted]",
            error.Message);
    }

    [Fact]
    public void ErrorObjectsInJsonApiFormAreShownAsTitleAndDetail()
    {
        using var h = new ClientHarness(new LoopbackServer(
            ScriptedResponse.Error(400, "{\"errors\":[{\"title\":\"Bad Request\",\"detail\":\"page.limit must be <= 1000\"},\"second\"]}")));
        var (_, error) = h.RunExpectingFailure(new DatadogSearchOptions());
        Assert.EndsWith("page 1: Bad Request: page.limit must be <= 1000; second", error.Message);
    }
}

public class DatadogDiagnosticsTests
{
    [Fact]
    public void CallbackDiagnosticsForwardBothKindsAndToleratesMissingCallbacks()
    {
        var lines = new System.Collections.Generic.List<string>();
        var warnings = new System.Collections.Generic.List<DatadogWarning>();
        var warning = new DatadogWarning(3, "r", "c", "t", "d", "m");
        var both = new DatadogDiagnostics(lines.Add, warnings.Add);
        both.Verbose("line");
        both.Warning(warning);
        Assert.Equal(new[] { "line" }, lines);
        Assert.Same(warning, Assert.Single(warnings));

        var none = new DatadogDiagnostics(null, null);
        none.Verbose("dropped");
        none.Warning(warning);
    }
}
