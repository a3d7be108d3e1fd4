using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;

namespace CsmEvents.Datadog;

/// <summary>How long to wait after a 429, read from the response headers.</summary>
internal static class RateLimitWait
{
    /// <summary>
    /// <c>X-RateLimit-Reset</c> (seconds until the window resets, Datadog's own header) wins; then
    /// <c>Retry-After</c> (seconds or an HTTP date); then <c>X-RateLimit-Period</c> (the whole window, the
    /// documented fallback); else the policy default. The result is clamped by the policy.
    /// </summary>
    /// <returns>The wait and a short note of which header decided it, for verbose output.</returns>
    public static (TimeSpan Wait, string Source) From(HttpResponseHeaders headers, DateTimeOffset now, RetryPolicy policy)
    {
        if (Seconds(headers, "X-RateLimit-Reset") is double reset)
            return (policy.ClampRateLimitWait(TimeSpan.FromSeconds(reset)), "X-RateLimit-Reset: " + Format(reset));

        RetryConditionHeaderValue? retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is TimeSpan delta && delta >= TimeSpan.Zero)
            return (policy.ClampRateLimitWait(delta), "Retry-After: " + Format(delta.TotalSeconds));
        if (retryAfter?.Date is DateTimeOffset date)
        {
            TimeSpan untilDate = date - now;
            return (policy.ClampRateLimitWait(untilDate < TimeSpan.Zero ? TimeSpan.Zero : untilDate),
                "Retry-After: " + date.ToString("r", CultureInfo.InvariantCulture));
        }

        if (Seconds(headers, "X-RateLimit-Period") is double period)
            return (policy.ClampRateLimitWait(TimeSpan.FromSeconds(period)), "X-RateLimit-Period: " + Format(period));

        return (policy.ClampRateLimitWait(policy.DefaultRateLimitWait), "no rate-limit header");
    }

    private static double? Seconds(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out IEnumerable<string>? values)) return null;
        string? text = values.FirstOrDefault()?.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && seconds >= 0 && !double.IsInfinity(seconds))
            // Beyond a day is nonsense for a rate-limit window; clamping happens later anyway.
            return Math.Min(seconds, 86400);
        return null;
    }

    private static string Format(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
