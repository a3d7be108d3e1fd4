using System;

namespace CsmEvents.Datadog;

/// <summary>The outcome of sending one request once: a response, a timeout, or a connection failure.</summary>
internal sealed class DatadogAttempt
{
    public int? StatusCode { get; private set; }
    public string Reason { get; private set; } = "";
    public byte[] Body { get; private set; } = Array.Empty<byte>();
    public (TimeSpan Wait, string Source) RateLimit { get; private set; }
    public bool TimedOut { get; private set; }
    public Exception? NetworkError { get; private set; }

    /// <summary>The <c>Location</c> header of a redirect (absolute or relative, as the server sent it).</summary>
    public Uri? Location { get; private set; }

    /// <summary>"HTTP 503 Service Unavailable", or "HTTP 503" when the server gave no reason phrase.</summary>
    public string StatusText => Reason.Length == 0 ? $"HTTP {StatusCode}" : $"HTTP {StatusCode} {Reason}";

    public static DatadogAttempt Response(int status, string? reason, byte[] body, (TimeSpan, string) rateLimit, Uri? location = null) =>
        new() { StatusCode = status, Reason = reason?.Trim() ?? "", Body = body, RateLimit = rateLimit, Location = location };

    public static DatadogAttempt Timeout() => new() { TimedOut = true };

    public static DatadogAttempt Failed(Exception error) => new() { NetworkError = error };
}
