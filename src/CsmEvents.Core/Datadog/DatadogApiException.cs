using System;

namespace CsmEvents.Datadog;

/// <summary>
/// A Logs Search request failed for good. The message names the HTTP status (when there was one), the request
/// (method and URL), the page number and Datadog's request id when known, and what to do; it never holds a key.
/// </summary>
public sealed class DatadogApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatadogApiException(DatadogErrorKind kind, string message, string request, int pageNumber,
        int? statusCode = null, string? requestId = null, int attempts = 1, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Request = request;
        PageNumber = pageNumber;
        StatusCode = statusCode;
        RequestId = requestId;
        Attempts = attempts;
    }

    /// <summary>What went wrong, for mapping to error ids.</summary>
    public DatadogErrorKind Kind { get; }

    /// <summary>The request, e.g. <c>POST https://api.datadoghq.com/api/v2/logs/events/search</c>.</summary>
    public string Request { get; }

    /// <summary>The page (1-based) being fetched.</summary>
    public int PageNumber { get; }

    /// <summary>The last HTTP status received; null when no response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>Datadog's <c>meta.request_id</c> when the response carried one.</summary>
    public string? RequestId { get; }

    /// <summary>How many times the request was sent.</summary>
    public int Attempts { get; }
}
