using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// Base of cmdlets that read event files: the <c>-Path</c> (wildcards) and <c>-LiteralPath</c> (aliases PSPath, LP,
/// FullName) parameter sets, <c>-Recurse</c>, and their resolution to file-system paths. <c>Get-ChildItem | Verb-CsmNoun</c>
/// binds LiteralPath through the PSPath property; <c>Select-Object FullName</c> and <c>Import-Csv</c> of a file list
/// bind it through FullName. Piped folders follow <see cref="PipedPaths"/>: use <see cref="TakeInputPaths"/> in
/// ProcessRecord and <see cref="TakeHeldFolders"/> in EndProcessing. Path takes pipeline input by property name only, so that plain
/// strings from the pipeline (Get-Content lines) bind to a derived cmdlet's <c>-InputObject</c>: with Path also
/// taking strings by value, PowerShell would prefer the default Path set and read every line as a file name.
/// A derived cmdlet declares <c>[ErrorIds(...)]</c> including every <see cref="PathErrorIds"/> constant.
/// </summary>
public abstract class PathInputCmdlet : CsmCmdlet
{
    public const string PathSet = "Path";
    public const string LiteralPathSet = "LiteralPath";

    /// <summary>Files or folders to read; wildcards are expanded (a pattern matching nothing is silent).</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Files or folders to read, taken literally (no wildcards).</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Read the event files of folders and of all their subfolders.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Records larger than this many bytes are skipped with one RecordTooLarge error each, and reading goes on
    /// after them; memory stays bounded by it whatever the input. Default 256MB; at most 1GB.</summary>
    [Parameter]
    [ValidateRange(Reading.RecordSplitter.MinMaxRecordBytes, Reading.RecordSplitter.MaxMaxRecordBytes)]
    public long MaxRecordSize { get; set; } = Reading.RecordSplitter.DefaultMaxRecordBytes;

    /// <summary>True when the cmdlet was called with -Path or -LiteralPath.</summary>
    protected bool ReadsPaths => ParameterSetName == PathSet || ParameterSetName == LiteralPathSet;

    private PipedPaths? _piped;

    /// <summary>The paths to read for the current call of ProcessRecord: all the resolved paths given as arguments;
    /// of piped ones, the files (folders are held until <see cref="TakeHeldFolders"/>).</summary>
    protected IReadOnlyList<string> TakeInputPaths()
    {
        var resolved = ResolveInputPaths();
        return MyInvocation.ExpectingInput ? (_piped ??= new PipedPaths()).Add(resolved) : resolved;
    }

    /// <summary>The input has ended: the piped folders to read (none when nothing was piped).</summary>
    protected IReadOnlyList<string> TakeHeldFolders() =>
        _piped?.Complete(folder => Sink.Verbose(ReadReport.FolderLeftToItsFiles(folder))) ?? (IReadOnlyList<string>)Array.Empty<string>();

    /// <summary>The file-system paths the current -Path or -LiteralPath values name, in order. Each path that names
    /// nothing, lies on another provider or cannot be resolved is one error (<see cref="PathErrorIds"/>).</summary>
    protected IReadOnlyList<string> ResolveInputPaths()
    {
        var resolved = new List<string>();
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (string path in LiteralPath) AddLiteral(path, resolved);
        }
        else
        {
            foreach (string pattern in Path) AddMatches(pattern, resolved);
        }
        return resolved;
    }

    private void AddMatches(string pattern, List<string> resolved)
    {
        Collection<string> matches;
        ProviderInfo provider;
        try
        {
            matches = SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out provider);
        }
        catch (Exception ex) when (IsPathProblem(ex))
        {
            ReportPathProblem(pattern, ex);
            return;
        }
        if (!IsFileSystem(provider))
        {
            ReportNotFileSystem(pattern, provider);
            return;
        }
        resolved.AddRange(matches);
    }

    private void AddLiteral(string path, List<string> resolved)
    {
        string providerPath;
        ProviderInfo provider;
        try
        {
            providerPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (Exception ex) when (IsPathProblem(ex))
        {
            ReportPathProblem(path, ex);
            return;
        }
        if (!IsFileSystem(provider)) ReportNotFileSystem(path, provider);
        else if (!File.Exists(providerPath) && !Directory.Exists(providerPath)) ReportNotFound(path, null);
        else resolved.Add(providerPath);
    }

    // Named exception types only: PipelineStoppedException is a RuntimeException too and must never be caught here.
    private static bool IsPathProblem(Exception ex) =>
        ex is SessionStateException || ex is ProviderInvocationException || ex is WildcardPatternException ||
        ex is NotSupportedException || ex is ArgumentException || ex is PSInvalidOperationException;

    private void ReportPathProblem(string path, Exception ex)
    {
        if (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException) ReportNotFound(path, ex);
        else Sink.Error(new CsmError(PathErrorIds.InvalidPath, CsmErrorCategory.InvalidArgument, path + ": " + ex.Message, path, ex));
    }

    private void ReportNotFound(string path, Exception? ex) =>
        Sink.Error(new CsmError(PathErrorIds.PathNotFound, CsmErrorCategory.ObjectNotFound, path + ": file or folder not found", path, ex));

    private void ReportNotFileSystem(string path, ProviderInfo provider) =>
        Sink.Error(new CsmError(PathErrorIds.NotFileSystemPath, CsmErrorCategory.InvalidArgument, path + ": not a file-system path (it is on the " + provider.Name + " provider); give files or folders", path));

    private static bool IsFileSystem(ProviderInfo provider) => string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);
}
