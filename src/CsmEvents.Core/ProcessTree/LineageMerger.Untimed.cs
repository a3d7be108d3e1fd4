using System;
using System.Collections.Generic;
using System.Globalization;
using CsmEvents.Model;

namespace CsmEvents.ProcessTree;

/// <summary>
/// Events whose lineage carries no exec or fork time (Datadog's agent test fixtures, hand-written or generated
/// events, base-format events). Times are what tells two images of one pid apart, so without them a process is
/// identified by where it sits: its host, the process that started it (the entry above it in the event's
/// lineage), its pid and its image (executable path and inode, else its comm). The lineage is walked from the
/// oldest ancestor down, and each entry is looked up under the node already found for the entry above it; so the
/// same pid running another executable, or started by another parent, is another process, and the result is
/// the same whatever the order of the events.
/// <para>An entry that says less (no executable, or no parent: the top of a cut lineage) is kept apart while
/// events are added, and joined at the end to the one process that says more and agrees with it
/// (<see cref="FinishUntimed"/>); when several could be meant, it stays apart. One warning at the end names the
/// pids that this made into several processes, since events without times cannot prove they were not one.
/// These processes never mix with processes of events that carry times, which are identified by their times.</para>
/// </summary>
internal sealed partial class LineageMerger
{
    private readonly Dictionary<LineageKey, MergedProcess> _lineage = new();
    private readonly Dictionary<ImageKey, int> _imageIds = new();
    private readonly List<string> _images = new() { string.Empty }; // id 0: the entry named no image
    private bool _anyUntimed;

    /// <summary>Adds an event none of whose lineage entries has an exec or fork time; returns its acting process.</summary>
    private MergedProcess AddUntimed(CsmEvent evt, ProcessContext process, int hostId, string host, CsmPlatform platform, EventSource? source)
    {
        _anyUntimed = true;
        var ancestors = process.Ancestors;
        var parent = process.Parent;
        bool useAncestors = ancestors != null && ancestors.Count > 0;
        int count = useAncestors ? ancestors!.Count : (parent != null ? 1 : 0);
        var extraFirst = useAncestors ? parent : null;
        string? mismatch = null;
        if (extraFirst != null && ancestors![0] is { } first && first.Pid.HasValue && extraFirst.Pid.HasValue && first.Pid != extraFirst.Pid)
        {
            mismatch = "process.parent is pid " + extraFirst.Pid + " but process.ancestors[0] is pid " + first.Pid + "; the ancestors are used";
            extraFirst = null;
        }
        int gapAfter = process.TruncatedAncestors == true ? CutIndex(useAncestors ? ancestors! : null, count) : -1;

        // From the oldest entry down to the acting process (index -1). A gap separates an entry from the one above
        // it when that one has no pid, or when the agent cut the lineage there.
        MergedProcess? above = null;
        bool pidlessAbove = false;
        for (int i = count - 1; i >= -1; i--)
        {
            Process entry = i >= 0 ? (useAncestors ? ancestors![i] : parent!) : process;
            if (i >= 0 && (entry == null || !entry.Pid.HasValue))
            {
                Warn(ProcessTreeWarning.Create(ProcessTreeWarning.AncestorWithoutPid, source, null,
                    "ancestor " + i + " has no pid; it is shown as a gap"));
                pidlessAbove = true;
                continue;
            }
            bool gap = pidlessAbove || i + 1 == gapAfter;
            var node = ResolveUntimed(hostId, host, entry, gap ? null : above);
            if (i >= 0)
            {
                EnrichUntimed(node, entry, platform);
                if (i == 0 && extraFirst != null && !ReferenceEquals(extraFirst, entry) && ImageIdOf(extraFirst) == node.ImageId)
                {
                    EnrichUntimed(node, extraFirst, platform);
                }
            }
            else
            {
                EnrichUntimed(node, entry, platform);
                node.ContainerId = SmallerShared(node.ContainerId, evt.Container?.Id);
                node.User = SmallerShared(node.User, evt.Usr?.Name ?? evt.Usr?.Id);
                (node.Events ??= new ProcessEventStats()).Add(evt, _keepEvents, _names);
            }
            if (gap) LinkThroughGap(node, above, source);
            else if (above != null) Link(node, above, source);
            pidlessAbove = false;
            above = node;
        }
        if (mismatch != null && _reportedMismatches.Add(above!.Serial))
        {
            Warn(ProcessTreeWarning.Create(ProcessTreeWarning.ParentMismatch, source, null, mismatch));
        }
        return above!; // the last entry resolved is the acting process (index -1), which always has a pid
    }

    /// <summary>The node of <paramref name="p"/> started by <paramref name="parent"/> (null: the event does not
    /// say who started it), created when there is none yet.</summary>
    private MergedProcess ResolveUntimed(int hostId, string host, Process p, MergedProcess? parent)
    {
        long pid = p.Pid!.Value;
        int image = ImageIdOf(p);
        var key = new LineageKey(hostId, parent?.Serial ?? -1, pid, image);
        if (_lineage.TryGetValue(key, out var node)) return node;
        node = _index.CreateUntimed(hostId, host, pid);
        node.ImageId = image;
        node.ParentUnknown = parent == null;
        _lineage.Add(key, node);
        return node;
    }

    /// <summary>The image an entry names: its executable path with the inode when given (<c>p:PATH</c> or
    /// <c>p:PATH#INODE</c>), else its comm or executable name (<c>c:NAME</c>); 0 when it names none.</summary>
    private int ImageIdOf(Process p)
    {
        var exe = p.Executable;
        string? path = ProcessIndex.ExecutablePathOf(p);
        ImageKey key;
        if (path != null) key = new ImageKey(path, exe?.Inode, byExecutable: true);
        else if ((p.Comm ?? exe?.Name) is { } name) key = new ImageKey(name, null, byExecutable: false);
        else return 0;
        if (_imageIds.TryGetValue(key, out int id)) return id;
        id = _images.Count;
        _images.Add(key.ToText());
        _imageIds.Add(key, id);
        return id;
    }

    /// <summary>An image as the entry names it: an executable path (with its inode when given) or a name; looked up
    /// without building a string for every entry of every event.</summary>
    private readonly struct ImageKey : IEquatable<ImageKey>
    {
        private readonly string _text;
        private readonly ulong? _inode;
        private readonly bool _byExecutable;

        public ImageKey(string text, ulong? inode, bool byExecutable)
        {
            _text = text;
            _inode = inode;
            _byExecutable = byExecutable;
        }

        public bool Equals(ImageKey other) => _byExecutable == other._byExecutable && _inode == other._inode && string.Equals(_text, other._text, StringComparison.Ordinal);
        public override bool Equals(object? obj) => obj is ImageKey other && Equals(other);
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text) ^ (_inode ?? 0).GetHashCode() ^ (_byExecutable ? 1 : 0);

        /// <summary><c>p:PATH</c>, <c>p:PATH#INODE</c> or <c>c:NAME</c>.</summary>
        public string ToText() => _byExecutable
            ? (_inode is ulong inode ? "p:" + _text + "#" + inode.ToString(CultureInfo.InvariantCulture) : "p:" + _text)
            : "c:" + _text;
    }

    /// <summary>
    /// Fills what the node does not know from <paramref name="p"/>. Where two events of one untimed process
    /// disagree (another command line, another comm for the same executable), the ordinal smaller value is
    /// kept, not the first one read, so the output does not depend on the order of the input.
    /// </summary>
    private void EnrichUntimed(MergedProcess n, Process p, CsmPlatform platform)
    {
        if (n.Platform == CsmPlatform.Unknown) n.Platform = platform;
        if (p.Ppid is long ppid && (n.Ppid == null || ppid < n.Ppid)) n.Ppid = ppid;
        n.Comm = SmallerShared(n.Comm, p.Comm);
        var exe = p.Executable;
        n.Path = SmallerShared(n.Path, exe?.Path ?? p.ExecutablePath);
        n.ExecutableName = SmallerShared(n.ExecutableName, exe?.Name);
        if (p.Cmdline != null || p.Args != null || p.Argv0 != null) n.CommandLine = Smaller(n.CommandLine, p.CommandLine);
        n.User = SmallerShared(n.User, p.User ?? p.Credentials?.User);
        n.ContainerId = SmallerShared(n.ContainerId, p.Container?.Id);
        if (p.HasExitTime)
        {
            n.KnowsExitTime = true;
            n.Facts.ExitTimeText = Smaller(n.Facts.ExitTimeText, ProcessTimeText.Exit(p));
        }
        // The agent omits false flags: a named entry without is_thread / is_kworker says false; true wins.
        bool named = p.Comm != null || exe != null;
        if (p.IsThread == true) n.IsThread = true;
        else if (n.IsThread == null && named) n.IsThread = false;
        if (p.IsKworker == true) n.IsKworker = true;
        else if (n.IsKworker == null && named) n.IsKworker = false;
    }

    private static string? Smaller(string? known, string? seen)
        => known == null ? seen : seen == null || string.CompareOrdinal(known, seen) <= 0 ? known : seen;

    /// <summary><see cref="Smaller"/>, keeping the shared copy of a value that is taken (looked up only then).</summary>
    private string? SmallerShared(string? known, string? seen)
        => seen == null || (known != null && string.CompareOrdinal(known, seen) <= 0) ? known : Shared(seen);

    /// <summary>Completes the untimed processes once every event is in: joins the partly described ones
    /// (<see cref="JoinPartialUntimedProcesses"/>), then warns once about the pids that are several processes.</summary>
    internal void FinishUntimed()
    {
        if (!_anyUntimed) return;
        int ambiguous = JoinPartialUntimedProcesses();
        WarnAboutSharedPids(ambiguous);
    }

    /// <summary>
    /// Joins each untimed process that an event described only partly (no image, or no parent although it is
    /// not a root by nature) to the one untimed process of the same host and pid that says more and agrees with
    /// it: the same parent (unless the partial one has none), the same image (unless it has none; a comm agrees
    /// with an executable of that file name). Repeated until nothing changes, so that joins which make two
    /// candidates one are taken into account; the result does not depend on the order of the events. Partial
    /// processes with several candidates stay apart; their number is returned.
    /// </summary>
    private int JoinPartialUntimedProcesses()
    {
        // Only a pid with more than one untimed process can have a partial process to join: group those.
        var live = LiveUntimedByPid();
        var partial = new List<MergedProcess>();
        var groups = new Dictionary<(int Host, long Pid), List<MergedProcess>>();
        for (int i = 0; i < live.Count;)
        {
            int end = EndOfPid(live, i);
            if (end - i > 1)
            {
                var group = live.GetRange(i, end - i);
                groups.Add((live[i].HostId, live[i].Pid!.Value), group);
                foreach (var p in group) if (IsPartial(p)) partial.Add(p);
            }
            i = end;
        }
        if (partial.Count == 0) return 0;

        // Each round looks at the partial processes that could have changed: all at first, then those that had
        // several candidates (a join may have made them one) and those a join moved under another parent.
        var ambiguous = new List<MergedProcess>();
        var moved = new List<MergedProcess>();
        var pending = partial;
        for (int round = 0; pending.Count > 0 && round < MaxJoinRounds; round++)
        {
            ambiguous.Clear();
            moved.Clear();
            bool joined = false;
            foreach (var n in pending)
            {
                if (n.IsDetached) continue;
                var group = groups[(n.HostId, n.Pid!.Value)];
                if (group.Count > MaxJoinGroup)
                {
                    ambiguous.Add(n);
                    continue;
                }
                MergedProcess? only = null;
                int candidates = 0;
                foreach (var m in group)
                {
                    if (m.IsDetached || ReferenceEquals(m, n) || !SaysMore(m, n) || !Agrees(n, m)) continue;
                    only = m;
                    candidates++;
                }
                if (candidates == 1)
                {
                    MergeInto(n, only!, moved);
                    joined = true;
                }
                else if (candidates > 1)
                {
                    ambiguous.Add(n);
                }
            }
            if (!joined) break;
            pending = new List<MergedProcess>(ambiguous);
            foreach (var m in moved) if (!m.IsDetached && IsPartial(m)) pending.Add(m);
        }
        int stillApart = 0;
        foreach (var n in ambiguous) if (!n.IsDetached) stillApart++;
        return stillApart;
    }

    /// <summary>Pids with more untimed processes than this are not joined (their partial processes stay apart, and
    /// are counted in the warning): comparing each with all would make crafted input quadratic.</summary>
    private const int MaxJoinGroup = 1024;

    /// <summary>At most this many rounds of joins (real data needs one or two).</summary>
    private const int MaxJoinRounds = 64;

    /// <summary>The untimed processes still in the tree, by host, pid and name (ordinal: the same order whatever
    /// the order of the events, except between processes of one name, which the callers do not tell apart).</summary>
    private List<MergedProcess> LiveUntimedByPid()
    {
        var live = new List<MergedProcess>();
        foreach (var p in _index.All) if (p.IsUntimed && !p.IsDetached) live.Add(p);
        live.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Host, b.Host);
            if (c == 0) c = a.Pid!.Value.CompareTo(b.Pid!.Value);
            if (c == 0) c = string.CompareOrdinal(a.Name, b.Name);
            return c != 0 ? c : a.Serial.CompareTo(b.Serial);
        });
        return live;
    }

    /// <summary>The end of the run of processes of one host and pid that starts at <paramref name="start"/>.</summary>
    private static int EndOfPid(List<MergedProcess> sorted, int start)
    {
        int end = start + 1;
        while (end < sorted.Count && sorted[end].HostId == sorted[start].HostId && sorted[end].Pid == sorted[start].Pid) end++;
        return end;
    }

    /// <summary>Most pids named in the warning about pids that are several processes.</summary>
    private const int NamedPids = 5;

    /// <summary>
    /// One warning naming the pids (first few, by host and pid) that are several untimed processes: told apart by
    /// executable or parent, which is right for the same pid reused or exec'd, but events without times cannot
    /// rule out that they describe one process differently.
    /// </summary>
    private void WarnAboutSharedPids(int ambiguous)
    {
        var live = LiveUntimedByPid();
        int shared = 0, namedPids = 0;
        var named = new System.Text.StringBuilder();
        string? namedHost = null;
        for (int i = 0; i < live.Count;)
        {
            int end = EndOfPid(live, i);
            if (end - i > 1)
            {
                shared++;
                if (namedPids++ < NamedPids)
                {
                    var names = new List<string>();
                    for (int k = i; k < end && names.Count < 8; k++) names.Add(Text.TerminalText.Escape(live[k].Name ?? "?")!);
                    if (end - i > names.Count) names.Add("...");
                    if (!ReferenceEquals(namedHost, live[i].Host))
                    {
                        namedHost = live[i].Host;
                        if (named.Length > 0) named.Append("; ");
                        named.Append(namedHost.Length == 0 ? "(unknown host)" : Text.TerminalText.Escape(namedHost)).Append(": ");
                    }
                    else named.Append(", ");
                    named.Append("pid ").Append(live[i].Pid!.Value.ToString(CultureInfo.InvariantCulture))
                         .Append(" (").Append(string.Join(", ", names)).Append(')');
                }
            }
            i = end;
        }
        if (shared == 0 && ambiguous == 0) return;
        string text = "events without exec_time or fork_time name " + shared.ToString(CultureInfo.InvariantCulture) +
            (shared == 1 ? " pid" : " pids") + " with several processes, told apart by executable and parent (without " +
            "start times the events cannot show whether they were one process): " + named +
            (shared > NamedPids ? ", ..." : string.Empty);
        if (ambiguous > 0)
        {
            text += "; " + ambiguous.ToString(CultureInfo.InvariantCulture) + (ambiguous == 1 ? " process" : " processes") +
                    " described without executable or parent could be any of several and " + (ambiguous == 1 ? "is" : "are") + " shown apart";
        }
        Warn(new ProcessTreeWarning(ProcessTreeWarning.IdentityUncertain, text, Array.AsReadOnly(new EventSource?[0])));
    }

    private bool IsPartial(MergedProcess p) => Strength(p) < 2 || !ParentKnown(p);

    /// <summary>2: identified by executable path; 1: by comm or executable name; 0: by neither.</summary>
    private int Strength(MergedProcess p) => p.ImageId == 0 ? 0 : _images[p.ImageId][0] == 'p' ? 2 : 1;

    /// <summary>The event named the parent, or the process is a root by nature (pid 1, ppid 0, kworker...).</summary>
    private static bool ParentKnown(MergedProcess p) => !p.ParentUnknown || RootRules.IsNaturalRoot(p);

    /// <summary>m knows at least what n knows about its image and parent, and more about one of them.</summary>
    private bool SaysMore(MergedProcess m, MergedProcess n)
    {
        int sm = Strength(m), sn = Strength(n);
        bool pm = ParentKnown(m), pn = ParentKnown(n);
        return sm >= sn && (pm || !pn) && (sm > sn || (pm && !pn));
    }

    /// <summary>Nothing n says contradicts m: the same parent when n names one, the same image when n names one.</summary>
    private bool Agrees(MergedProcess n, MergedProcess m)
    {
        if (!n.ParentUnknown && !ReferenceEquals(n.Parent, m.Parent)) return false;
        switch (Strength(n))
        {
            case 2: return n.ImageId == m.ImageId;
            case 1:
                string name = _images[n.ImageId].Substring(2);
                string other = _images[m.ImageId];
                if (Strength(m) == 1) return string.Equals(other.Substring(2), name, StringComparison.Ordinal);
                // A comm is the executable's file name, cut to 15 characters on Linux. (The path of a process
                // identified by its executable is the path it was identified by.)
                string file = MergedProcess.FileNameOf(m.Path) ?? string.Empty;
                return string.Equals(file, name, StringComparison.Ordinal) ||
                       (name.Length == 15 && file.StartsWith(name, StringComparison.Ordinal));
            default: return true;
        }
    }

    /// <summary>Moves everything <paramref name="from"/> holds into <paramref name="into"/>: events, the facts
    /// <paramref name="into"/> lacks, and children (a child that <paramref name="into"/> already has, same pid and
    /// image, is merged in turn). <paramref name="from"/> leaves the tree, and so does the gap above it.</summary>
    private void MergeInto(MergedProcess from, MergedProcess into, List<MergedProcess> moved)
    {
        var work = new Stack<(MergedProcess From, MergedProcess Into)>();
        work.Push((from, into));
        while (work.Count > 0)
        {
            var (src, dst) = work.Pop();
            if (src.Events != null)
            {
                if (dst.Events == null) dst.Events = src.Events;
                else dst.Events.Absorb(src.Events);
                src.Events = null;
            }
            FillFacts(dst, src);
            var oldParent = src.Parent;
            if (oldParent != null && !oldParent.IsDetached)
            {
                oldParent.Children?.Remove(src);
                if (oldParent.IsGap && (oldParent.Children == null || oldParent.Children.Count == 0)) DetachGap(oldParent);
            }
            src.Parent = null;
            src.IsDetached = true;
            var children = src.Children;
            src.Children = null;
            if (children == null) continue;
            foreach (var child in children)
            {
                var twin = child.IsGap || !child.IsUntimed ? null : ChildLike(dst, child);
                if (twin != null)
                {
                    work.Push((child, twin));
                    continue;
                }
                child.Parent = dst;
                dst.AddChild(child);
                moved.Add(child);
            }
        }
    }

    private static MergedProcess? ChildLike(MergedProcess parent, MergedProcess child)
    {
        if (parent.Children == null) return null;
        foreach (var c in parent.Children)
        {
            if (!c.IsGap && c.IsUntimed && c.Pid == child.Pid && c.ImageId == child.ImageId && c.ParentUnknown == child.ParentUnknown) return c;
        }
        return null;
    }

    private static void FillFacts(MergedProcess dst, MergedProcess src)
    {
        var d = dst.Facts;
        var s = src.Facts;
        if (d.Platform == CsmPlatform.Unknown) d.Platform = s.Platform;
        d.Ppid ??= s.Ppid;
        d.Comm ??= s.Comm;
        d.Path ??= s.Path;
        d.ExecutableName ??= s.ExecutableName;
        d.CommandLine ??= s.CommandLine;
        d.User ??= s.User;
        d.ContainerId ??= s.ContainerId;
        d.ExitTimeText ??= s.ExitTimeText;
        dst.KnowsExitTime |= src.KnowsExitTime;
        if (s.IsThread == true) d.IsThread = true;
        else d.IsThread ??= s.IsThread;
        if (s.IsKworker == true) d.IsKworker = true;
        else d.IsKworker ??= s.IsKworker;
    }

    /// <summary>Host, node number of the parent (-1: none named), pid and image id.</summary>
    private readonly struct LineageKey : IEquatable<LineageKey>
    {
        private readonly int _host;
        private readonly int _parent;
        private readonly long _pid;
        private readonly int _image;

        public LineageKey(int host, int parent, long pid, int image)
        {
            _host = host;
            _parent = parent;
            _pid = pid;
            _image = image;
        }

        public bool Equals(LineageKey other) => _pid == other._pid && _parent == other._parent && _image == other._image && _host == other._host;
        public override bool Equals(object? obj) => obj is LineageKey other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                long h = _pid * 1000003L ^ (long)_parent * 7919L ^ (long)_image * 31L ^ _host;
                return (int)h ^ (int)(h >> 32);
            }
        }
    }
}
