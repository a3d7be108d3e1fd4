using System;
using System.Collections.Generic;
using System.Management.Automation;
using CsmEvents.Model;
using CsmEvents.ProcessTree;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// <para type="synopsis">Builds process trees from the lineages of CSM Threats security events.</para>
/// <para type="description">Merges the acting process, parent and ancestors of every event into one process tree
/// per host, and writes the nodes in tree order (the view draws the tree), the tree as text lines (-AsText), or
/// one graph document (-Format Dot, Mermaid or Json). -ProcessId and -Name select nodes: their subtrees are shown,
/// or with -Ancestry the lineage from the root down to them. Events come from the pipeline (Get-CsmEvent) or from
/// files, read like Get-CsmEvent reads them. Contradictory lineages are warnings.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "CsmProcessTree", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ProcessNode), typeof(string))]
[ErrorIds(
    ParameterErrorIds.InvalidParameterValue,
    ReadErrorIds.InvalidJson, ReadErrorIds.NotAnObject, ReadErrorIds.NestingTooDeep, ReadErrorIds.InvalidUtf8,
    ReadErrorIds.LoneSurrogate, ReadErrorIds.RecordTooLarge, ReadErrorIds.NotJson,
    ReadErrorIds.DuplicateProperty, ReadErrorIds.CorruptCompressedStream, ReadErrorIds.InvalidDatadogEnvelope,
    ReadErrorIds.FileNotFound, ReadErrorIds.FileReadError,
    PathErrorIds.PathNotFound, PathErrorIds.NotFileSystemPath, PathErrorIds.InvalidPath)]
public sealed class GetCsmProcessTreeCommand : PathInputCmdlet
{
    public const string InputObjectSet = "InputObject";

    /// <summary>Events to build the tree from (Get-CsmEvent, ConvertTo-CsmEvent).</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public CsmEvent?[]? InputObject { get; set; }

    /// <summary>Select the processes with these process ids (every image of the pid, on every host shown).</summary>
    [Parameter]
    [Alias("Pid")]
    [ValidateNotNullOrEmpty]
    public long[]? ProcessId { get; set; }

    /// <summary>Select the processes whose name (Linux comm, else executable file name) matches one of these patterns.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Show the lineage from the root down to each selected process instead of its subtree.</summary>
    [Parameter]
    public SwitchParameter Ancestry { get; set; }

    private int? _depth;

    /// <summary>Levels shown below each root (0: the roots only); with -Ancestry, ancestors shown above each selected process.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Depth { get => _depth ?? 0; set => _depth = value; }

    /// <summary>Only show the hosts matching one of these patterns (Datadog host, else the input file).</summary>
    [Parameter]
    [Alias("Host")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? HostName { get; set; }

    /// <summary>Keep the events on the nodes (ProcessNode.Events).</summary>
    [Parameter]
    public SwitchParameter IncludeEvents { get; set; }

    /// <summary>Write the tree as text lines (one string per line) instead of node objects.</summary>
    [Parameter]
    public SwitchParameter AsText { get; set; }

    /// <summary>Write the tree as one graph document: Dot (Graphviz), Mermaid, or Json.</summary>
    [Parameter]
    [ValidateSet("Dot", "Mermaid", "Json", IgnoreCase = true)]
    public string? Format { get; set; }

    // Strings from Get-Content carry the PSPath of their file, so piping lines binds -LiteralPath once per line: the
    // runner's reader reads each file once per command (FileLedger), so the events are not counted again.
    private TreeCommandRunner? _runner;

    protected override void BeginProcessing()
    {
        if (AsText && Format != null)
        {
            ThrowTerminating(new CsmError(ParameterErrorIds.InvalidParameterValue, CsmErrorCategory.InvalidArgument, "-AsText and -Format both choose the output: give one of them", Format));
        }
        var options = new TreeCommandOptions
        {
            Read = new GetEventsOptions { Recurse = Recurse, MaxRecordBytes = MaxRecordSize },
            Output = AsText ? TreeOutput.Text : Format == null ? TreeOutput.Nodes : (TreeOutput)Enum.Parse(typeof(TreeOutput), Format, ignoreCase: true),
            Tree = new ProcessTreeOptions
            {
                Pids = new List<long>(ProcessId ?? Array.Empty<long>()),
                Names = new List<string>(Name ?? Array.Empty<string>()),
                Hosts = new List<string>(HostName ?? Array.Empty<string>()),
                Ancestry = Ancestry,
                Depth = _depth,
                IncludeEvents = IncludeEvents,
            },
        };
        try
        {
            _runner = new TreeCommandRunner(options, Sink);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminating(new CsmError(ParameterErrorIds.InvalidParameterValue, CsmErrorCategory.InvalidArgument, ex.Message, null, ex));
        }
    }

    protected override void ProcessRecord()
    {
        if (ReadsPaths)
        {
            var paths = TakeInputPaths();
            Run(() => _runner!.Reader.ReadPaths(paths));
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

    protected override void EndProcessing() => Run(() =>
    {
        if (ReadsPaths) _runner!.Reader.ReadPaths(TakeHeldFolders());
        _runner!.Complete();
    });
}
