using System;
using System.Collections.Generic;
using CsmEvents.Model;

namespace CsmEvents.ProcessTree;

/// <summary>
/// One process image in a process tree: a host's process with one pid and one start (an exec of the same pid
/// is another node, shown as the child of its pre-exec image). Values are merged from every event that
/// mentioned the process; a value no event gave is null. Nodes come in tree order (depth first, children by
/// start time) from <see cref="ProcessTreeResult.Nodes"/>. Text values are as the events carry them (not
/// escaped); <see cref="TreeLine"/> is the escaped display form.
/// <para>A node is a view of the merged process (complete once the tree is built): values are read from it when
/// asked, so that a tree of a million processes does not hold a second copy of everything.</para>
/// </summary>
public sealed class ProcessNode
{
    private static readonly IReadOnlyDictionary<string, long> NoCounts = new Dictionary<string, long>();

    private readonly MergedProcess _p;
    private readonly NameTable _names;
    private readonly string _indent;
    private readonly bool _isLast;
    private readonly bool _markSelected;
    private List<ProcessNode>? _children;

    internal ProcessNode(MergedProcess p, int depth, ProcessNode? parent, bool selected, NameTable names,
        string indent = "", bool isLast = true, bool markSelected = false)
    {
        _p = p;
        _names = names;
        Depth = depth;
        Parent = parent;
        IsSelected = selected;
        Flags = FlagsOf(p);
        _indent = indent;
        _isLast = isLast;
        _markSelected = markSelected;
    }

    /// <summary>The merged process this node shows (links events to their node, see ProcessTreeRunner.AddAndLocate).</summary>
    internal MergedProcess Merged => _p;

    /// <summary>The host: the Datadog envelope's host, else the host key the caller gave (by default the input path).</summary>
    public string Host => _p.Host;

    /// <summary>Windows or Linux, from the first event that mentioned the process.</summary>
    public CsmPlatform Platform => _p.Platform;

    /// <summary>Process id; null only for a gap node.</summary>
    public long? Pid => _p.Pid;

    /// <summary>The OS parent pid as the events report it (after an exec it is the pid of the parent process, not of the pre-exec image).</summary>
    public long? Ppid => _p.Ppid;

    /// <summary>Linux comm, else the executable's file name.</summary>
    public string? Name => _p.Name;

    /// <summary>The executable's path.</summary>
    public string? Path => _p.Path;

    /// <summary>Windows cmdline, or Linux argv0 and args.</summary>
    public string? CommandLine => _p.CommandLine;

    /// <summary>The user the process ran as.</summary>
    public string? User => _p.User;

    /// <summary>The container id, when the process ran in one.</summary>
    public string? ContainerId => _p.ContainerId;

    public DateTimeOffset? ExecTime => _p.ExecTime;
    public DateTimeOffset? ForkTime => _p.ForkTime;
    public DateTimeOffset? ExitTime => _p.ExitTime;

    /// <summary>exec_time as the agent wrote it (RFC 3339, up to nanoseconds).</summary>
    public string? ExecTimeText => _p.ExecTimeText;

    /// <summary>fork_time as the agent wrote it.</summary>
    public string? ForkTimeText => _p.ForkTimeText;

    /// <summary>exit_time as the agent wrote it.</summary>
    public string? ExitTimeText => _p.ExitTimeText;

    /// <summary>When this image began: the later of fork and exec time. Siblings are ordered by it.</summary>
    public DateTimeOffset? StartTime => _p.StartTime;

    /// <summary>Depth in the output: 0 for a root of the output (a selected node, or the top of a shown lineage).</summary>
    public int Depth { get; }

    /// <summary>The parent node in the output; null for a root of the output.</summary>
    public ProcessNode? Parent { get; }

    /// <summary>The children in the output, in start-time order.</summary>
    public IReadOnlyList<ProcessNode> Children => (IReadOnlyList<ProcessNode>?)_children ?? Array.Empty<ProcessNode>();

    internal void AddChild(ProcessNode child) => (_children ??= new List<ProcessNode>(2)).Add(child);

    /// <summary>Position in tree order (1-based) of the output this node was made for; graph renderers name nodes by it.</summary>
    internal int Number;

    public ProcessNodeFlags Flags { get; }

    /// <summary>The flags as lower-case names (exec, thread, orphan, gap, kworker), then <c>selected</c> when the node
    /// matched the selection: the same words the text tree shows in brackets.</summary>
    public IReadOnlyList<string> FlagNames => ProcessNodeFlagNames.Of(Flags, IsSelected);

    public bool IsExec => (Flags & ProcessNodeFlags.Exec) != 0;
    public bool IsThread => (Flags & ProcessNodeFlags.Thread) != 0;
    public bool IsOrphan => (Flags & ProcessNodeFlags.Orphan) != 0;
    public bool IsGap => (Flags & ProcessNodeFlags.Gap) != 0;
    public bool IsKworker => (Flags & ProcessNodeFlags.Kworker) != 0;

    /// <summary>True when the node matched the selection (pid or name).</summary>
    public bool IsSelected { get; }

    /// <summary>Events whose acting process is this node.</summary>
    public long EventCount => _p.Events?.Count ?? 0;

    /// <summary>Those events counted by event type (evt.name), keys in ordinal order.</summary>
    public IReadOnlyDictionary<string, long> EventTypes => _p.Events is { } stats ? stats.ByType.ToDictionary(_names) : NoCounts;

    /// <summary>Those events counted by rule (agent.rule_id), keys in ordinal order.</summary>
    public IReadOnlyDictionary<string, long> Rules => _p.Events is { } stats ? stats.ByRule.ToDictionary(_names) : NoCounts;

    public DateTimeOffset? FirstSeen => _p.Events?.FirstSeen;
    public DateTimeOffset? LastSeen => _p.Events?.LastSeen;

    /// <summary>The events themselves, only when <see cref="ProcessTreeOptions.IncludeEvents"/> was set; else empty.</summary>
    public IReadOnlyList<CsmEvent> Events => _p.Events?.Events is { } events ? events.AsReadOnly() : (IReadOnlyList<CsmEvent>)Array.Empty<CsmEvent>();

    /// <summary>This node's line of the text tree (indentation, branch and label), escaped for terminals.</summary>
    public string TreeLine => TreeView.LinePrefix(_indent, Depth, _isLast) + NodeLabel.Text(this, _markSelected);

    public override string ToString() => TreeLine;

    private static ProcessNodeFlags FlagsOf(MergedProcess p)
    {
        if (p.IsGap) return ProcessNodeFlags.Gap;
        var flags = ProcessNodeFlags.None;
        if (p.IsExec) flags |= ProcessNodeFlags.Exec;
        if (p.IsThread == true) flags |= ProcessNodeFlags.Thread;
        if (p.Parent == null && !RootRules.IsNaturalRoot(p)) flags |= ProcessNodeFlags.Orphan;
        if (p.IsKworker == true) flags |= ProcessNodeFlags.Kworker;
        return flags;
    }
}
