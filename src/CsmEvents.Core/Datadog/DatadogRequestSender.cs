using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CsmEvents.Datadog;

/// <summary>
/// Sends one page request until it succeeds or the retry budget is spent: waits out 429s as the headers say,
/// backs off on 5xx/408/timeouts/connection failures, fails at once on other statuses and on a host name that does
/// not resolve, with a message that says what to fix. Redirects are followed only within the origin the keys were
/// meant for (the HTTP handler never follows them itself): the keys are never sent to another origin, and never
/// from https to plain http. Runs synchronously for the hosts; cancellation unblocks every wait immediately.
/// </summary>
internal sealed class DatadogRequestSender
{
    /// <summary>Redirects within the origin followed for one request, at most.</summary>
    internal const int MaxRedirects = 5;

    private readonly HttpClient _http;
    private readonly DatadogEndpoint _endpoint;
    private readonly DatadogCredentials _credentials;
    private readonly DatadogClientOptions _options;
    private readonly SecretRedactor _redactor;

    public DatadogRequestSender(HttpClient http, DatadogEndpoint endpoint, DatadogCredentials credentials,
        DatadogClientOptions options, SecretRedactor redactor)
    {
        _http = http;
        _endpoint = endpoint;
        _credentials = credentials;
        _options = options;
        _redactor = redactor;
    }

    /// <summary>"POST https://api.datadoghq.com/api/v2/logs/events/search".</summary>
    public string RequestText => "POST " + _endpoint.SearchUrl;

    /// <summary>Sends <paramref name="body"/> and returns the 2xx response body.</summary>
    /// <exception cref="DatadogApiException">The request failed for good.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public byte[] Send(byte[] body, int page, IDatadogDiagnostics? diagnostics, CancellationToken cancellationToken)
    {
        RetryPolicy policy = _options.Retry;
        int attempt = 0, transientFailures = 0, rateLimitWaits = 0, redirects = 0;
        Uri target = _endpoint.SearchUrl;
        while (true)
        {
            attempt++;
            Verbose(diagnostics, $"POST {target} (page {page}, attempt {attempt}): {Encoding.UTF8.GetString(body)}");
            DatadogAttempt result = SendOnce(body, target, cancellationToken);

            if (result.StatusCode is int status)
            {
                Verbose(diagnostics, $"{result.StatusText} for page {page} (attempt {attempt}), {result.Body.Length} bytes.");
                if (status >= 200 && status < 300)
                    return result.Body;
                if (IsRedirect(status))
                {
                    target = Redirected(result, target, page, attempt, ++redirects, diagnostics);
                    continue;
                }
                if (status == 429)
                {
                    if (rateLimitWaits >= policy.MaxRateLimitRetries)
                        throw Fail(DatadogErrorKind.RateLimited, page, status, attempt,
                            $"Datadog kept rate-limiting the search ({result.StatusText}) on {RequestText}, page {page}: gave up after {rateLimitWaits} waits. Try again later, or narrow the query or time range.");
                    rateLimitWaits++;
                    Verbose(diagnostics, $"{result.StatusText} for page {page}: waiting {Seconds(result.RateLimit.Wait)} ({result.RateLimit.Source}), rate-limit wait {rateLimitWaits} of {policy.MaxRateLimitRetries}.");
                    Wait(result.RateLimit.Wait, cancellationToken);
                    continue;
                }
                if (status < 500 && status != 408)
                    throw StatusError(result, page, attempt);
            }

            if (result.NetworkError is { } error && NameNotFound(error) is { } host)
                throw Fail(DatadogErrorKind.NetworkError, page, null, attempt,
                    $"Could not reach Datadog on {RequestText}, page {page}: the host name {host} does not resolve ({error.Message}); not retried. " +
                    "Check the site (Site, DD_SITE) or ApiUrl.", error);

            transientFailures++;
            if (transientFailures >= policy.MaxAttempts)
                throw TransientFailure(result, page, attempt, transientFailures);
            TimeSpan backoff = policy.BackoffBefore(transientFailures);
            Verbose(diagnostics, $"{Describe(result)} for page {page} (attempt {attempt}): retrying in {Seconds(backoff)} (retry {transientFailures} of {policy.MaxAttempts - 1}).");
            Wait(backoff, cancellationToken);
        }
    }

    private DatadogAttempt SendOnce(byte[] body, Uri target, CancellationToken cancellationToken)
    {
        // The per-request timeout is a token too, so a stalled body read is abandoned like a stalled connect.
        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptCts.CancelAfter(_options.RequestTimeout);
        try
        {
            return SyncWait.Run(token => SendOnceAsync(body, target, token), attemptCts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DatadogAttempt.Timeout();
        }
        catch (HttpRequestException e)
        {
            return DatadogAttempt.Failed(e);
        }
        catch (IOException e)
        {
            return DatadogAttempt.Failed(e);
        }
    }

    private async Task<DatadogAttempt> SendOnceAsync(byte[] body, Uri target, CancellationToken token)
    {
        using HttpRequestMessage request = BuildRequest(body, target);
        // ResponseContentRead: the whole body is buffered under the token, so cancellation covers slow bodies.
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
        byte[] bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        int status = (int)response.StatusCode;
        var rateLimit = status == 429 ? RateLimitWait.From(response.Headers, _options.Clock(), _options.Retry) : default;
        return DatadogAttempt.Response(status, response.ReasonPhrase, bytes, rateLimit, response.Headers.Location);
    }

    private HttpRequestMessage BuildRequest(byte[] body, Uri target)
    {
        // Only ever the configured origin (see Redirected): the keys go with every request.
        var request = new HttpRequestMessage(HttpMethod.Post, target);
        // Keys were checked for header-safe characters in DatadogCredentials; no validation error can echo them.
        request.Headers.TryAddWithoutValidation("DD-API-KEY", _credentials.ApiKey);
        request.Headers.TryAddWithoutValidation("DD-APPLICATION-KEY", _credentials.ApplicationKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("User-Agent", DatadogUserAgent.Value);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

    /// <summary>
    /// Where to send the request again after a redirect: the Location when it stays within the endpoint's origin
    /// (scheme, host and port), where the keys were meant to go. Anything else fails without a request to the
    /// new address: another origin would receive the keys, https to http would carry them in clear text.
    /// </summary>
    private Uri Redirected(DatadogAttempt result, Uri from, int page, int attempt, int redirects, IDatadogDiagnostics? diagnostics)
    {
        int status = result.StatusCode!.Value;
        string where = $"Datadog answered {result.StatusText} on {RequestText}, page {page}";
        if (result.Location is null)
            throw Fail(DatadogErrorKind.RedirectRefused, page, status, attempt, $"{where}, a redirect without a Location; not followed.");
        Uri to = result.Location.IsAbsoluteUri ? result.Location : new Uri(from, result.Location);
        string target = to.IsAbsoluteUri && (to.Scheme == Uri.UriSchemeHttp || to.Scheme == Uri.UriSchemeHttps)
            ? to.GetLeftPart(UriPartial.Path) : to.OriginalString;
        Uri origin = _endpoint.SearchUrl;
        if (origin.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp)
            throw Fail(DatadogErrorKind.RedirectRefused, page, status, attempt,
                $"{where}, a redirect from https to {target}: not followed, the API keys are never sent over plain http. " +
                "If that address is right, give it as ApiUrl.");
        if (!SameOrigin(to, origin))
            throw Fail(DatadogErrorKind.RedirectRefused, page, status, attempt,
                $"{where}, a redirect to {target}, another origin than {origin.GetLeftPart(UriPartial.Authority)}: not followed, " +
                "so the API keys were not sent there. If that address is right, give it as ApiUrl.");
        if (redirects > MaxRedirects)
            throw Fail(DatadogErrorKind.RedirectRefused, page, status, attempt,
                $"{where}, a redirect to {target} after {MaxRedirects} redirects already followed: not followed (a redirect loop?).");
        Verbose(diagnostics, $"{result.StatusText} for page {page}: the request goes again to {target} (same origin, redirect {redirects} of at most {MaxRedirects}).");
        return to;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    /// <summary>The host name when <paramref name="error"/> says it does not exist (DNS: no such host, or no
    /// address for it): asking again gives the same answer. A temporary resolver failure is retried.</summary>
    private string? NameNotFound(Exception error)
    {
        for (Exception? e = error; e != null; e = e.InnerException)
        {
            if (e is SocketException socket && (socket.SocketErrorCode == SocketError.HostNotFound || socket.SocketErrorCode == SocketError.NoData))
                return _endpoint.SearchUrl.Host;
        }
        return null;
    }

    private void Wait(TimeSpan wait, CancellationToken cancellationToken) =>
        SyncWait.Run(token => _options.Delay(wait, token), cancellationToken);

    private DatadogApiException StatusError(DatadogAttempt result, int page, int attempt)
    {
        int status = result.StatusCode!.Value;
        string said = DatadogErrorText.From(result.Body, _redactor);
        string where = $"on {RequestText}, page {page}";
        return status switch
        {
            400 => Fail(DatadogErrorKind.BadRequest, page, status, attempt,
                $"Datadog rejected the search ({result.StatusText}) {where}: {said}"),
            401 => Fail(DatadogErrorKind.Unauthorized, page, status, attempt,
                $"Datadog refused the API key ({result.StatusText}) {where}: the API key is missing or invalid. Check {DatadogEnvironment.ApiKey} (or the API key passed) and that it belongs to this Datadog site ({_endpoint.BaseUrl.Host}). Datadog said: {said}"),
            403 => Fail(DatadogErrorKind.Forbidden, page, status, attempt,
                $"Datadog denied access ({result.StatusText}) {where}: the application key is invalid or lacks the permission logs_read_data. Check {DatadogEnvironment.AppKey} (or the application key passed) and the key's scopes. Datadog said: {said}"),
            _ => Fail(DatadogErrorKind.UnexpectedStatus, page, status, attempt,
                $"Datadog answered {result.StatusText} {where}: {said}. Check the site or ApiUrl."),
        };
    }

    private DatadogApiException TransientFailure(DatadogAttempt result, int page, int attempt, int failures)
    {
        string where = $"on {RequestText}, page {page}, after {failures} attempts";
        if (result.StatusCode is int status)
            return Fail(DatadogErrorKind.ServerError, page, status, attempt,
                $"Datadog kept failing ({result.StatusText}) {where}. Datadog said: {DatadogErrorText.From(result.Body, _redactor)}");
        if (result.TimedOut)
            return Fail(DatadogErrorKind.Timeout, page, null, attempt,
                $"Datadog did not answer within {Seconds(_options.RequestTimeout)} {where}. Narrow the query or time range, or allow a longer request timeout.");
        return Fail(DatadogErrorKind.NetworkError, page, null, attempt,
            $"Could not reach Datadog {where}: {result.NetworkError!.Message}", result.NetworkError);
    }

    private string Describe(DatadogAttempt result) =>
        result.StatusCode is not null ? result.StatusText
        : result.TimedOut ? $"No answer within {Seconds(_options.RequestTimeout)}"
        : "Connection failed (" + result.NetworkError!.Message + ")";

    private DatadogApiException Fail(DatadogErrorKind kind, int page, int? status, int attempts, string message, Exception? inner = null) =>
        new(kind, _redactor.Redact(message), RequestText, page, status, requestId: null, attempts, inner);

    private void Verbose(IDatadogDiagnostics? diagnostics, string message) => diagnostics?.Verbose(_redactor.Redact(message));

    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
