using System.Collections.Generic;
using System.Linq;
using CsmEvents.ProcessTree;
using static CsmEvents.Tests.ProcessTree.TreeEvents;

namespace CsmEvents.Tests.ProcessTree;

public class GapAndRootTests
{
    /// <summary>A lineage of 250 ancestors as the agent sends it: the 100 nearest and the 100 oldest, the middle
    /// cut. Process k (k = 2..251) is the child of k+1 ... the oldest is pid 1; the acting process is pid 2.</summary>
    private static CsmEvents.Model.CsmEvent Truncated(long line = 1)
    {
        // Full lineage of the acting process 2: 3, 4, ..., 251, then 1.
        var full = Enumerable.Range(3, 249).Select(pid => P(pid, "p" + pid, exec: T("09:00:00"))).ToList();
        full.Add(P(1, "init", exec: T("08:00:00")));
        var kept = full.Take(100).Concat(full.Skip(full.Count - 100)).ToArray();
        return Event(P(2, "leaf", exec: T("10:00:00")), kept, line: line, truncated: true);
    }

    [Fact]
    public void TruncatedLineageShowsAGapBetweenNearestAndOldestKeptAncestors()
    {
        // ancestors[99] is pid 102; ancestors[100] is the 151st ancestor, pid 153.
        var result = ProcessTreeRunner.Run(new[] { Truncated() }, new ProcessTreeOptions { Pids = { 102 }, Ancestry = true, Depth = 2 });
        Assert.Equal(Lines(
            "host: a.jsonl",
            "p153 (153)",
            "└─ (ancestors left out) [gap]",
            "   └─ p102 (102) [selected]"), result.Render(ProcessTreeFormat.Text));
        var gap = result.Nodes[1];
        Assert.True(gap.IsGap);
        Assert.Null(gap.Pid);
        Assert.Equal(new[] { "gap" }, gap.FlagNames);
        var all = ProcessTreeRunner.Run(new[] { Truncated() });
        Assert.Equal(201, all.ProcessCount); // the acting process and 200 kept ancestors
        Assert.Equal(202, all.Nodes.Count);  // plus the gap
        Assert.False(all.Nodes[0].IsOrphan);  // the oldest kept ancestor is pid 1
    }

    [Fact]
    public void GapIsReplacedWhenAnotherEventShowsTheRealParent()
    {
        var events = new List<CsmEvents.Model.CsmEvent> { Truncated(1) };
        // Another event shows the whole lineage of 102: 103, 104, ..., 251, 1.
        var chain = Enumerable.Range(103, 149).Select(pid => P(pid, "p" + pid, exec: T("09:00:00"))).ToList();
        chain.Add(P(1, "init", exec: T("08:00:00")));
        events.Add(Event(P(102, "p102", exec: T("09:00:00")), chain.ToArray(), line: 2));
        var result = ProcessTreeRunner.Run(events, new ProcessTreeOptions { Pids = { 102 }, Ancestry = true, Depth = 2 });
        Assert.Equal(Lines(
            "host: a.jsonl",
            "p104 (104)",
            "└─ p103 (103)",
            "   └─ p102 (102) [selected] 1 event"), result.Render(ProcessTreeFormat.Text));
        Assert.Empty(result.Warnings);
        Assert.DoesNotContain(ProcessTreeRunner.Run(events).Nodes, n => n.IsGap);
    }

    [Fact]
    public void LinuxLineageThatStopsBeforePid1StartsAnOrphanRoot()
    {
        var events = new[]
        {
            Event(P(300, "bash", exec: T("10:00:00")), new[] { P(250, "sshd", ppid: 200, exec: T("09:00:00")) }, line: 1),
            Event(P(400, "vim", exec: T("10:00:00")), new[] { P(1, "systemd") }, line: 2),
            Event(P(33, "kworker/0:1", extra: "\"is_kworker\":true"), new string[0], line: 3),
        };
        Assert.Equal(Lines(
            "host: a.jsonl",
            "sshd (250) [orphan]",
            "└─ bash (300) 1 event",
            "systemd (1)",
            "└─ vim (400) 1 event",
            "kworker/0:1 (33) [kworker] 1 event"), TreeText(events));
    }

    [Fact]
    public void OrphanIsAdoptedWhenALaterEventShowsItsParent()
    {
        var events = new[]
        {
            Event(P(300, "bash", exec: T("10:00:00")), new string[0], line: 1),
            Event(P(301, "ls", exec: T("10:00:01")), new[] { P(300, "bash", exec: T("10:00:00")), P(1, "systemd") }, line: 2),
        };
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1)",
            "└─ bash (300) 1 event",
            "   └─ ls (301) 1 event"), TreeText(events));
    }

    [Fact]
    public void AncestorWithoutPidBecomesAGapWithAWarning()
    {
        var events = new[] { Event(P(300, "bash"), new[] { "{\"comm\":\"lost\"}", P(1, "systemd") }, path: "g.jsonl", line: 4) };
        var warnings = new List<string>();
        var result = ProcessTreeRunner.Run(events, null, w => warnings.Add(w.Code + ": " + w.Message));
        Assert.Equal(Lines(
            "host: g.jsonl",
            "systemd (1)",
            "└─ (ancestors left out) [gap]",
            "   └─ bash (300) 1 event"), result.Render(ProcessTreeFormat.Text));
        Assert.Equal(new[] { "AncestorWithoutPid: g.jsonl:4: ancestor 0 has no pid; it is shown as a gap" }, warnings);
    }

    private const string System4 = """{"pid":4,"executable":{"path":"System","name":"System"}}""";

    [Fact]
    public void WindowsEventsMergeSparseAncestorsIntoKnownProcesses()
    {
        string explorer = W(3000, ppid: 2900, exe: @"C:\Windows\explorer.exe", exec: T("08:00:00"), cmdline: @"C:\Windows\Explorer.EXE", user: @"CONTOSO\alice");
        string word = W(5000, ppid: 3000, exe: @"C:\Program Files\Microsoft Office\WINWORD.EXE", exec: T("10:00:00"), cmdline: "\"WINWORD.EXE\" /n invoice.docm", user: @"CONTOSO\alice");
        string cmd = W(6000, ppid: 5000, exe: @"C:\Windows\System32\cmd.exe", exec: T("10:01:00"), cmdline: "cmd.exe /c powershell -enc AAAA", user: @"CONTOSO\alice");
        string ps = W(6100, ppid: 6000, exe: @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", exec: T("10:01:01"), cmdline: "powershell -enc AAAA", user: @"CONTOSO\alice");
        var events = new[]
        {
            Event(word, new[] { explorer }, path: "ws01.jsonl", line: 1, os: "windows"),
            Event(cmd, new[] { word, explorer }, path: "ws01.jsonl", line: 2, os: "windows"),
            // The agent often sends only pids for ancestors: they join the processes seen above.
            Event(ps, new[] { W(6000), W(5000), W(3000) }, path: "ws01.jsonl", line: 3, os: "windows", evt: "set_key_value"),
        };
        var result = ProcessTreeRunner.Run(events);
        Assert.Equal(Lines(
            "host: ws01.jsonl",
            @"explorer.exe (3000) [orphan]: C:\Windows\Explorer.EXE",
            "└─ WINWORD.EXE (5000) 1 event: \"WINWORD.EXE\" /n invoice.docm",
            "   └─ cmd.exe (6000) 1 event: cmd.exe /c powershell -enc AAAA",
            "      └─ powershell.exe (6100) 1 event: powershell -enc AAAA"), result.Render(ProcessTreeFormat.Text));
        Assert.Equal(4, result.ProcessCount);
        Assert.Equal(@"CONTOSO\alice", result.Nodes[3].User);
        Assert.Equal(6000L, result.Nodes[3].Ppid);
    }

    [Fact]
    public void SparseAncestorOfAReusedPidJoinsTheProcessRunningAtTheEventTime()
    {
        string explorer = W(3000, exe: @"C:\Windows\explorer.exe", exec: T("08:00:00"));
        var events = new[]
        {
            Event(W(6000, ppid: 3000, exe: @"C:\Windows\System32\cmd.exe", exec: T("10:00:00")), new[] { explorer }, path: "w.jsonl", line: 1, os: "windows", date: T("10:00:01")),
            Event(W(6000, ppid: 3000, exe: @"C:\Windows\notepad.exe", exec: T("12:00:00")), new[] { explorer }, path: "w.jsonl", line: 2, os: "windows", date: T("12:00:01")),
            Event(W(7000, ppid: 6000, exe: @"C:\x.exe", exec: T("12:30:00")), new[] { W(6000), W(3000) }, path: "w.jsonl", line: 3, os: "windows", date: T("12:30:00")),
            Event(W(7100, ppid: 6000, exe: @"C:\y.exe", exec: T("11:00:00")), new[] { W(6000), W(3000) }, path: "w.jsonl", line: 4, os: "windows", date: T("11:00:00")),
        };
        Assert.Equal(Lines(
            "host: w.jsonl",
            @"explorer.exe (3000) [orphan]: C:\Windows\explorer.exe",
            @"├─ cmd.exe (6000) 1 event: C:\Windows\System32\cmd.exe",
            @"│  └─ y.exe (7100) 1 event: C:\y.exe",
            @"└─ notepad.exe (6000) 1 event: C:\Windows\notepad.exe",
            @"   └─ x.exe (7000) 1 event: C:\x.exe"), TreeText(events));
    }

    [Fact]
    public void WindowsChainsEndingAtSystemOrAtPpidZeroAreNotOrphans()
    {
        string smss = W(400, ppid: 4, exe: @"C:\Windows\System32\smss.exe", exec: T("07:00:00"));
        string wininit = W(600, ppid: 500, exe: @"C:\Windows\System32\wininit.exe", exec: T("07:00:02"));
        string services = W(700, ppid: 600, exe: @"C:\Windows\System32\services.exe", exec: T("07:00:03"));
        var events = new[]
        {
            Event(W(900, ppid: 400, exe: @"C:\Windows\System32\csrss.exe", exec: T("07:00:01")), new[] { smss, System4 }, path: "w.jsonl", line: 1, os: "windows"),
            Event(W(800, ppid: 700, exe: @"C:\Windows\System32\svchost.exe", exec: T("07:00:04")), new[] { services, wininit }, path: "w.jsonl", line: 2, os: "windows"),
            Event(W(1200, ppid: 0, exe: @"C:\tools\agent.exe", exec: T("07:00:05")), new string[0], path: "w.jsonl", line: 3, os: "windows"),
        };
        Assert.Equal(Lines(
            "host: w.jsonl",
            @"wininit.exe (600) [orphan]: C:\Windows\System32\wininit.exe",
            @"└─ services.exe (700): C:\Windows\System32\services.exe",
            @"   └─ svchost.exe (800) 1 event: C:\Windows\System32\svchost.exe",
            @"agent.exe (1200) 1 event: C:\tools\agent.exe",
            @"System (4): System",
            @"└─ smss.exe (400): C:\Windows\System32\smss.exe",
            @"   └─ csrss.exe (900) 1 event: C:\Windows\System32\csrss.exe"), TreeText(events));
    }
}
