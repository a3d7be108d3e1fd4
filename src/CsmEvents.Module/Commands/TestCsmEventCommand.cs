using System;
using System.Management.Automation;
using CsmEvents.Completers;
using CsmEvents.Conversion;
using CsmEvents.Datadog;
using CsmEvents.Drift;
using CsmEvents.Hosting;
using CsmEvents.Reading;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Commands;

/// <summary>
/// <para type="synopsis">Validates CSM Threats security events against the event JSON schemas.</para>
/// <para type="description">Validates events from files (the records as read), CsmEvent objects (their lossless
/// JSON: the same verdict as the file), JSON text from the pipeline, or a Datadog Logs API search (-Query). Writes
/// one [bool] per event, or with -Detailed one CsmValidationResult, or with -Summary one CsmDriftSummary: the
/// problems grouped by schema, keyword and path, compared with a baseline of known drift and written as a JUnit
/// report. Invalid events are results, not errors. Unreadable records are errors (PATH:LINE: reason); an unusable
/// schema or baseline is a terminating error.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "CsmEvent", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool), typeof(CsmValidationResult), typeof(CsmDriftSummary))]
[ErrorIds(
    SchemaErrorIds.SchemaLoadFailed, SchemaErrorIds.UnknownSchema, ConversionErrorIds.UnsupportedValue,
    DriftErrorIds.BaselineLoadFailed, DriftErrorIds.ReportWriteFailed, ParameterErrorIds.InvalidParameterValue,
    ReadErrorIds.InvalidJson, ReadErrorIds.NotAnObject, ReadErrorIds.NestingTooDeep, ReadErrorIds.InvalidUtf8,
    ReadErrorIds.LoneSurrogate, ReadErrorIds.RecordTooLarge, ReadErrorIds.NotJson,
    ReadErrorIds.DuplicateProperty, ReadErrorIds.CorruptCompressedStream, ReadErrorIds.InvalidDatadogEnvelope,
    ReadErrorIds.FileNotFound, ReadErrorIds.FileReadError,
    PathErrorIds.PathNotFound, PathErrorIds.NotFileSystemPath, PathErrorIds.InvalidPath,
    DatadogErrorIds.Configuration, DatadogErrorIds.BadRequest, DatadogErrorIds.Unauthorized, DatadogErrorIds.Forbidden,
    DatadogErrorIds.RateLimited, DatadogErrorIds.ServerError, DatadogErrorIds.Timeout, DatadogErrorIds.NetworkError,
    DatadogErrorIds.MalformedResponse, DatadogErrorIds.UnexpectedStatus, DatadogErrorIds.RedirectRefused)]
public sealed class TestCsmEventCommand : DatadogInputCmdlet
{
    public const string InputObjectSet = "InputObject";

    /// <summary>The fetch command the warning about uncached schemas names.</summary>
    private const string FetchCommand = "Save-CsmSchema {0}";

    /// <summary>Events to validate: CsmEvent objects (Get-CsmEvent, ConvertTo-CsmEvent) or JSON text (lines or
    /// whole documents; all strings of one pipeline run form one text). Other objects are refused at binding, so
    /// Get-ChildItem output binds to -LiteralPath.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    [EventOrText]
    public PSObject? InputObject { get; set; }

    /// <summary>The schema to validate against: auto (per event: windows, linux or base for the old formats, and
    /// the cached backend_linux schema of the event's agent version for current Linux events), windows, linux,
    /// base, or a cached schema such as backend_linux@7.64.3.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SchemaNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Schema { get; set; } = TestEventsOptions.AutoSchema;

    /// <summary>A JSON schema file to validate against instead (any JSON Schema file).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SchemaPath { get; set; }

    /// <summary>Do not report fields the schema does not list (additionalProperties errors).</summary>
    [Parameter]
    public SwitchParameter IgnoreAdditionalProperties { get; set; }

    /// <summary>Write a CsmValidationResult per event (verdict, source, schema, errors) instead of a bool.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <summary>Write one CsmDriftSummary at the end instead of a result per event: the problems grouped by schema,
    /// keyword and instance path, with counts, agent versions and where they were seen.</summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    /// <summary>A baseline file of known drift groups: only groups it does not list are new (HasNewDrift,
    /// ExitCode 1). Implies -Summary.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BaselinePath { get; set; }

    /// <summary>Write this run's drift groups to -BaselinePath (creating or replacing it).</summary>
    [Parameter]
    public SwitchParameter UpdateBaseline { get; set; }

    /// <summary>Write a JUnit XML report (one test suite per schema, one test case per drift group) to this file.
    /// Implies -Summary.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? JUnitPath { get; set; }

    private TestEventsRunner? _runner;
    private EventOrTextInput? _input;
    private DatadogLogsClient? _client;
    private DatadogSearchOptions? _search;

    protected override void BeginProcessing()
    {
        var options = new TestEventsOptions
        {
            SchemaName = Schema,
            // Relative to the PowerShell location, which is not the process's current directory.
            SchemaPath = ProviderPath(SchemaPath),
            IgnoreAdditionalProperties = IgnoreAdditionalProperties,
            Detailed = Detailed,
            Recurse = Recurse,
            SchemaCache = SchemaCache.FromEnvironment(Environment.GetEnvironmentVariable),
            FetchCommand = FetchCommand,
            Summary = Summary,
            BaselinePath = ProviderPath(BaselinePath),
            UpdateBaseline = UpdateBaseline,
            JUnitPath = ProviderPath(JUnitPath),
            MaxRecordBytes = MaxRecordSize,
        };
        CheckCombination(options);
        try
        {
            _runner = new TestEventsRunner(options, Sink);
        }
        catch (SchemaLoadException ex)
        {
            ThrowTerminating(new CsmError(SchemaErrorIds.SchemaLoadFailed, CsmErrorCategory.InvalidData, "unusable schema: " + ex.Message, options.SchemaPath ?? Schema, ex));
        }
        catch (BaselineLoadException ex)
        {
            ThrowTerminating(new CsmError(DriftErrorIds.BaselineLoadFailed, CsmErrorCategory.InvalidData, "unusable baseline: " + ex.Message, ex.Path, ex));
        }
        catch (ArgumentException ex)
        {
            ThrowTerminating(new CsmError(SchemaErrorIds.UnknownSchema, CsmErrorCategory.InvalidArgument, ex.Message, Schema, ex));
        }
        var runner = _runner!;
        _input = new EventOrTextInput(() => runner.BeginText(ConvertToEventsRunner.PipelineTextPath), runner.TestEvent, Sink, HostObjects);
        if (ReadsDatadog) (_client, _search) = ConnectToDatadog();
    }

    /// <summary>Switches that contradict each other stop the command before anything is read.</summary>
    private void CheckCombination(TestEventsOptions options)
    {
        string? problem = options.UpdateBaseline && options.BaselinePath == null ? "-UpdateBaseline needs -BaselinePath (the file to write)"
            : options.Detailed && options.Summarizes ? "-Detailed writes a result per event and -Summary (implied by -BaselinePath and -JUnitPath) one summary: use one of them"
            : null;
        if (problem != null) ThrowTerminating(new CsmError(ParameterErrorIds.InvalidParameterValue, CsmErrorCategory.InvalidArgument, problem));
    }

    private string? ProviderPath(string? path) => path == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    protected override void ProcessRecord()
    {
        if (ReadsDatadog)
        {
            // Pages are validated as they arrive; Ctrl+C cancels the request in flight through the sink's token.
            Run(() => GetEventsRunner.ReadDatadog(_client!, _search!, _runner!, Sink, _runner!.Reading));
            return;
        }
        if (ReadsPaths)
        {
            var paths = TakeInputPaths();
            Run(() => _runner!.ReadPaths(paths));
            return;
        }
        Run(() => _input!.Add(InputObject));
    }

    protected override void EndProcessing() => Run(() =>
    {
        _input?.Complete();
        if (ReadsPaths) _runner!.ReadPaths(TakeHeldFolders());
        _runner!.ReportTotals();
        _runner.Complete();
    });

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _input?.Dispose();
        _client?.Dispose();
    }
}
