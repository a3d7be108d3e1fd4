using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsmEvents.Commands;
using CsmEvents.Datadog;
using CsmEvents.Tests.Datadog;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Commands;

/// <summary>What Get-CsmEvent's Datadog set relies on beyond the scenario: dates for -From, the key message,
/// Ctrl+C during a request.</summary>
public class DatadogReadTests
{
    [Fact]
    public void ADateTimeBindsToDatadogTimeAsTheSameInstant()
    {
        var local = new DateTime(2025, 6, 3, 11, 0, 0, DateTimeKind.Local);
        DatadogTime fromLocal = local;
        Assert.Equal(new DateTimeOffset(local).ToUniversalTime(), fromLocal.Absolute);
        DatadogTime fromUtc = new DateTime(2025, 6, 3, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal("2025-06-03T09:00:00.000Z", fromUtc.ToRequestValue());
        Assert.False(fromUtc.IsRelative);
    }

    [Fact]
    public void MissingKeysNameTheCmdletParametersAndTheVariables()
    {
        var ex = Assert.Throws<DatadogConfigurationException>(() => DatadogCredentials.Resolve(null, null, _ => null, "-ApiKey", "-ApplicationKey"));
        Assert.Equal("No Datadog API key: set DD_API_KEY or use -ApiKey; no Datadog application key: set DD_APP_KEY (or DD_APPLICATION_KEY) or use -ApplicationKey.", ex.Message);
    }

    [Fact]
    public async Task StoppingCancelsTheRequestInFlight()
    {
        using var server = new LoopbackServer(new ScriptedResponse { Body = "{\"data\":[]}", Delay = TimeSpan.FromMinutes(2) });
        using var client = new DatadogLogsClient(new DatadogCredentials(ClientHarness.ApiKey, ClientHarness.AppKey), new DatadogClientOptions { ApiUrl = server.BaseUrl, Environment = _ => null });
        var sink = new RecordingSink();
        var runner = new GetEventsRunner(new GetEventsOptions(), sink);
        var stopper = Task.Run(() =>
        {
            // Bounded, so that a client that never sends fails the test instead of leaving this loop spinning.
            SpinWait.SpinUntil(() => server.Requests.Count > 0, TimeSpan.FromSeconds(60));
            sink.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() => runner.ReadDatadog(client, new DatadogSearchOptions { Query = "x" }));
        await stopper;
        Assert.Empty(sink.Errors);
        Assert.Single(server.Requests);
    }
}
