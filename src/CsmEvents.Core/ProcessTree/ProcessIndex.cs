using System;
using System.Collections.Generic;
using CsmEvents.Model;

namespace CsmEvents.ProcessTree;

/// <summary>
/// Finds the node of a process seen in an event, or creates it. Identity is host + pid + start times: the same
/// pid with another exec_time (an exec chain) or another fork_time (pid reuse) is another node. Times an event
/// leaves out match any value, so a sparse entry (a Windows ancestor with only its pid) joins the node it
/// describes instead of creating a duplicate.
/// </summary>
internal sealed class ProcessIndex
{
    /// <summary>At most this many candidates (newest first) are compared per lookup, so that crafted input with
    /// thousands of images of one pid cannot make the build quadratic. Real hosts have a handful per pid.</summary>
    private const int MaxCandidates = 256;

    private const long UnknownTime = long.MinValue;

    // Nodes by host + pid + exec time (UnknownTime for nodes created without one), and by host + pid alone.
    private readonly Dictionary<ProcessKey, List<MergedProcess>> _byExec = new();
    private readonly Dictionary<ProcessKey, List<MergedProcess>> _byPid = new();
    private readonly List<MergedProcess> _all = new();

    /// <summary>Every node ever created, in creation order (gap nodes included).</summary>
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
        long? exec = p.ExecTime?.UtcTicks;
        long? fork = p.ForkTime?.UtcTicks;

        if (expected != null && !expected.IsGap && expected.Pid == pid && Fits(expected, exec, fork) &&
            (expected.ChainStamp != stamp || IsExact(expected, exec, fork)))
        {
            return expected;
        }

        var search = new Search(exec, fork, stamp, eventTicks);
        if (exec.HasValue)
        {
            search.Scan(Bucket(_byExec, new ProcessKey(hostId, pid, exec.Value)));
            search.Scan(Bucket(_byExec, new ProcessKey(hostId, pid, UnknownTime)));
        }
        else
        {
            search.Scan(Bucket(_byPid, new ProcessKey(hostId, pid, 0)));
        }
        if (search.Best != null) return search.Best;

        var created = new MergedProcess(hostId, host, pid, _all.Count, isGap: false) { ExecTicks = exec, ForkTicks = fork };
        _all.Add(created);
        Add(_byExec, new ProcessKey(hostId, pid, exec ?? UnknownTime), created);
        Add(_byPid, new ProcessKey(hostId, pid, 0), created);
        return created;
    }

    /// <summary>Records an exec time learned after the node was created, so that later lookups by it find the node.</summary>
    public void LearnExecTime(MergedProcess node, long execTicks)
    {
        node.ExecTicks = execTicks;
        // The node stays in the unknown-time bucket too; Fits rejects it there for other exec times.
        Add(_byExec, new ProcessKey(node.HostId, node.Pid!.Value, execTicks), node);
    }

    public MergedProcess CreateGap(MergedProcess below)
    {
        var gap = new MergedProcess(below.HostId, below.Host, null, _all.Count, isGap: true) { Platform = below.Platform };
        _all.Add(gap);
        return gap;
    }

    private static List<MergedProcess>? Bucket(Dictionary<ProcessKey, List<MergedProcess>> map, ProcessKey key)
        => map.TryGetValue(key, out var list) ? list : null;

    private static void Add(Dictionary<ProcessKey, List<MergedProcess>> map, ProcessKey key, MergedProcess node)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = new List<MergedProcess>(1);
        list.Add(node);
    }

    private static bool Fits(MergedProcess node, long? exec, long? fork)
        => (!node.ExecTicks.HasValue || !exec.HasValue || node.ExecTicks.Value == exec.Value) &&
           (!node.ForkTicks.HasValue || !fork.HasValue || node.ForkTicks.Value == fork.Value);

    /// <summary>Both sides know the same times, and at least one: the same identity, not merely compatible.</summary>
    private static bool IsExact(MergedProcess node, long? exec, long? fork)
        => (exec.HasValue || fork.HasValue) && node.ExecTicks == exec && node.ForkTicks == fork;

    /// <summary>The best fitting candidate over one or more buckets.</summary>
    private struct Search
    {
        private readonly long? _exec, _fork, _eventTicks;
        private readonly int _stamp;
        private int _bestScore;
        public MergedProcess? Best;

        public Search(long? exec, long? fork, int stamp, long? eventTicks)
        {
            _exec = exec;
            _fork = fork;
            _stamp = stamp;
            _eventTicks = eventTicks;
            _bestScore = -1;
            Best = null;
        }

        public void Scan(List<MergedProcess>? bucket)
        {
            if (bucket == null) return;
            int stop = Math.Max(0, bucket.Count - MaxCandidates);
            for (int i = bucket.Count - 1; i >= stop; i--)
            {
                var candidate = bucket[i];
                if (!Fits(candidate, _exec, _fork)) continue;
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
