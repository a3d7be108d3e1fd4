using System;
using System.Collections.Generic;
using System.Linq;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

/// <summary>Builds a client pointed at a loopback server, with recording delay and diagnostics, and checks secrets.</summary>
public sealed class ClientHarness : IDisposable
{
    // Distinctive key values: any leak shows up as "SECRET" in captured text.
    public const string ApiKey = "0123456789abcdefSECRETAPIKEY0001";
    public const string AppKey = "fedcba9876543210SECRETAPPKEY000000000001";

    public ClientHarness(LoopbackServer server, Action<DatadogClientOptions>? configure = null)
    {
        Server = server;
        Options = new DatadogClientOptions
        {
            ApiUrl = server.BaseUrl,
            Delay = Delay.Delay,
            Environment = _ => null,
            Clock = () => new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        };
        configure?.Invoke(Options);
        Client = new DatadogLogsClient(new DatadogCredentials(ApiKey, AppKey), Options);
    }

    public LoopbackServer Server { get; }
    public DatadogClientOptions Options { get; }
    public DatadogLogsClient Client { get; }
    public RecordingDelay Delay { get; } = new();
    public RecordingDiagnostics Diagnostics { get; } = new();

    public string SearchUrl => Server.BaseUrl + "api/v2/logs/events/search";

    /// <summary>Runs the search to the end and returns the pages.</summary>
    public List<DatadogPage> Run(DatadogSearchOptions search) =>
        Client.Search(search, Diagnostics).ToList();

    /// <summary>Runs the search expecting a Datadog failure; returns the pages seen before it and the exception.</summary>
    public (List<DatadogPage> Pages, DatadogApiException Error) RunExpectingFailure(DatadogSearchOptions search)
    {
        var pages = new List<DatadogPage>();
        var error = Assert.Throws<DatadogApiException>(() =>
        {
            foreach (DatadogPage page in Client.Search(search, Diagnostics)) pages.Add(page);
        });
        AssertNoSecrets(error.Message, error.ToString());
        return (pages, error);
    }

    public static List<string> Ids(IEnumerable<DatadogPage> pages) => pages.SelectMany(DatadogResponses.TakenIds).ToList();

    /// <summary>No key text in verbose lines, warnings, page bodies' descriptions or the given texts.</summary>
    public void AssertNoSecrets(params string[] more)
    {
        IEnumerable<string> texts = Diagnostics.VerboseLines
            .Concat(Diagnostics.Warnings.Select(w => w.Message + w.ToString() + w.Code + w.Title + w.Detail))
            .Concat(more);
        foreach (string text in texts)
        {
            Assert.DoesNotContain("SECRET", text);
            Assert.DoesNotContain(ApiKey, text);
            Assert.DoesNotContain(AppKey, text);
        }
    }

    public void Dispose()
    {
        AssertNoSecrets();
        Client.Dispose();
        Server.Dispose();
    }
}
