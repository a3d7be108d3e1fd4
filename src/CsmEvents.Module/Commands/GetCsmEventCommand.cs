using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using CsmEvents.Completers;
using CsmEvents.Datadog;
using CsmEvents.Hosting;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// <para type="synopsis">Reads CSM Threats security events from files, folders, pipeline text or the Datadog Logs API.</para>
/// <para type="description">Reads JSON lines, JSON arrays, single or concatenated JSON documents, gzip files and
/// Datadog Logs API pages, or searches the Datadog Logs API (-Query), and writes one CsmEvent per event as soon as
/// it is read. Filters apply while reading. Each bad record is one non-terminating error with a stable id and the
/// message PATH:LINE: reason.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "CsmEvent", DefaultParameterSetName = PathSet)]
[OutputType(typeof(CsmEvent))]
[ErrorIds(
    ReadErrorIds.InvalidJson, ReadErrorIds.NotAnObject, ReadErrorIds.NestingTooDeep, ReadErrorIds.InvalidUtf8,
    ReadErrorIds.DuplicateProperty, ReadErrorIds.CorruptCompressedStream, ReadErrorIds.InvalidDatadogEnvelope,
    ReadErrorIds.FileNotFound, ReadErrorIds.FileReadError,
    PathErrorIds.PathNotFound, PathErrorIds.NotFileSystemPath, PathErrorIds.InvalidPath,
    DatadogErrorIds.Configuration, DatadogErrorIds.BadRequest, DatadogErrorIds.Unauthorized, DatadogErrorIds.Forbidden,
    DatadogErrorIds.RateLimited, DatadogErrorIds.ServerError, DatadogErrorIds.Timeout, DatadogErrorIds.NetworkError,
    DatadogErrorIds.MalformedResponse, DatadogErrorIds.UnexpectedStatus, DatadogErrorIds.RedirectRefused)]
public sealed class GetCsmEventCommand : PathInputCmdlet
{
    public const string InputObjectSet = "InputObject";
    public const string DatadogSet = "Datadog";

    /// <summary>Event text from the pipeline: lines (Get-Content) or whole documents (Get-Content -Raw,
    /// Invoke-WebRequest content). All strings of one pipeline run form one text.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    [AllowEmptyCollection]
    public string[]? InputObject { get; set; }

    /// <summary>Keep events whose type (evt.name) matches one of these wildcard patterns.</summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(EventTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? EventType { get; set; }

    /// <summary>Keep events of these categories (evt.category), compared case-insensitively.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CategoryCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Category { get; set; }

    /// <summary>Keep events with these outcomes (evt.outcome), compared case-insensitively.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(OutcomeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Outcome { get; set; }

    /// <summary>Keep events whose rule (agent.rule_id) matches one of these wildcard patterns.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? RuleId { get; set; }

    private DateTimeOffset? _after;
    private DateTimeOffset? _before;
    private CsmPlatform? _platform;

    /// <summary>Keep events at or after this time (event date, else the Datadog log timestamp). Text without an
    /// offset is UTC, as are dates that do not say (Kind Unspecified); Get-Date values are their instant; now-6h works.</summary>
    [Parameter]
    [TimeArgument]
    public DateTimeOffset After { get => _after ?? default; set => _after = value; }

    /// <summary>Keep events before this time (same rule as -After).</summary>
    [Parameter]
    [TimeArgument]
    public DateTimeOffset Before { get => _before ?? default; set => _before = value; }

    /// <summary>Keep events of this platform (Windows or Linux; Unknown for events that tell neither).</summary>
    [Parameter]
    public CsmPlatform Platform { get => _platform ?? default; set => _platform = value; }

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

    private GetEventsRunner? _runner;
    private GetEventsRunner.TextInput? _text;
    private DatadogLogsClient? _client;
    private DatadogSearchOptions? _search;

    protected override void BeginProcessing()
    {
        var filter = new EventFilter
        {
            EventTypes = EventType,
            Categories = Category,
            Outcomes = Outcome,
            RuleIds = RuleId,
            After = _after,
            Before = _before,
            Platform = _platform,
        };
        _runner = new GetEventsRunner(new GetEventsOptions { Recurse = Recurse, Filter = filter }, Sink);
        if (ParameterSetName == DatadogSet) ConnectToDatadog();
    }

    /// <summary>Checks the search and the keys and creates the client, before any request: a missing key or a bad
    /// setting is one terminating error whose message names the setting (never a key).</summary>
    private void ConnectToDatadog()
    {
        try
        {
            _search = new DatadogSearchOptions { Query = Query, IncludeAllSources = AllSources, MaxEvents = _maxEvents };
            if (From != null) _search.From = From;
            if (To != null) _search.To = To;
            if (_pageSize.HasValue) _search.PageSize = _pageSize.Value;
            _search.Validate(DateTimeOffset.UtcNow);
            var credentials = DatadogCredentials.Resolve(Plain(ApiKey), Plain(ApplicationKey), null, "-ApiKey", "-ApplicationKey");
            _client = new DatadogLogsClient(credentials, new DatadogClientOptions { Site = Site, ApiUrl = ApiUrl });
        }
        catch (DatadogConfigurationException ex)
        {
            ThrowTerminating(new CsmError(DatadogErrorIds.Configuration, CsmErrorCategory.InvalidArgument, ex.Message, null, ex));
        }
    }

    // The plain text lives only as long as the credentials object that carries it to the request headers.
    private static string? Plain(SecureString? secure) => secure == null ? null : new NetworkCredential(string.Empty, secure).Password;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == DatadogSet)
        {
            // Pages stream into the pipeline as they arrive; Ctrl+C cancels the request in flight through the sink's token.
            Run(() => _runner!.ReadDatadog(_client!, _search!));
            return;
        }
        if (ReadsPaths)
        {
            var paths = ResolveInputPaths();
            Run(() => _runner!.ReadPaths(paths));
            return;
        }
        _text ??= _runner!.BeginText(Conversion.ConvertToEventsRunner.PipelineTextPath);
        Run(() => Array.ForEach(InputObject ?? Array.Empty<string>(), _text.Append));
    }

    protected override void EndProcessing() => Run(() => _text?.Complete());

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _text?.Dispose();
        _client?.Dispose();
    }
}
