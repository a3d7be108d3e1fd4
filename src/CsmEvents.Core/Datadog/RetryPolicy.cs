using System;

namespace CsmEvents.Datadog;

/// <summary>
/// How long to keep trying one page. Rate limiting (429) and transient failures (5xx, 408, timeouts, refused
/// connections) have separate budgets: waiting out a rate limit is expected and says nothing about Datadog's
/// health, while repeated 5xx does. Every wait is capped so a bad header cannot stall a session for hours.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Total sends allowed when each fails transiently (5xx, 408, timeout, network); default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry after a transient failure; doubled for each further retry. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one backoff wait; default 30 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many 429 answers to wait out for one page before failing; default 5.</summary>
    public int MaxRateLimitRetries { get; set; } = 5;

    /// <summary>Upper bound of one rate-limit wait, whatever the headers say; default 60 s.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Lower bound of one rate-limit wait (a reset of 0 s still means "not yet"); default 1 s.</summary>
    public TimeSpan MinRateLimitWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rate-limit wait when a 429 carries no usable header; default 10 s.</summary>
    public TimeSpan DefaultRateLimitWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based) after transient failures.</summary>
    public TimeSpan BackoffBefore(int retry)
    {
        double seconds = InitialBackoff.TotalSeconds * Math.Pow(2, Math.Max(0, retry - 1));
        return seconds >= MaxBackoff.TotalSeconds ? MaxBackoff : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Clamps a rate-limit wait into [<see cref="MinRateLimitWait"/>, <see cref="MaxRateLimitWait"/>].</summary>
    public TimeSpan ClampRateLimitWait(TimeSpan wait) =>
        wait < MinRateLimitWait ? MinRateLimitWait : wait > MaxRateLimitWait ? MaxRateLimitWait : wait;

    internal void Validate()
    {
        if (MaxAttempts < 1)
            throw new DatadogConfigurationException($"RetryPolicy.MaxAttempts must be at least 1; got {MaxAttempts}.");
        if (MaxRateLimitRetries < 0)
            throw new DatadogConfigurationException($"RetryPolicy.MaxRateLimitRetries must not be negative; got {MaxRateLimitRetries}.");
        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < TimeSpan.Zero || MinRateLimitWait < TimeSpan.Zero
            || MaxRateLimitWait < MinRateLimitWait || DefaultRateLimitWait < TimeSpan.Zero)
            throw new DatadogConfigurationException("RetryPolicy waits must not be negative, and MaxRateLimitWait must not be below MinRateLimitWait.");
    }
}
