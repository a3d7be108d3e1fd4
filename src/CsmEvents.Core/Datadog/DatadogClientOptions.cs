using System;
using System.Threading;
using System.Threading.Tasks;

namespace CsmEvents.Datadog;

/// <summary>Where and how the client talks to Datadog. Defaults suit real use; tests replace the delay and clock.</summary>
public sealed class DatadogClientOptions
{
    /// <summary>The Datadog site (e.g. <c>datadoghq.eu</c>); when null, <c>DD_SITE</c>, then <c>datadoghq.com</c>.</summary>
    public string? Site { get; set; }

    /// <summary>A full base URL overriding the site (a proxy, a test server); http:// only for loopback.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>Time allowed for one request, from sending to the last byte of the body; default 60 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retry and wait limits.</summary>
    public RetryPolicy Retry { get; set; } = new RetryPolicy();

    /// <summary>
    /// Performs the waits between attempts. The default really waits (<see cref="Task.Delay(TimeSpan, CancellationToken)"/>);
    /// tests record the requested waits instead. Cancellation interrupts a wait even if this ignores the token.
    /// </summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = RealDelay;

    /// <summary>The current time, used for <c>Retry-After</c> dates and to check that From is not after To.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Reads environment variables (<c>DD_SITE</c>); the process environment by default.</summary>
    public Func<string, string?> Environment { get; set; } = DatadogEnvironment.Process;

    /// <summary>The default delay: waits for real, ends early (cancelled) when the token is cancelled.</summary>
    public static Task RealDelay(TimeSpan wait, CancellationToken cancellationToken) => Task.Delay(wait, cancellationToken);

    internal void Validate()
    {
        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromHours(1))
            throw new DatadogConfigurationException(
                $"RequestTimeout must be more than 0 and at most 1 hour; got {RequestTimeout.TotalSeconds} s.");
        if (Retry is null) throw new DatadogConfigurationException("Retry must be set.");
        Retry.Validate();
        if (Delay is null || Clock is null || Environment is null)
            throw new DatadogConfigurationException("Delay, Clock and Environment must be set.");
    }
}
