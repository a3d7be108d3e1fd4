using System;
using System.Management.Automation;
using CsmEvents.Completers;
using CsmEvents.Conversion;
using CsmEvents.Hosting;
using CsmEvents.Reading;
using CsmEvents.Schema;

namespace CsmEvents.Commands;

/// <summary>
/// <para type="synopsis">Validates CSM Threats security events against the event JSON schemas.</para>
/// <para type="description">Validates events from files (the records as read), CsmEvent objects (their lossless
/// JSON: the same verdict as the file) and JSON text from the pipeline. Writes one [bool] per event, or with
/// -Detailed one CsmValidationResult; invalid events are results, not errors. Unreadable records are errors
/// (PATH:LINE: reason); an unusable schema is a terminating error.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "CsmEvent", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool), typeof(CsmValidationResult))]
[ErrorIds(
    SchemaErrorIds.SchemaLoadFailed, SchemaErrorIds.UnknownSchema, ConversionErrorIds.UnsupportedValue,
    ReadErrorIds.InvalidJson, ReadErrorIds.NotAnObject, ReadErrorIds.NestingTooDeep, ReadErrorIds.InvalidUtf8,
    ReadErrorIds.LoneSurrogate, ReadErrorIds.RecordTooLarge, ReadErrorIds.NotJson,
    ReadErrorIds.DuplicateProperty, ReadErrorIds.CorruptCompressedStream, ReadErrorIds.InvalidDatadogEnvelope,
    ReadErrorIds.FileNotFound, ReadErrorIds.FileReadError,
    PathErrorIds.PathNotFound, PathErrorIds.NotFileSystemPath, PathErrorIds.InvalidPath)]
public sealed class TestCsmEventCommand : PathInputCmdlet
{
    public const string InputObjectSet = "InputObject";

    /// <summary>Events to validate: CsmEvent objects (Get-CsmEvent, ConvertTo-CsmEvent) or JSON text (lines or
    /// whole documents; all strings of one pipeline run form one text). Other objects are refused at binding, so
    /// Get-ChildItem output binds to -LiteralPath.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    [EventOrText]
    public PSObject? InputObject { get; set; }

    /// <summary>The embedded schema to validate against: auto (per event: windows, or linux for old-format
    /// events), windows, linux or base.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SchemaNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Schema { get; set; } = TestEventsOptions.AutoSchema;

    /// <summary>A JSON schema file to validate against instead (e.g. Datadog's backend_linux.schema.json).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SchemaPath { get; set; }

    /// <summary>Do not report fields the schema does not list (additionalProperties errors).</summary>
    [Parameter]
    public SwitchParameter IgnoreAdditionalProperties { get; set; }

    /// <summary>Write a CsmValidationResult per event (verdict, source, schema, errors) instead of a bool.</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    private TestEventsRunner? _runner;
    private EventOrTextInput? _input;

    protected override void BeginProcessing()
    {
        var options = new TestEventsOptions
        {
            SchemaName = Schema,
            // Relative to the PowerShell location, which is not the process's current directory.
            SchemaPath = SchemaPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(SchemaPath),
            IgnoreAdditionalProperties = IgnoreAdditionalProperties,
            Detailed = Detailed,
            Recurse = Recurse,
            MaxRecordBytes = MaxRecordSize,
        };
        try
        {
            _runner = new TestEventsRunner(options, Sink);
        }
        catch (SchemaLoadException ex)
        {
            ThrowTerminating(new CsmError(SchemaErrorIds.SchemaLoadFailed, CsmErrorCategory.InvalidData, "unusable schema: " + ex.Message, options.SchemaPath ?? Schema, ex));
        }
        catch (ArgumentException ex)
        {
            ThrowTerminating(new CsmError(SchemaErrorIds.UnknownSchema, CsmErrorCategory.InvalidArgument, ex.Message, Schema, ex));
        }
        var runner = _runner!;
        _input = new EventOrTextInput(() => runner.BeginText(ConvertToEventsRunner.PipelineTextPath), runner.TestEvent, Sink, HostObjects);
    }

    protected override void ProcessRecord()
    {
        if (ReadsPaths)
        {
            var paths = ResolveInputPaths();
            Run(() => _runner!.ReadPaths(paths));
            return;
        }
        Run(() => _input!.Add(InputObject));
    }

    protected override void EndProcessing() => Run(() => _input?.Complete());

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input?.Dispose();
    }
}
