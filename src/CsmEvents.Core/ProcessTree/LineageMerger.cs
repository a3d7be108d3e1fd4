using System;
using System.Collections.Generic;
using CsmEvents.Model;

namespace CsmEvents.ProcessTree;

/// <summary>
/// Merges the lineages of events into one graph per host. Each event names its acting process with its parent
/// and ancestors (nearest first); each adjacent pair of that chain is a child → parent link. Links seen first
/// win; a contradicting or looping link is reported and ignored, so bad data can never hang the build or make a
/// cycle. Memory grows with the number of distinct processes, not with the number of events: no event, event
/// source or Datadog envelope is kept beyond the one being added (unless the caller asks for the events), and
/// the names, paths and users that many processes share are stored once.
/// <para>Events whose lineage carries no exec or fork time at all are merged by lineage instead (see
/// LineageMerger.Untimed.cs).</para>
/// </summary>
internal sealed partial class LineageMerger
{
    /// <summary>The agent keeps this many nearest ancestors (and as many oldest) when it truncates a lineage.</summary>
    internal const int KeptNearestAncestors = 100;

    /// <summary>At most this many warnings are kept in memory for the result; all of them reach the callback.</summary>
    internal const int MaxStoredWarnings = 10_000;

    private readonly ProcessIndex _index = new();
    private readonly Dictionary<string, int> _hostIds = new(StringComparer.Ordinal);
    private readonly bool _keepEvents;
    private readonly Action<ProcessTreeWarning>? _onWarning;
    private readonly List<ProcessTreeWarning> _warnings = new();
    private readonly HashSet<long> _reportedConflicts = new();
    private readonly HashSet<long> _reportedLoops = new();
    private readonly HashSet<int> _reportedMismatches = new();
    private readonly NameTable _names = new();
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private string? _lastHost;
    private string _lastHostName = string.Empty;
    private int _lastHostId;
    private int _stamp;

    public LineageMerger(bool keepEvents, Action<ProcessTreeWarning>? onWarning)
    {
        _keepEvents = keepEvents;
        _onWarning = onWarning;
    }

    public long EventCount { get; private set; }
    public long EventsWithoutProcess { get; private set; }
    public long WarningCount { get; private set; }
    public IReadOnlyList<ProcessTreeWarning> Warnings => _warnings;
    public IReadOnlyList<MergedProcess> Processes => _index.All;

    /// <summary>The event types and rule ids counted on the processes.</summary>
    public NameTable Names => _names;

    /// <summary>Adds one event. The host is the Datadog envelope's host when there is one, else
    /// <paramref name="hostKey"/>, else the event's source path (one host per input). Returns the acting process,
    /// or null when the event could not be placed.</summary>
    public MergedProcess? Add(CsmEvent evt, string? hostKey)
    {
        EventCount++;
        var process = evt.Process;
        if (process == null)
        {
            EventsWithoutProcess++; // agent events such as heartbeat or ruleset_loaded have no process
            return null;
        }
        var source = evt.Source;
        if (!process.Pid.HasValue)
        {
            EventsWithoutProcess++;
            Warn(ProcessTreeWarning.Create(ProcessTreeWarning.MissingPid, source, null,
                "the acting process has no pid; the event is not placed in the tree"));
            return null;
        }

        int stamp = ++_stamp;
        string host = evt.Source?.Envelope?.Host ?? hostKey ?? evt.Source?.Path ?? string.Empty;
        int hostId = HostId(ref host);
        var platform = evt.Platform;
        long? eventTicks = evt.Timestamp?.UtcTicks;
        if (!HasAnyTime(process)) return AddUntimed(evt, process, hostId, host, platform, source);

        var acting = _index.Resolve(hostId, host, process, null, stamp, eventTicks);
        acting.ChainStamp = stamp;
        // Ancestor entries have their args blanked when they are fork children: the acting entry is where a
        // command line is learned, so it is always read while the command line is unknown.
        bool settled = acting.QuietSightings >= SettleAfter;
        Enrich(acting, process, platform, full: acting.CommandLine == null);
        if (!settled)
        {
            // Event-level contexts describe the acting process.
            acting.ContainerId ??= Shared(evt.Container?.Id);
            acting.User ??= Shared(evt.Usr?.Name ?? evt.Usr?.Id);
        }
        (acting.Events ??= new ProcessEventStats()).Add(evt, _keepEvents, _names);

        MergeLineage(acting, process, hostId, host, platform, stamp, eventTicks, source);
        return acting;
    }

    private void MergeLineage(MergedProcess acting, ProcessContext process, int hostId, string host, CsmPlatform platform,
        int stamp, long? eventTicks, EventSource? source)
    {
        var ancestors = process.Ancestors;
        var parent = process.Parent;
        bool useAncestors = ancestors != null && ancestors.Count > 0;
        int count = useAncestors ? ancestors!.Count : (parent != null ? 1 : 0);
        if (count == 0) return;

        // parent is the same process as ancestors[0]: it adds its fields to that node, never a second node.
        var extraFirst = useAncestors ? parent : null;
        if (extraFirst != null && ancestors![0] is { } first && first.Pid.HasValue && extraFirst.Pid.HasValue && first.Pid != extraFirst.Pid)
        {
            if (_reportedMismatches.Add(acting.Serial))
            {
                Warn(ProcessTreeWarning.Create(ProcessTreeWarning.ParentMismatch, source, null,
                    "process.parent is pid " + extraFirst.Pid + " but process.ancestors[0] is pid " + first.Pid + "; the ancestors are used"));
            }
            extraFirst = null;
        }

        // A truncated lineage lost its middle: the gap sits after the nearest kept ancestors.
        int gapAfter = process.TruncatedAncestors == true ? CutIndex(useAncestors ? ancestors! : null, count) : -1;
        var child = acting;
        bool gapAbove = false;
        for (int i = 0; i < count; i++)
        {
            var entry = useAncestors ? ancestors![i] : parent!;
            if (entry == null || !entry.Pid.HasValue)
            {
                Warn(ProcessTreeWarning.Create(ProcessTreeWarning.AncestorWithoutPid, source, null,
                    "ancestor " + i + " has no pid; it is shown as a gap"));
                gapAbove = true;
                continue;
            }
            var expected = gapAbove ? null : RealParentOf(child);
            var node = _index.Resolve(hostId, host, entry, expected, stamp, eventTicks);
            node.ChainStamp = stamp;
            Enrich(node, entry, platform, full: false);
            // Once settled, the node can only learn times, which parent carries exactly as ancestors[0] does.
            if (i == 0 && extraFirst != null && node.QuietSightings < SettleAfter && !ReferenceEquals(extraFirst, entry) && SameImage(node, extraFirst))
            {
                Enrich(node, extraFirst, platform, full: false);
            }

            if (gapAbove) LinkThroughGap(child, node, source);
            else Link(child, node, source);
            gapAbove = i + 1 == gapAfter;
            child = node;
        }
        if (gapAbove) LinkThroughGap(child, null, source);
    }

    /// <summary>
    /// Where a truncated lineage was cut: the first ancestor that is neither the same pid (an exec image) nor the
    /// ppid of the entry below it. The agent keeps the 100 nearest and 100 oldest of a longer chain, so without a
    /// visible break the cut is after the 100th ancestor (or above the last one, for a short chain).
    /// </summary>
    private static int CutIndex(IList<Process>? ancestors, int count)
    {
        if (ancestors != null)
        {
            for (int i = 0; i + 1 < count; i++)
            {
                var below = ancestors[i];
                var above = ancestors[i + 1];
                if (below?.Pid == null || above?.Pid == null || below.Ppid == null) continue;
                if (above.Pid != below.Pid && above.Pid != below.Ppid) return i + 1;
            }
        }
        return Math.Min(KeptNearestAncestors, count);
    }

    private static MergedProcess? RealParentOf(MergedProcess node) => node.Parent is { IsGap: false } p ? p : null;

    private static bool SameImage(MergedProcess node, Process p)
    {
        long? exec = p.ExecUtcTicks, fork = p.ForkUtcTicks;
        return (!exec.HasValue || !node.ExecTicks.HasValue || exec == node.ExecTicks) &&
               (!fork.HasValue || !node.ForkTicks.HasValue || fork == node.ForkTicks);
    }

    /// <summary>
    /// Fills what the node does not know yet from <paramref name="p"/>; known values are never replaced, so an
    /// ancestor entry with blanked args cannot erase a command line seen elsewhere. Names, paths, command line,
    /// user, container and flags do not change during an image's life, so once entries with a name have taught
    /// the node nothing <see cref="SettleAfter"/> times in a row, later entries only contribute times (an
    /// exit_time appears when the process ends), unless <paramref name="full"/>. The merge is bound by reading
    /// the scattered objects of parsed events; this keeps it from reading every field of every ancestor of
    /// every event.
    /// </summary>
    private void Enrich(MergedProcess n, Process p, CsmPlatform platform, bool full)
    {
        if (!full && n.QuietSightings >= SettleAfter)
        {
            EnrichTimes(n, p);
            return;
        }
        bool learned = EnrichTimes(n, p);
        if (n.Platform == CsmPlatform.Unknown && platform != CsmPlatform.Unknown)
        {
            n.Platform = platform;
            learned = true;
        }
        if (n.Ppid == null && p.Ppid != null) { n.Ppid = p.Ppid; learned = true; }
        if (n.Comm == null && p.Comm != null) { n.Comm = Shared(p.Comm); learned = true; }
        var exe = p.Executable;
        if (exe != null)
        {
            if (n.Path == null && exe.Path != null) { n.Path = Shared(exe.Path); learned = true; }
            if (n.ExecutableName == null && exe.Name != null) { n.ExecutableName = Shared(exe.Name); learned = true; }
        }
        if (n.Path == null && p.ExecutablePath != null) { n.Path = Shared(p.ExecutablePath); learned = true; }
        if (n.CommandLine == null && (p.Cmdline != null || p.Args != null || p.Argv0 != null)) { n.CommandLine = p.CommandLine; learned = true; }
        if (n.User == null && (p.User ?? p.Credentials?.User) is { } user) { n.User = Shared(user); learned = true; }
        if (n.ContainerId == null && p.Container?.Id is { } container) { n.ContainerId = Shared(container); learned = true; }
        // The agent omits false flags: a named entry without is_thread / is_kworker says false.
        bool named = p.Comm != null || exe != null;
        if (n.IsThread == null && (p.IsThread != null || named)) { n.IsThread = p.IsThread ?? false; learned = true; }
        if (n.IsKworker == null && (p.IsKworker != null || named)) { n.IsKworker = p.IsKworker ?? false; learned = true; }

        if (learned) n.QuietSightings = 0;
        else if (named && n.QuietSightings < byte.MaxValue) n.QuietSightings++; // a pid-only entry proves nothing
    }

    /// <summary>Sightings of a named ancestor entry that taught a node nothing, after which ancestor entries only add times.</summary>
    internal const int SettleAfter = 4;

    private bool EnrichTimes(MergedProcess n, Process p)
    {
        bool learned = false;
        if (!n.KnowsExecTime && p.HasExecTime)
        {
            n.KnowsExecTime = true;
            n.Facts.ExecTimeText = ProcessTimeText.Exec(p);
            if (!n.ExecTicks.HasValue && !n.IsUntimed) ProcessIndex.LearnExecTime(n, p.ExecUtcTicks!.Value);
            learned = true;
        }
        if (!n.KnowsForkTime && p.HasForkTime)
        {
            n.KnowsForkTime = true;
            n.Facts.ForkTimeText = ProcessTimeText.Fork(p);
            n.ForkTicks ??= p.ForkUtcTicks;
            learned = true;
        }
        if (!n.KnowsExitTime && p.HasExitTime)
        {
            n.KnowsExitTime = true;
            n.Facts.ExitTimeText = ProcessTimeText.Exit(p);
            learned = true;
        }
        return learned;
    }

    private void Link(MergedProcess child, MergedProcess parent, EventSource? source)
    {
        var current = child.Parent;
        if (ReferenceEquals(current, parent)) return;
        if (current != null && !current.IsGap)
        {
            ReportConflict(child, current, parent, source);
            return;
        }
        if (ReportIfLoop(child, parent, source)) return;
        if (current != null) DetachGap(current); // a real parent replaces the placeholder for unknown ancestors
        Attach(child, parent, source);
    }

    /// <summary>Links <paramref name="child"/> to <paramref name="oldest"/> (null: unknown) through a gap node,
    /// unless the child's real parent is already known.</summary>
    private void LinkThroughGap(MergedProcess child, MergedProcess? oldest, EventSource? source)
    {
        var gap = child.Parent;
        if (gap != null && !gap.IsGap) return;
        if (gap == null)
        {
            gap = _index.CreateGap(child);
            Attach(child, gap, source);
        }
        if (oldest == null || ReferenceEquals(gap.Parent, oldest)) return;
        if (gap.Parent == null)
        {
            if (!ReportIfLoop(gap, oldest, source)) Attach(gap, oldest, source);
            return;
        }
        // Another event kept a different oldest ancestor (it had a longer or shorter lineage). Both are above the
        // gap; keep the nearer one so the gap stands for as few unknown processes as possible. Not a contradiction.
        if (IsAncestor(gap.Parent, oldest) && !IsAncestor(gap, oldest))
        {
            gap.Parent.Children!.Remove(gap);
            Attach(gap, oldest, source);
        }
    }

    private static void Attach(MergedProcess child, MergedProcess parent, EventSource? source)
    {
        child.Parent = parent;
        child.ParentSource = Located(source);
        parent.AddChild(child);
    }

    /// <summary>The source as warnings name it (path, line, index), without the Datadog envelope: a link keeps its
    /// source for the whole run, and an envelope with its tags would make every process keep a log record.</summary>
    private static EventSource? Located(EventSource? source)
        => source?.Envelope == null ? source : new EventSource(source.Path, source.Line, source.Index);

    /// <summary>One shared copy of a name, path, user or container id: thousands of processes run the same
    /// programs as the same users, and each event carries its own copies of those strings.</summary>
    private string? Shared(string? text)
    {
        if (text == null) return null;
        if (_strings.TryGetValue(text, out var shared)) return shared;
        _strings.Add(text, text);
        return text;
    }

    private static void DetachGap(MergedProcess gap)
    {
        gap.Parent?.Children!.Remove(gap);
        gap.Parent = null;
        gap.Children = null;
        gap.IsDetached = true;
    }

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="node"/> or above it. The graph has no
    /// cycles (every link is checked before it is made), so the walk ends.</summary>
    private static bool IsAncestor(MergedProcess ancestor, MergedProcess node)
    {
        for (var n = node; n != null; n = n.Parent) if (ReferenceEquals(n, ancestor)) return true;
        return false;
    }

    private void ReportConflict(MergedProcess child, MergedProcess current, MergedProcess proposed, EventSource? source)
    {
        if (!_reportedConflicts.Add(PairKey(child, proposed))) return;
        Warn(ProcessTreeWarning.Create(ProcessTreeWarning.ConflictingParent, source, child.ParentSource,
            child.Describe() + " has parent " + proposed.Describe() + " here but " + current.Describe() + " in " +
            ProcessTreeWarning.Where(child.ParentSource) + "; the first link is kept"));
    }

    /// <summary>Reports and returns true when making <paramref name="parent"/> the parent of
    /// <paramref name="child"/> would close a cycle, i.e. the parent already descends from the child.</summary>
    private bool ReportIfLoop(MergedProcess child, MergedProcess parent, EventSource? source)
    {
        MergedProcess? below = null;
        for (var n = parent; n != null; below = n, n = n.Parent)
        {
            if (!ReferenceEquals(n, child)) continue;
            if (_reportedLoops.Add(PairKey(child, parent)))
            {
                string text = below == null
                    ? "lineage loop: " + child.Describe() + " is listed as its own parent; the link is ignored"
                    : "lineage loop: " + parent.Describe() + " descends from " + child.Describe() + " (linked in " +
                      ProcessTreeWarning.Where(below.ParentSource) + ") and cannot be its parent; the link is ignored";
                Warn(ProcessTreeWarning.Create(ProcessTreeWarning.LineageLoop, source, below?.ParentSource, text));
            }
            return true;
        }
        return false;
    }

    private static long PairKey(MergedProcess a, MergedProcess b) => ((long)a.Serial << 32) | (uint)b.Serial;

    private void Warn(ProcessTreeWarning warning)
    {
        WarningCount++;
        if (_warnings.Count < MaxStoredWarnings) _warnings.Add(warning);
        _onWarning?.Invoke(warning);
    }

    /// <summary>The host's number; <paramref name="host"/> becomes the copy of the name that every node of the
    /// host shares.</summary>
    private int HostId(ref string host)
    {
        if (ReferenceEquals(host, _lastHost))
        {
            host = _lastHostName;
            return _lastHostId;
        }
        string given = host;
        if (!_hostIds.TryGetValue(host, out int id))
        {
            id = _hostIds.Count;
            _hostIds.Add(host, id);
            _hostNames.Add(host);
        }
        _lastHost = given;
        _lastHostId = id;
        _lastHostName = host = _hostNames[id];
        return id;
    }

    private readonly List<string> _hostNames = new();

    /// <summary>True when any entry of the lineage (acting process, parent, ancestors) has an exec or fork time.</summary>
    private static bool HasAnyTime(ProcessContext process)
    {
        if (process.HasExecTime || process.HasForkTime) return true;
        if (process.Parent is { } parent && (parent.HasExecTime || parent.HasForkTime)) return true;
        var ancestors = process.Ancestors;
        if (ancestors == null) return false;
        for (int i = 0; i < ancestors.Count; i++)
        {
            var a = ancestors[i];
            if (a != null && (a.HasExecTime || a.HasForkTime)) return true;
        }
        return false;
    }
}
