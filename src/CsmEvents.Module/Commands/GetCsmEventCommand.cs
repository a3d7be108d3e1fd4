using System;
using System.Management.Automation;
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
    ReadErrorIds.LoneSurrogate, ReadErrorIds.RecordTooLarge, ReadErrorIds.NotJson,
    ReadErrorIds.DuplicateProperty, ReadErrorIds.CorruptCompressedStream, ReadErrorIds.InvalidDatadogEnvelope,
    ReadErrorIds.FileNotFound, ReadErrorIds.FileReadError,
    PathErrorIds.PathNotFound, PathErrorIds.NotFileSystemPath, PathErrorIds.InvalidPath,
    DatadogErrorIds.Configuration, DatadogErrorIds.BadRequest, DatadogErrorIds.Unauthorized, DatadogErrorIds.Forbidden,
    DatadogErrorIds.RateLimited, DatadogErrorIds.ServerError, DatadogErrorIds.Timeout, DatadogErrorIds.NetworkError,
    DatadogErrorIds.MalformedResponse, DatadogErrorIds.UnexpectedStatus, DatadogErrorIds.RedirectRefused)]
public sealed class GetCsmEventCommand : DatadogInputCmdlet
{
    public const string InputObjectSet = "InputObject";
    public const string InputEventSet = "InputEvent";

    /// <summary>Event text from the pipeline: lines (Get-Content) or whole documents (Get-Content -Raw,
    /// Invoke-WebRequest content). All strings of one pipeline run form one text.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    [AllowEmptyCollection]
    public string[]? InputObject { get; set; }

    /// <summary>Events already read, for instance by an earlier Get-CsmEvent or ConvertTo-CsmEvent: the filters
    /// apply to them and they are passed on as they are, not read again.</summary>
    [Parameter(ParameterSetName = InputEventSet, Mandatory = true, ValueFromPipeline = true)]
    public CsmEvent[]? InputEvent { get; set; }

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
        _runner = new GetEventsRunner(new GetEventsOptions { Recurse = Recurse, Filter = filter, MaxRecordBytes = MaxRecordSize }, Sink);
        if (ReadsDatadog) (_client, _search) = ConnectToDatadog();
    }

    protected override void ProcessRecord()
    {
        if (ReadsDatadog)
        {
            // Pages stream into the pipeline as they arrive; Ctrl+C cancels the request in flight through the sink's token.
            Run(() => _runner!.ReadDatadog(_client!, _search!));
            return;
        }
        if (ParameterSetName == InputEventSet)
        {
            Run(() => Array.ForEach(InputEvent ?? Array.Empty<CsmEvent>(), _runner!.PassOn));
            return;
        }
        if (ReadsPaths)
        {
            var paths = TakeInputPaths();
            Run(() => _runner!.ReadPaths(paths));
            return;
        }
        _text ??= _runner!.BeginText(Conversion.ConvertToEventsRunner.PipelineTextPath);
        Run(() => Array.ForEach(InputObject ?? Array.Empty<string>(), _text.Append));
    }

    protected override void EndProcessing() => Run(() =>
    {
        _text?.Complete();
        if (ReadsPaths) _runner!.ReadPaths(TakeHeldFolders());
        _runner!.ReportTotals();
    });

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _text?.Dispose();
        _client?.Dispose();
    }
}
