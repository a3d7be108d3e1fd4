using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CsmEvents.Datadog;

/// <summary>
/// Sends one page request until it succeeds or the retry budget is spent: waits out 429s as the headers say,
/// backs off on 5xx/408/timeouts/connection failures, fails at once on other statuses with a message that says
/// what to fix. Runs synchronously for the hosts; cancellation unblocks every wait immediately.
/// </summary>
internal sealed class DatadogRequestSender
{
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
        int attempt = 0, transientFailures = 0, rateLimitWaits = 0;
        while (true)
        {
            attempt++;
            Verbose(diagnostics, $"{RequestText} (page {page}, attempt {attempt}): {Encoding.UTF8.GetString(body)}");
            DatadogAttempt result = SendOnce(body, cancellationToken);

            if (result.StatusCode is int status)
            {
                Verbose(diagnostics, $"{result.StatusText} for page {page} (attempt {attempt}), {result.Body.Length} bytes.");
                if (status >= 200 && status < 300)
                    return result.Body;
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

            transientFailures++;
            if (transientFailures >= policy.MaxAttempts)
                throw TransientFailure(result, page, attempt, transientFailures);
            TimeSpan backoff = policy.BackoffBefore(transientFailures);
            Verbose(diagnostics, $"{Describe(result)} for page {page} (attempt {attempt}): retrying in {Seconds(backoff)} (retry {transientFailures} of {policy.MaxAttempts - 1}).");
            Wait(backoff, cancellationToken);
        }
    }

    private DatadogAttempt SendOnce(byte[] body, CancellationToken cancellationToken)
    {
        // The per-request timeout is a token too, so a stalled body read is abandoned like a stalled connect.
        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptCts.CancelAfter(_options.RequestTimeout);
        try
        {
            return SyncWait.Run(token => SendOnceAsync(body, token), attemptCts.Token);
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

    private async Task<DatadogAttempt> SendOnceAsync(byte[] body, CancellationToken token)
    {
        using HttpRequestMessage request = BuildRequest(body);
        // ResponseContentRead: the whole body is buffered under the token, so cancellation covers slow bodies.
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
        byte[] bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        int status = (int)response.StatusCode;
        var rateLimit = status == 429 ? RateLimitWait.From(response.Headers, _options.Clock(), _options.Retry) : default;
        return DatadogAttempt.Response(status, response.ReasonPhrase, bytes, rateLimit);
    }

    private HttpRequestMessage BuildRequest(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.SearchUrl);
        // Keys were checked for header-safe characters in DatadogCredentials; no validation error can echo them.
        request.Headers.TryAddWithoutValidation("DD-API-KEY", _credentials.ApiKey);
        request.Headers.TryAddWithoutValidation("DD-APPLICATION-KEY", _credentials.ApplicationKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("User-Agent", DatadogUserAgent.Value);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    private void Wait(TimeSpan wait, CancellationToken cancellationToken) =>
        SyncWait.Run(token => _options.Delay(wait, token), cancellationToken);

    private DatadogApiException StatusError(DatadogAttempt result, int page, int attempt)
    {
        int status = result.StatusCode!.Value;
        string said = DatadogErrorText.From(result.Body);
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
                $"Datadog kept failing ({result.StatusText}) {where}. Datadog said: {DatadogErrorText.From(result.Body)}");
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
