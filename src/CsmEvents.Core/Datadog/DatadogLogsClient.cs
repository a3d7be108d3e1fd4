using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace CsmEvents.Datadog;

/// <summary>
/// Fetches CSM Threats events from the Datadog Logs Search API (<c>POST /api/v2/logs/events/search</c>),
/// one response page at a time, following <c>meta.page.after</c>. One instance holds one HttpClient (reused for
/// every request, as HttpClient is meant to be); dispose it when done. Several searches may run at once.
/// </summary>
public sealed class DatadogLogsClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly DatadogClientOptions _options;
    private readonly DatadogRequestSender _sender;
    private readonly SecretRedactor _redactor;

    /// <summary>Creates a client; resolves and checks the endpoint and options at once.</summary>
    /// <param name="credentials">The API and application keys.</param>
    /// <param name="options">Site, URL, timeout, retries; defaults when null.</param>
    /// <param name="handler">A handler for the HttpClient (tests, proxies); the client does not dispose it. It must
    /// not follow redirects itself (the client follows them only within the API's origin, so that the keys never
    /// reach another one).</param>
    /// <exception cref="DatadogConfigurationException">The site, URL or an option is not usable, or the handler
    /// follows redirects.</exception>
    public DatadogLogsClient(DatadogCredentials credentials, DatadogClientOptions? options = null, HttpMessageHandler? handler = null)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        if (handler is HttpClientHandler { AllowAutoRedirect: true })
            throw new DatadogConfigurationException(
                "The HTTP handler follows redirects (AllowAutoRedirect): it would send the Datadog keys to wherever a redirect points. Set AllowAutoRedirect to false.");
        _options = options ?? new DatadogClientOptions();
        _options.Validate();
        Endpoint = DatadogEndpoint.Resolve(_options.ApiUrl, _options.Site, _options.Environment);
        _redactor = new SecretRedactor(credentials.ApiKey, credentials.ApplicationKey);
        _http = handler is null ? new HttpClient(CreateHandler(), disposeHandler: true) : new HttpClient(handler, disposeHandler: false);
        // Timeouts are enforced per attempt by the sender, which can tell them apart from Ctrl+C.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _sender = new DatadogRequestSender(_http, Endpoint, credentials, _options, _redactor);
    }

    /// <summary>The resolved API location.</summary>
    public DatadogEndpoint Endpoint { get; }

    /// <summary>
    /// Searches and yields each page as soon as it arrives; the next page is requested only when the caller asks
    /// for it, and never once <see cref="DatadogSearchOptions.MaxEvents"/> events were yielded. The options are
    /// checked before this method returns.
    /// </summary>
    /// <param name="search">What to search for.</param>
    /// <param name="diagnostics">Receives verbose lines and partial-result warnings; may be null.</param>
    /// <param name="cancellationToken">Cancels the request or wait in progress at once.</param>
    /// <exception cref="DatadogConfigurationException">An option is out of range (thrown here, not on enumeration).</exception>
    /// <exception cref="DatadogApiException">During enumeration: a request failed for good or a page is malformed.</exception>
    /// <exception cref="OperationCanceledException">During enumeration: the token was cancelled.</exception>
    public IEnumerable<DatadogPage> Search(DatadogSearchOptions search, IDatadogDiagnostics? diagnostics = null,
        CancellationToken cancellationToken = default)
    {
        if (search is null) throw new ArgumentNullException(nameof(search));
        search.Validate(_options.Clock());
        var plan = new SearchPlan(search.EffectiveQuery, search.From, search.To, search.IndexList, search.PageSize, search.MaxEvents)
        {
            MaxPages = search.MaxPages,
            MaxEmptyPages = search.MaxEmptyPages,
        };
        return Pages(plan, diagnostics, cancellationToken);
    }

    /// <summary>Releases the HttpClient.</summary>
    public void Dispose() => _http.Dispose();

    private IEnumerable<DatadogPage> Pages(SearchPlan plan, IDatadogDiagnostics? diagnostics, CancellationToken cancellationToken)
    {
        Verbose(diagnostics, $"Searching Datadog at {Endpoint.SearchUrl} ({Endpoint.Origin}) for '{plan.Query}' from {plan.From} to {plan.To}.");
        string? cursor = null;
        long yielded = 0;
        int emptyInARow = 0;
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        for (int page = 1; ; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int limit = plan.LimitFor(yielded);
            byte[] requestBody = DatadogRequestBody.Write(plan.Query, plan.From, plan.To, plan.Indexes, limit, cursor);
            byte[] body = _sender.Send(requestBody, page, diagnostics, cancellationToken);

            DatadogPageInfo info = ParsePage(body, page);
            var warnings = Warnings(info, page);
            foreach (DatadogWarning warning in warnings) diagnostics?.Warning(warning);

            int take = info.EventCount;
            bool limitReached = false;
            if (plan.MaxEvents is long max && yielded + take >= max)
            {
                take = (int)(max - yielded);
                limitReached = true;
            }
            string? next = string.IsNullOrEmpty(info.After) ? null : info.After;
            Verbose(diagnostics, $"Page {page}: {info.EventCount} events, request id {info.RequestId ?? "not given"}, " +
                (next is null ? "last page." : "more pages follow."));

            yield return new DatadogPage(body, page, info.RequestId, info.EventCount, take, next, warnings);
            yielded += take;

            if (limitReached)
            {
                Verbose(diagnostics, $"MaxEvents ({plan.MaxEvents}) reached on page {page}; no further page is requested.");
                yield break;
            }
            if (next is null) yield break;
            // A server that hands back a cursor it gave before would make this loop forever.
            if (!cursors.Add(next))
                throw new DatadogApiException(DatadogErrorKind.MalformedResponse,
                    _redactor.Redact($"Datadog returned the same cursor again for page {page} of {_sender.RequestText} (request id: {info.RequestId ?? "not given"}); stopping to avoid an endless loop."),
                    _sender.RequestText, page, 200, info.RequestId);
            // So would one that keeps announcing further pages: stop, and say that the results may be incomplete.
            emptyInARow = info.EventCount == 0 ? emptyInARow + 1 : 0;
            if (emptyInARow >= plan.MaxEmptyPages)
            {
                StopWarning(diagnostics, page, info.RequestId, "empty-pages",
                    $"Datadog returned {emptyInARow} pages in a row without events (pages {page - emptyInARow + 1} to {page}), each announcing a further page: " +
                    $"stopped there, after {yielded} events, to avoid asking without end. Results may be incomplete: search again, with a narrower time range or query.");
                yield break;
            }
            if (page >= plan.MaxPages)
            {
                StopWarning(diagnostics, page, info.RequestId, "page-limit",
                    $"Stopped after {plan.MaxPages} pages ({yielded} events) although Datadog announced more: results are incomplete. " +
                    "Narrow the time range or query, or split the range into several searches.");
                yield break;
            }
            cursor = next;
        }
    }

    private DatadogPageInfo ParsePage(byte[] body, int page)
    {
        try
        {
            return DatadogPageParser.Parse(body, _redactor);
        }
        catch (MalformedPageException e)
        {
            throw new DatadogApiException(DatadogErrorKind.MalformedResponse,
                _redactor.Redact($"Datadog returned a malformed response for page {page} of {_sender.RequestText} (request id: {e.RequestId ?? "not given"}): {e.Message}."),
                _sender.RequestText, page, 200, e.RequestId);
        }
    }

    private List<DatadogWarning> Warnings(DatadogPageInfo info, int page)
    {
        var warnings = new List<DatadogWarning>();
        string where = $"page {page} (request id {info.RequestId ?? "not given"})";
        if (string.Equals(info.Status, "timeout", StringComparison.OrdinalIgnoreCase))
            warnings.Add(new DatadogWarning(page, info.RequestId, "timeout", "", "",
                _redactor.Redact($"Datadog's search timed out on {where}: results are partial. Narrow the query or time range.")));
        foreach (var (code, title, detail) in info.Warnings)
        {
            string text = string.Join(": ", new[] { code, title, detail }.Where(s => s.Length > 0));
            warnings.Add(new DatadogWarning(page, info.RequestId, _redactor.Redact(code), _redactor.Redact(title), _redactor.Redact(detail),
                _redactor.Redact($"Datadog warning on {where}: {(text.Length == 0 ? "no details given" : text)}. Results may be partial.")));
        }
        return warnings;
    }

    private void Verbose(IDatadogDiagnostics? diagnostics, string message) => diagnostics?.Verbose(_redactor.Redact(message));

    /// <summary>A warning that the search stopped before Datadog's last page (code <paramref name="code"/>).</summary>
    private void StopWarning(IDatadogDiagnostics? diagnostics, int page, string? requestId, string code, string text)
    {
        string message = _redactor.Redact($"{text} (page {page}, request id {requestId ?? "not given"})");
        diagnostics?.Warning(new DatadogWarning(page, requestId, code, "", "", message));
    }

    private static HttpMessageHandler CreateHandler() => new HttpClientHandler
    {
        // Pages of 1000 events are large and compress well; Datadog serves gzip.
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        UseCookies = false,
        // The sender follows redirects itself, only within the API's origin: the handler would send the keys on.
        AllowAutoRedirect = false,
    };

    /// <summary>The validated request inputs, copied when Search is called so later option edits do not leak in.</summary>
    private sealed class SearchPlan
    {
        public SearchPlan(string query, DatadogTime from, DatadogTime to, IReadOnlyList<string> indexes, int pageSize, long? maxEvents)
        {
            Query = query;
            From = from;
            To = to;
            Indexes = indexes;
            PageSize = pageSize;
            MaxEvents = maxEvents;
        }

        public string Query { get; }
        public DatadogTime From { get; }
        public DatadogTime To { get; }
        public IReadOnlyList<string> Indexes { get; }
        public int PageSize { get; }
        public long? MaxEvents { get; }
        public int MaxPages { get; set; }
        public int MaxEmptyPages { get; set; }

        /// <summary>Asks for no more events than the caller still wants, so MaxEvents 5 fetches 5, not 1000.</summary>
        public int LimitFor(long alreadyYielded) =>
            MaxEvents is long max ? (int)Math.Min(PageSize, max - alreadyYielded) : PageSize;
    }
}
