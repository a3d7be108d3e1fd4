using System;
using System.Collections.Generic;
using CsmEvents.Model;

namespace CsmEvents.ProcessTree;

/// <summary>
/// Finds the node of a process seen in an event, or creates it. Identity is host + pid + start times: the same
/// pid with another exec_time (an exec chain) or another fork_time (pid reuse) is another node. Times an event
/// leaves out match any value, so a sparse entry (a Windows ancestor with only its pid) joins the node it
/// describes instead of creating a duplicate; but an entry without times never joins a node of another
/// executable. Processes of events without any times are found by their lineage instead (LineageIndex).
/// <para>Memory: one dictionary entry per distinct host + pid and per distinct host + pid + exec time; the
/// nodes that share a key are chained through fields of the nodes themselves (newest first), not kept in a
/// list per key.</para>
/// </summary>
internal sealed class ProcessIndex
{
    /// <summary>At most this many candidates (newest first) are compared per chain and lookup, so that crafted
    /// input with thousands of images of one pid cannot make the build quadratic. Real hosts have a handful per pid.</summary>
    private const int MaxCandidates = 256;

    private const long UnknownTime = long.MinValue;

    // The newest node by host + pid + exec time (UnknownTime for nodes created without one), and by host + pid.
    private readonly Dictionary<ProcessKey, MergedProcess> _byExec = new();
    private readonly Dictionary<ProcessKey, MergedProcess> _byPid = new();
    private readonly List<MergedProcess> _all = new();

    /// <summary>Every node ever created, in creation order (gap nodes and untimed nodes included).</summary>
    public IReadOnlyList<MergedProcess> All => _all;

    /// <summary>
    /// The node for <paramref name="p"/>, preferring <paramref name="expected"/> (the parent an earlier event
    /// gave the previous entry of this chain) when it fits. Among several fitting nodes the one matching more
    /// known times wins, then the one running at <paramref name="eventTicks"/> (latest start not after it), then
    /// the newest. A node already used by this event's chain (<paramref name="stamp"/>) is taken again only on an
    /// exact match, which is what a looping chain looks like; otherwise a partial match would fold two entries
    /// of one lineage together.
    /// </summary>
    public MergedProcess Resolve(int hostId, string host, Process p, MergedProcess? expected, int stamp, long? eventTicks)
    {
        long pid = p.Pid!.Value;
        long? exec = p.ExecUtcTicks;
        long? fork = p.ForkUtcTicks;
        // An entry without times is matched by its executable too (see ImageFits).
        string? path = exec.HasValue || fork.HasValue ? null : ExecutablePathOf(p);

        if (expected != null && !expected.IsGap && expected.Pid == pid && Fits(expected, exec, fork, path) &&
            (expected.ChainStamp != stamp || IsExact(expected, exec, fork)))
        {
            return expected;
        }

        var search = new Search(exec, fork, path, stamp, eventTicks);
        if (exec.HasValue)
        {
            search.Scan(Head(_byExec, new ProcessKey(hostId, pid, exec.Value)), byPid: false);
            search.Scan(Head(_byExec, new ProcessKey(hostId, pid, UnknownTime)), byPid: false);
        }
        else
        {
            search.Scan(Head(_byPid, new ProcessKey(hostId, pid, 0)), byPid: true);
        }
        if (search.Best != null) return search.Best;

        var created = new MergedProcess(hostId, host, pid, _all.Count, isGap: false) { ExecTicks = exec, ForkTicks = fork };
        _all.Add(created);
        var execKey = new ProcessKey(hostId, pid, exec ?? UnknownTime);
        created.NextWithSameExec = Head(_byExec, execKey);
        _byExec[execKey] = created;
        var pidKey = new ProcessKey(hostId, pid, 0);
        created.NextWithSamePid = Head(_byPid, pidKey);
        _byPid[pidKey] = created;
        return created;
    }

    /// <summary>Records an exec time learned after the node was created. The node stays in the chain of the
    /// exec time it was created with (unknown), which every lookup with an exec time scans too; Fits rejects it
    /// there for other exec times.</summary>
    public static void LearnExecTime(MergedProcess node, long execTicks) => node.ExecTicks = execTicks;

    public MergedProcess CreateGap(MergedProcess below)
    {
        var gap = new MergedProcess(below.HostId, below.Host, null, _all.Count, isGap: true) { Platform = below.Platform };
        _all.Add(gap);
        return gap;
    }

    /// <summary>Creates a node that is found by its lineage, not through this index (see LineageIndex).</summary>
    public MergedProcess CreateUntimed(int hostId, string host, long pid)
    {
        var node = new MergedProcess(hostId, host, pid, _all.Count, isGap: false) { IsUntimed = true };
        _all.Add(node);
        return node;
    }

    private static MergedProcess? Head(Dictionary<ProcessKey, MergedProcess> map, ProcessKey key)
        => map.TryGetValue(key, out var node) ? node : null;

    internal static string? ExecutablePathOf(Process p) => p.Executable?.Path ?? p.ExecutablePath;

    private static bool Fits(MergedProcess node, long? exec, long? fork, string? path)
        => (!node.ExecTicks.HasValue || !exec.HasValue || node.ExecTicks.Value == exec.Value) &&
           (!node.ForkTicks.HasValue || !fork.HasValue || node.ForkTicks.Value == fork.Value) &&
           ImageFits(node, path);

    /// <summary>An entry without times that names its executable is not the image of another executable: the same
    /// pid running another program is another process image (an exec, or pid reuse), whatever else matches.</summary>
    private static bool ImageFits(MergedProcess node, string? path)
        => path == null || node.Path == null || string.Equals(node.Path, path, StringComparison.Ordinal);

    /// <summary>Both sides know the same times, and at least one: the same identity, not merely compatible.</summary>
    private static bool IsExact(MergedProcess node, long? exec, long? fork)
        => (exec.HasValue || fork.HasValue) && node.ExecTicks == exec && node.ForkTicks == fork;

    /// <summary>The best fitting candidate over one or more chains.</summary>
    private struct Search
    {
        private readonly long? _exec, _fork, _eventTicks;
        private readonly string? _path;
        private readonly int _stamp;
        private int _bestScore;
        public MergedProcess? Best;

        public Search(long? exec, long? fork, string? path, int stamp, long? eventTicks)
        {
            _exec = exec;
            _fork = fork;
            _path = path;
            _stamp = stamp;
            _eventTicks = eventTicks;
            _bestScore = -1;
            Best = null;
        }

        public void Scan(MergedProcess? newest, bool byPid)
        {
            int seen = 0;
            for (var candidate = newest; candidate != null && seen < MaxCandidates; candidate = byPid ? candidate.NextWithSamePid : candidate.NextWithSameExec, seen++)
            {
                if (!Fits(candidate, _exec, _fork, _path)) continue;
                if (candidate.ChainStamp == _stamp && !IsExact(candidate, _exec, _fork)) continue;
                int score = (_exec.HasValue && candidate.ExecTicks == _exec ? 1 : 0) + (_fork.HasValue && candidate.ForkTicks == _fork ? 1 : 0);
                if (Best == null || score > _bestScore || (score == _bestScore && RunsLater(candidate, Best, _eventTicks)))
                {
                    Best = candidate;
                    _bestScore = score;
                }
            }
        }

        /// <summary>Tie-break for an entry without times: the image alive when the event happened, i.e. the
        /// latest start not after the event; failing that, the newer node.</summary>
        private static bool RunsLater(MergedProcess candidate, MergedProcess best, long? eventTicks)
        {
            if (ReferenceEquals(candidate, best)) return false;
            long? c = candidate.StartTicks, b = best.StartTicks;
            if (eventTicks.HasValue)
            {
                bool cBefore = c.HasValue && c.Value <= eventTicks.Value;
                bool bBefore = b.HasValue && b.Value <= eventTicks.Value;
                if (cBefore != bBefore) return cBefore;
                if (cBefore && c!.Value != b!.Value) return c.Value > b.Value;
            }
            return candidate.Serial > best.Serial;
        }
    }

    private readonly struct ProcessKey : IEquatable<ProcessKey>
    {
        private readonly int _host;
        private readonly long _pid;
        private readonly long _time;

        public ProcessKey(int host, long pid, long time)
        {
            _host = host;
            _pid = pid;
            _time = time;
        }

        public bool Equals(ProcessKey other) => _pid == other._pid && _time == other._time && _host == other._host;
        public override bool Equals(object? obj) => obj is ProcessKey other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                long h = _pid * 1000003L ^ _time * 31L ^ _host;
                return (int)h ^ (int)(h >> 32);
            }
        }
    }
}
