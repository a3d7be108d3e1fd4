namespace CsmEvents.Datadog;

/// <summary>Why a Datadog request failed; hosts map each kind to a stable error id and category.</summary>
public enum DatadogErrorKind
{
    /// <summary>HTTP 400: Datadog rejected the request (usually the query syntax); the message has its error text.</summary>
    BadRequest,

    /// <summary>HTTP 401: the API key is missing or invalid.</summary>
    Unauthorized,

    /// <summary>HTTP 403: the application key is invalid or lacks <c>logs_read_data</c>.</summary>
    Forbidden,

    /// <summary>HTTP 429 persisted after the allowed waits.</summary>
    RateLimited,

    /// <summary>HTTP 5xx persisted after the allowed retries.</summary>
    ServerError,

    /// <summary>No answer within the per-request timeout, after the allowed retries.</summary>
    Timeout,

    /// <summary>The connection failed (DNS, refused, TLS), after the allowed retries.</summary>
    NetworkError,

    /// <summary>The response was not a Logs Search page (not JSON, no <c>data</c> array, repeated cursor).</summary>
    MalformedResponse,

    /// <summary>Any other HTTP status (404, 405, 413, ...).</summary>
    UnexpectedStatus,

    /// <summary>A redirect that was not followed: to another origin (the keys would go there), from https to http,
    /// without a Location, or more than <see cref="DatadogRequestSender.MaxRedirects"/> in a row.</summary>
    RedirectRefused,
}
