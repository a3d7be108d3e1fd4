using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using CsmEvents.Completers;
using CsmEvents.Datadog;
using CsmEvents.Hosting;

namespace CsmEvents.Commands;

/// <summary>
/// Base of cmdlets that read events from files or from the Datadog Logs Search API (Get-CsmEvent, Test-CsmEvent):
/// the Datadog parameter set (-Query, -From, -To, -Site, -ApiUrl, -MaxEvents, -PageSize, -AllSources, -ApiKey,
/// -ApplicationKey) with one meaning everywhere, and <see cref="ConnectToDatadog"/>, which checks the search and the
/// keys before any request. A derived cmdlet declares the Datadog error ids in its <c>[ErrorIds(...)]</c>.
/// </summary>
public abstract class DatadogInputCmdlet : PathInputCmdlet
{
    public const string DatadogSet = "Datadog";

    /// <summary>Search the Datadog Logs API with this query (Datadog log search syntax, e.g.
    /// '@agent.rule_id:shell_from_webserver host:web-01'); only CSM Threats events unless -AllSources.</summary>
    [Parameter(ParameterSetName = DatadogSet, Mandatory = true)]
    [AllowEmptyString]
    public string? Query { get; set; }

    /// <summary>Start of the search: a date (Get-Date, a DateTimeOffset) or text (now-6h, 2025-06-03T09:00:00Z,
    /// epoch milliseconds). Text without an offset is UTC, as are dates that do not say (Kind Unspecified). Default now-15m.</summary>
    [Parameter(ParameterSetName = DatadogSet)]
    public DatadogTime? From { get; set; }

    /// <summary>End of the search, as -From. Default now.</summary>
    [Parameter(ParameterSetName = DatadogSet)]
    public DatadogTime? To { get; set; }

    /// <summary>The Datadog site (datadoghq.eu, us5.datadoghq.com, ...; one of Datadog's sites, any other address
    /// goes to -ApiUrl); default DD_SITE, else datadoghq.com.</summary>
    [Parameter(ParameterSetName = DatadogSet)]
    [ValidateNotNullOrEmpty]
    [ValidateDatadogSite]
    [ArgumentCompleter(typeof(DatadogSiteCompleter))]
    public string? Site { get; set; }

    /// <summary>A full API base URL instead of the site (a proxy; http:// only for loopback addresses).</summary>
    [Parameter(ParameterSetName = DatadogSet)]
    [ValidateNotNullOrEmpty]
    public string? ApiUrl { get; set; }

    private long? _maxEvents;
    private int? _pageSize;

    /// <summary>Stop after this many events (no further request is made).</summary>
    [Parameter(ParameterSetName = DatadogSet)]
    [ValidateRange(1, long.MaxValue)]
    public long MaxEvents { get => _maxEvents ?? 0; set => _maxEvents = value; }

    /// <summary>Events per request, 1 to 1000 (default 1000).</summary>
    [Parameter(ParameterSetName = DatadogSet)]
    [ValidateRange(1, DatadogSearchOptions.MaxPageSize)]
    public int PageSize { get => _pageSize ?? DatadogSearchOptions.MaxPageSize; set => _pageSize = value; }

    /// <summary>Search every log source, not only source:runtime-security-agent.</summary>
    [Parameter(ParameterSetName = DatadogSet)]
    public SwitchParameter AllSources { get; set; }

    /// <summary>The Datadog API key; default the DD_API_KEY environment variable.</summary>
    [Parameter(ParameterSetName = DatadogSet)]
    public SecureString? ApiKey { get; set; }

    /// <summary>The Datadog application key; default DD_APP_KEY, else DD_APPLICATION_KEY.</summary>
    [Parameter(ParameterSetName = DatadogSet)]
    public SecureString? ApplicationKey { get; set; }

    /// <summary>True when the cmdlet was called with -Query.</summary>
    protected bool ReadsDatadog => ParameterSetName == DatadogSet;

    /// <summary>Checks the search and the keys and creates the client, before any request: a missing key or a bad
    /// setting is one terminating error whose message names the setting (never a key). The caller disposes the client.</summary>
    protected (DatadogLogsClient Client, DatadogSearchOptions Search) ConnectToDatadog()
    {
        try
        {
            var search = new DatadogSearchOptions { Query = Query, IncludeAllSources = AllSources, MaxEvents = _maxEvents };
            if (From != null) search.From = From;
            if (To != null) search.To = To;
            if (_pageSize.HasValue) search.PageSize = _pageSize.Value;
            search.Validate(DateTimeOffset.UtcNow);
            var credentials = DatadogCredentials.Resolve(Plain(ApiKey), Plain(ApplicationKey), null, "-ApiKey", "-ApplicationKey");
            return (new DatadogLogsClient(credentials, new DatadogClientOptions { Site = Site, ApiUrl = ApiUrl }), search);
        }
        catch (DatadogConfigurationException ex)
        {
            ThrowTerminating(new CsmError(DatadogErrorIds.Configuration, CsmErrorCategory.InvalidArgument, ex.Message, null, ex));
            throw; // not reached: ThrowTerminating always throws
        }
    }

    // The plain text lives only as long as the credentials object that carries it to the request headers.
    private static string? Plain(SecureString? secure) => secure == null ? null : new NetworkCredential(string.Empty, secure).Password;
}
