using System;
using System.Linq;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

public class RetryPolicyTests
{
    [Fact]
    public void BackoffDoublesUpToTheCap()
    {
        var p = new RetryPolicy();
        Assert.Equal(new[] { 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0 },
            Enumerable.Range(1, 7).Select(i => p.BackoffBefore(i).TotalSeconds));
    }

    [Fact]
    public void RateLimitWaitsAreClamped()
    {
        var p = new RetryPolicy();
        Assert.Equal(TimeSpan.FromSeconds(1), p.ClampRateLimitWait(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(42), p.ClampRateLimitWait(TimeSpan.FromSeconds(42)));
        Assert.Equal(TimeSpan.FromSeconds(60), p.ClampRateLimitWait(TimeSpan.FromHours(2)));
    }

    [Fact]
    public void ClientRejectsUnusablePoliciesAndTimeouts()
    {
        var creds = new DatadogCredentials("k1234567", "k7654321");
        Assert.Equal("RetryPolicy.MaxAttempts must be at least 1; got 0.",
            Assert.Throws<DatadogConfigurationException>(() => new DatadogLogsClient(creds, new DatadogClientOptions { Retry = new RetryPolicy { MaxAttempts = 0 } })).Message);
        Assert.Equal("RequestTimeout must be more than 0 and at most 1 hour; got 0 s.",
            Assert.Throws<DatadogConfigurationException>(() => new DatadogLogsClient(creds, new DatadogClientOptions { RequestTimeout = TimeSpan.Zero })).Message);
    }
}
