using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CsmEvents.Completers;
using CsmEvents.Conversion;
using CsmEvents.Model;
using CsmEvents.Reading;
using CsmEvents.Report;
using CsmEvents.Schema.Cache;
using CsmEvents.Schema;

namespace CsmEvents.Commands;

/// <summary>
/// <para type="synopsis">Writes CSM Threats security events as one self-contained HTML incident report.</para>
/// <para type="description">Writes one HTML file that needs nothing else: it loads nothing when opened (no network,
/// fonts or CDN), works offline and prints. It shows hosts, time range, the rules that fired (most severe first) and
/// event types at a glance; a timeline per rule or per host; the process tree of each host (as Get-CsmProcessTree
/// builds it) with rule hits marked, collapsible, and a search that marks matching processes and their lineage; and a
/// table of the events with filters, where clicking an event shows its JSON as read and its place in the tree. With
/// -Validate it also shows the validation results of Test-CsmEvent. Events come from the pipeline (Get-CsmEvent) or
/// from files, read like Get-CsmEvent reads them. An existing file is replaced (not with -NoClobber; a read-only one
/// only with -Force); the file is written when the page is complete.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "CsmReport", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
[ErrorIds(
    ReportErrorIds.OutputFolderNotFound, ReportErrorIds.OutputPathIsFolder, ReportErrorIds.OutputFileExists, ReportErrorIds.OutputFileReadOnly,
    ReportErrorIds.ReportWriteFailed, SchemaErrorIds.SchemaLoadFailed, SchemaErrorIds.UnknownSchema, ConversionErrorIds.UnsupportedValue,
    ReadErrorIds.InvalidJson, ReadErrorIds.NotAnObject, ReadErrorIds.NestingTooDeep, ReadErrorIds.InvalidUtf8,
    ReadErrorIds.LoneSurrogate, ReadErrorIds.RecordTooLarge, ReadErrorIds.NotJson,
    ReadErrorIds.DuplicateProperty, ReadErrorIds.CorruptCompressedStream, ReadErrorIds.InvalidDatadogEnvelope,
    ReadErrorIds.FileNotFound, ReadErrorIds.FileReadError,
    PathErrorIds.PathNotFound, PathErrorIds.NotFileSystemPath, PathErrorIds.InvalidPath, ParameterErrorIds.InvalidParameterValue)]
public sealed class ExportCsmReportCommand : PathInputCmdlet
{
    public const string InputObjectSet = "InputObject";

    /// <summary>Events to report (Get-CsmEvent, ConvertTo-CsmEvent).</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public CsmEvent?[]? InputObject { get; set; }

    /// <summary>The HTML file to write. The first positional argument when events come from the pipeline (or with
    /// -LiteralPath); the second after -Path.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 1)]
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string OutFile { get; set; } = string.Empty;

    /// <summary>The page's title (default: CSM events report).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    /// <summary>Validate every event (as Test-CsmEvent does) and show the results.</summary>
    [Parameter]
    public SwitchParameter Validate { get; set; }

    /// <summary>With -Validate: the embedded schema (auto, windows, linux or base).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SchemaNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Schema { get; set; }

    /// <summary>With -Validate: a JSON schema file to validate against instead.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SchemaPath { get; set; }

    /// <summary>With -Validate: do not report fields the schema does not list.</summary>
    [Parameter]
    public SwitchParameter IgnoreAdditionalProperties { get; set; }

    /// <summary>Replace the output file even when it is read-only.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Do not replace an existing output file.</summary>
    [Parameter]
    [Alias("NoOverwrite")]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Write the FileInfo of the report.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private ReportRunner? _runner;
    private string _outputPath = string.Empty;
    private bool _declined;

    // Files already read in this run (Get-Content lines carry their file's PSPath; see Get-CsmProcessTree).

    protected override void BeginProcessing()
    {
        if (!Validate && (Schema != null || SchemaPath != null || IgnoreAdditionalProperties))
        {
            ThrowTerminating(new CsmError(ParameterErrorIds.InvalidParameterValue, CsmErrorCategory.InvalidArgument,
                "-Schema, -SchemaPath and -IgnoreAdditionalProperties apply to validation: add -Validate", Schema ?? SchemaPath));
        }
        _outputPath = ResolveOutputPath();
        if (ReportFile.Check(_outputPath, NoClobber, Force) is { } problem) ThrowTerminating(problem);
        if (!ShouldProcess(_outputPath, "Write the HTML report"))
        {
            _declined = true;
            return;
        }
        var options = new ReportOptions
        {
            Read = new GetEventsOptions { Recurse = Recurse, MaxRecordBytes = MaxRecordSize },
            Title = Title,
            Validate = Validate,
            ValidateInOrder = VerboseRequested,
            SchemaCache = SchemaCache.FromEnvironment(Environment.GetEnvironmentVariable),
            FetchCommand = "Save-CsmSchema {0}",
            SchemaName = Schema ?? TestEventsOptions.AutoSchema,
            // Relative to the PowerShell location, which is not the process's current directory.
            SchemaPath = SchemaPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(SchemaPath),
            IgnoreAdditionalProperties = IgnoreAdditionalProperties,
        };
        try
        {
            _runner = new ReportRunner(options, Sink, HostObjects);
        }
        catch (SchemaLoadException ex)
        {
            ThrowTerminating(new CsmError(SchemaErrorIds.SchemaLoadFailed, CsmErrorCategory.InvalidData, "unusable schema: " + ex.Message, options.SchemaPath ?? Schema, ex));
        }
        catch (ArgumentException ex)
        {
            ThrowTerminating(new CsmError(SchemaErrorIds.UnknownSchema, CsmErrorCategory.InvalidArgument, ex.Message, Schema, ex));
        }
    }

    protected override void ProcessRecord()
    {
        if (_declined) return;
        if (ReadsPaths)
        {
            // Piped folders wait for the end of the input; each file is read once (the runner's ledger).
            var paths = TakeInputPaths();
            Run(() => _runner!.ReadPaths(paths));
            return;
        }
        Run(() =>
        {
            foreach (var evt in InputObject ?? Array.Empty<CsmEvent?>())
            {
                if (evt != null) _runner!.Add(evt);
            }
        });
    }

    protected override void EndProcessing()
    {
        if (_declined) return;
        if (ReadsPaths) Run(() => _runner!.ReadPaths(TakeHeldFolders()));
        ReportResult? result = null;
        CsmError? problem = null;
        Run(() => problem = ReportFile.Write(_outputPath, Force, _runner!.Complete, out result));
        if (problem != null) ThrowTerminating(problem);
        WriteVerbose(_outputPath + ": " + result);
        if (PassThru) WriteObject(new FileInfo(_outputPath));
    }

    /// <summary>The output as a file-system path: relative to the PowerShell location, no wildcards (like
    /// Out-File -LiteralPath). Another provider's path is a terminating error.</summary>
    private string ResolveOutputPath()
    {
        string path;
        ProviderInfo provider;
        try
        {
            path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile, out provider, out _);
        }
        catch (Exception ex) when (ex is SessionStateException || ex is ProviderInvocationException || ex is NotSupportedException || ex is ArgumentException)
        {
            ThrowTerminating(new CsmError(PathErrorIds.InvalidPath, CsmErrorCategory.InvalidArgument, OutFile + ": " + ex.Message, OutFile, ex));
            throw; // not reached: ThrowTerminating throws
        }
        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            ThrowTerminating(new CsmError(PathErrorIds.NotFileSystemPath, CsmErrorCategory.InvalidArgument,
                OutFile + ": not a file-system path (it is on the " + provider.Name + " provider); give a file to write", OutFile));
        }
        return path;
    }
}
