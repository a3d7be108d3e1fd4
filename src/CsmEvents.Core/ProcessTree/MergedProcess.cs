using System;
using System.Collections.Generic;
using CsmEvents.Model;
using CsmEvents.Model.Json;

namespace CsmEvents.ProcessTree;

/// <summary>
/// One process image of one host as the builder knows it so far: the facts merged from every event that
/// mentioned it, its link to the process that started it, and the events it performed. Mutable and internal;
/// the public <see cref="ProcessNode"/> objects are views of these. One exists per process, so every field
/// here costs as many times as there are processes: keep it small.
/// </summary>
internal sealed class MergedProcess
{
    public MergedProcess(int hostId, string host, long? pid, int serial, bool isGap)
    {
        HostId = hostId;
        Host = host;
        Pid = pid;
        Serial = serial;
        IsGap = isGap;
    }

    // ---- identity: host + pid + start times (UTC ticks). Null times are unknown, filled in when seen. ----
    public readonly int HostId;
    public readonly string Host;
    public readonly long? Pid;
    public long? ExecTicks;
    public long? ForkTicks;

    /// <summary>Creation order; breaks ties so that output never depends on hash order.</summary>
    public readonly int Serial;

    /// <summary>A placeholder for the ancestors an event left out (truncated lineage, ancestor without pid).</summary>
    public readonly bool IsGap;

    /// <summary>Created from an event whose lineage carries no exec or fork time: identified by its lineage
    /// (parent node, pid, image) instead of its times (see LineageMerger.Untimed.cs).</summary>
    public bool IsUntimed;

    /// <summary>For an untimed process: the event named no parent for it (top of its lineage, or below a gap).</summary>
    public bool ParentUnknown;

    /// <summary>For an untimed process: the image it was identified by (an id in the merger's image table;
    /// 0 when the entry named neither executable nor comm).</summary>
    public int ImageId;

    // ---- facts, first known value wins. Kept in a separate object: the merge reads the few fields above for
    // every ancestor of every event, and keeping them apart from the facts makes each visit touch less memory.
    public readonly ProcessFacts Facts = new();

    /// <summary>Which times are known (the texts live in <see cref="Facts"/>), checked for every entry.</summary>
    public bool KnowsExecTime, KnowsForkTime, KnowsExitTime;

    public CsmPlatform Platform { get => Facts.Platform; set => Facts.Platform = value; }
    public long? Ppid { get => Facts.Ppid; set => Facts.Ppid = value; }
    public string? Comm { get => Facts.Comm; set => Facts.Comm = value; }
    public string? Path { get => Facts.Path; set => Facts.Path = value; }
    public string? ExecutableName { get => Facts.ExecutableName; set => Facts.ExecutableName = value; }
    public string? CommandLine { get => Facts.CommandLine; set => Facts.CommandLine = value; }
    public string? User { get => Facts.User; set => Facts.User = value; }
    public string? ContainerId { get => Facts.ContainerId; set => Facts.ContainerId = value; }
    public DateTimeOffset? ExecTime => ProcessFacts.Instant(Facts.ExecTimeText);
    public DateTimeOffset? ForkTime => ProcessFacts.Instant(Facts.ForkTimeText);
    public DateTimeOffset? ExitTime => ProcessFacts.Instant(Facts.ExitTimeText);
    public string? ExecTimeText => Facts.ExecTimeText;
    public string? ForkTimeText => Facts.ForkTimeText;
    public string? ExitTimeText => Facts.ExitTimeText;
    public bool? IsThread { get => Facts.IsThread; set => Facts.IsThread = value; }
    public bool? IsKworker { get => Facts.IsKworker; set => Facts.IsKworker = value; }

    /// <summary>Named ancestor entries in a row that added nothing (see LineageMerger.Enrich).</summary>
    public byte QuietSightings;

    // ---- links ----
    public MergedProcess? Parent;

    /// <summary>The event that created the link to <see cref="Parent"/>, named in warnings about it.</summary>
    public EventSource? ParentSource;

    public List<MergedProcess>? Children;

    /// <summary>Next (older) process image with the same host and pid: the index's chain for lookups by pid.</summary>
    public MergedProcess? NextWithSamePid;

    /// <summary>Next (older) process image with the same host, pid and exec time as this one had when it was
    /// created (or no exec time): the index's chain for lookups by exec time.</summary>
    public MergedProcess? NextWithSameExec;

    /// <summary>Set when a gap node has been replaced by a real parent link, or a process was merged into another
    /// one, and it no longer belongs to the tree.</summary>
    public bool IsDetached;

    /// <summary>Number of the event whose lineage last touched this process; keeps one event's chain from
    /// folding two of its own entries into one node on a partial match.</summary>
    public int ChainStamp;

    // ---- events performed by this process ----
    public ProcessEventStats? Events;

    /// <summary>Linux comm, else the executable's file name.</summary>
    public string? Name => Comm ?? ExecutableName ?? FileNameOf(Path);

    /// <summary>When this image began: the later of fork and exec time (a fork child's exec_time is copied
    /// from its parent, an exec'd image starts at its exec).</summary>
    public long? StartTicks
    {
        get
        {
            if (ExecTicks.HasValue && ForkTicks.HasValue) return Math.Max(ExecTicks.Value, ForkTicks.Value);
            return ExecTicks ?? ForkTicks;
        }
    }

    public DateTimeOffset? StartTime
    {
        get
        {
            DateTimeOffset? exec = ExecTime, fork = ForkTime;
            if (exec.HasValue && fork.HasValue) return exec.Value.UtcTicks >= fork.Value.UtcTicks ? exec : fork;
            return exec ?? fork;
        }
    }

    /// <summary>True when the parent link is to the pre-exec image of the same pid.</summary>
    public bool IsExec => Parent != null && !Parent.IsGap && Pid.HasValue && Parent.Pid == Pid;

    public void AddChild(MergedProcess child) => (Children ??= new List<MergedProcess>(2)).Add(child);

    /// <summary><c>name (pid)</c> for messages, escaped for terminals.</summary>
    public string Describe()
    {
        if (IsGap) return "(truncated lineage)";
        string pid = Pid.HasValue ? Pid.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
        string? name = Name;
        return name == null ? "pid " + pid : Text.TerminalText.Escape(name) + " (" + pid + ")";
    }

    public override string ToString() => Host + "/" + Describe();

    internal static string? FileNameOf(string? path)
    {
        if (path == null) return null;
        int cut = path.LastIndexOfAny(PathSeparators);
        return cut >= 0 ? path.Substring(cut + 1) : path;
    }

    private static readonly char[] PathSeparators = { '/', '\\' };
}

/// <summary>What is known about a process image, merged from every entry that named it. Times are kept as the
/// agent's text only (nanoseconds and offset as written); their instants are read back from it when asked.</summary>
internal sealed class ProcessFacts
{
    public CsmPlatform Platform;
    public long? Ppid;
    public string? Comm;
    public string? Path;
    public string? ExecutableName;
    public string? CommandLine;
    public string? User;
    public string? ContainerId;
    public string? ExecTimeText, ForkTimeText, ExitTimeText;
    public bool? IsThread;
    public bool? IsKworker;

    public static DateTimeOffset? Instant(string? text) => text != null && CsmTime.TryParse(text, out var value) ? value : null;
}
