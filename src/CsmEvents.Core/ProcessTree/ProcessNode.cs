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
/// </summary>
public sealed class ProcessNode
{
    private static readonly IReadOnlyDictionary<string, long> NoCounts = new Dictionary<string, long>();

    internal ProcessNode(MergedProcess p, int depth, ProcessNode? parent, bool selected, NameTable names)
    {
        Merged = p;
        Host = p.Host;
        Platform = p.Platform;
        Pid = p.Pid;
        Ppid = p.Ppid;
        Name = p.Name;
        Path = p.Path;
        CommandLine = p.CommandLine;
        User = p.User;
        ContainerId = p.ContainerId;
        ExecTime = p.ExecTime;
        ForkTime = p.ForkTime;
        ExitTime = p.ExitTime;
        ExecTimeText = p.ExecTimeText;
        ForkTimeText = p.ForkTimeText;
        ExitTimeText = p.ExitTimeText;
        StartTime = p.StartTime;
        Depth = depth;
        Parent = parent;
        IsSelected = selected;
        Flags = FlagsOf(p);
        var stats = p.Events;
        EventCount = stats?.Count ?? 0;
        EventTypes = stats != null ? stats.ByType.ToDictionary(names) : NoCounts;
        Rules = stats != null ? stats.ByRule.ToDictionary(names) : NoCounts;
        FirstSeen = stats?.FirstSeen;
        LastSeen = stats?.LastSeen;
        Events = stats?.Events != null ? stats.Events.AsReadOnly() : (IReadOnlyList<CsmEvent>)Array.Empty<CsmEvent>();
    }

    /// <summary>The merged process this node shows (links events to their node, see ProcessTreeRunner.AddAndLocate).</summary>
    internal MergedProcess Merged { get; }

    /// <summary>The host: the Datadog envelope's host, else the host key the caller gave (by default the input path).</summary>
    public string Host { get; }

    /// <summary>Windows or Linux, from the first event that mentioned the process.</summary>
    public CsmPlatform Platform { get; }

    /// <summary>Process id; null only for a gap node.</summary>
    public long? Pid { get; }

    /// <summary>The OS parent pid as the events report it (after an exec it is the pid of the parent process, not of the pre-exec image).</summary>
    public long? Ppid { get; }

    /// <summary>Linux comm, else the executable's file name.</summary>
    public string? Name { get; }

    /// <summary>The executable's path.</summary>
    public string? Path { get; }

    /// <summary>Windows cmdline, or Linux argv0 and args.</summary>
    public string? CommandLine { get; }

    /// <summary>The user the process ran as.</summary>
    public string? User { get; }

    /// <summary>The container id, when the process ran in one.</summary>
    public string? ContainerId { get; }

    public DateTimeOffset? ExecTime { get; }
    public DateTimeOffset? ForkTime { get; }
    public DateTimeOffset? ExitTime { get; }

    /// <summary>exec_time as the agent wrote it (RFC 3339, up to nanoseconds).</summary>
    public string? ExecTimeText { get; }

    /// <summary>fork_time as the agent wrote it.</summary>
    public string? ForkTimeText { get; }

    /// <summary>exit_time as the agent wrote it.</summary>
    public string? ExitTimeText { get; }

    /// <summary>When this image began: the later of fork and exec time. Siblings are ordered by it.</summary>
    public DateTimeOffset? StartTime { get; }

    /// <summary>Depth in the output: 0 for a root of the output (a selected node, or the top of a shown lineage).</summary>
    public int Depth { get; }

    /// <summary>The parent node in the output; null for a root of the output.</summary>
    public ProcessNode? Parent { get; }

    /// <summary>The children in the output, in start-time order.</summary>
    public IReadOnlyList<ProcessNode> Children => _children;

    internal readonly List<ProcessNode> _children = new();

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
    public long EventCount { get; }

    /// <summary>Those events counted by event type (evt.name), keys in ordinal order.</summary>
    public IReadOnlyDictionary<string, long> EventTypes { get; }

    /// <summary>Those events counted by rule (agent.rule_id), keys in ordinal order.</summary>
    public IReadOnlyDictionary<string, long> Rules { get; }

    public DateTimeOffset? FirstSeen { get; }
    public DateTimeOffset? LastSeen { get; }

    /// <summary>The events themselves, only when <see cref="ProcessTreeOptions.IncludeEvents"/> was set; else empty.</summary>
    public IReadOnlyList<CsmEvent> Events { get; }

    /// <summary>This node's line of the text tree (indentation, branch and label), escaped for terminals.</summary>
    public string TreeLine { get; internal set; } = string.Empty;

    public override string ToString() => TreeLine.Length > 0 ? TreeLine : NodeLabel.Title(this);

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
