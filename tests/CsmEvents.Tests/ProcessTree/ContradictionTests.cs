using System.Collections.Generic;
using System.Linq;
using CsmEvents.ProcessTree;
using static CsmEvents.Tests.ProcessTree.TreeEvents;

namespace CsmEvents.Tests.ProcessTree;

public class ContradictionTests
{
    private static (ProcessTreeResult Result, List<ProcessTreeWarning> Warnings) Run(params CsmEvents.Model.CsmEvent[] events)
    {
        var warnings = new List<ProcessTreeWarning>();
        var result = ProcessTreeRunner.Run(events, null, warnings.Add);
        return (result, warnings);
    }

    [Fact]
    public void SameProcessWithTwoParentsKeepsTheFirstAndNamesBothEvents()
    {
        string bash = P(300, "bash", exec: T("10:00:00"));
        var (result, warnings) = Run(
            Event(bash, new[] { P(200, "sshd", exec: T("09:00:00")), P(1, "systemd") }, path: "a.jsonl", line: 1, host: "web-1"),
            Event(bash, new[] { P(700, "cron", exec: T("08:00:00")), P(1, "systemd") }, path: "b.jsonl", line: 7, host: "web-1"),
            Event(bash, new[] { P(700, "cron", exec: T("08:00:00")), P(1, "systemd") }, path: "b.jsonl", line: 8, host: "web-1"));
        var warning = Assert.Single(warnings); // the same contradiction is reported once
        Assert.Equal(ProcessTreeWarning.ConflictingParent, warning.Code);
        Assert.Equal("b.jsonl:7: bash (300) has parent cron (700) here but sshd (200) in a.jsonl:1; the first link is kept", warning.Message);
        Assert.Equal(new[] { "b.jsonl:7", "a.jsonl:1" }, warning.Sources.Select(s => s!.ToString()).ToArray());
        Assert.Equal(Lines(
            "host: web-1",
            "systemd (1)",
            "├─ cron (700)",
            "└─ sshd (200)",
            "   └─ bash (300) 3 events"), result.Render(ProcessTreeFormat.Text));
    }

    [Fact]
    public void ConflictsAreJudgedPerHost()
    {
        // The same file holds two hosts (Datadog envelopes): the same pid and times on two hosts are two processes.
        string bash = P(300, "bash", exec: T("10:00:00"));
        var (result, warnings) = Run(
            Event(bash, new[] { P(200, "sshd"), P(1, "systemd") }, line: 1, host: "web-1"),
            Event(bash, new[] { P(700, "cron"), P(1, "systemd") }, line: 2, host: "web-2"));
        Assert.Empty(warnings);
        Assert.Equal(Lines(
            "host: web-1",
            "systemd (1)",
            "└─ sshd (200)",
            "   └─ bash (300) 1 event",
            "host: web-2",
            "systemd (1)",
            "└─ cron (700)",
            "   └─ bash (300) 1 event"), result.Render(ProcessTreeFormat.Text));
    }

    [Fact]
    public void LinkThatWouldCloseALoopIsIgnoredWithAWarning()
    {
        string a = P(10, "alpha", exec: T("10:00:00"));
        string b = P(20, "beta", exec: T("09:00:00"));
        var (result, warnings) = Run(
            Event(a, new[] { b }, path: "a.jsonl", line: 1, host: "web-1"),
            Event(b, new[] { a }, path: "b.jsonl", line: 2, host: "web-1"));
        var warning = Assert.Single(warnings);
        Assert.Equal(ProcessTreeWarning.LineageLoop, warning.Code);
        Assert.Equal("b.jsonl:2: lineage loop: alpha (10) descends from beta (20) (linked in a.jsonl:1) and cannot be its parent; the link is ignored", warning.Message);
        Assert.Equal(new[] { "b.jsonl:2", "a.jsonl:1" }, warning.Sources.Select(s => s!.ToString()).ToArray());
        Assert.Equal(Lines(
            "host: web-1",
            "beta (20) [orphan] 1 event",
            "└─ alpha (10) 1 event"), result.Render(ProcessTreeFormat.Text));
    }

    [Fact]
    public void ProcessListedAsItsOwnParentIsReported()
    {
        string a = P(10, "alpha", exec: T("10:00:00"), fork: T("09:59:00"));
        var (result, warnings) = Run(Event(a, new[] { a, P(1, "systemd") }, path: "c.jsonl", line: 3));
        Assert.Equal(new[] { "c.jsonl:3: lineage loop: alpha (10) is listed as its own parent; the link is ignored" }, warnings.Select(w => w.Message).ToArray());
        Assert.Equal(new[] { "c.jsonl:3" }, warnings[0].Sources.Select(s => s!.ToString()).ToArray());
        Assert.Equal(Lines(
            "host: c.jsonl",
            "systemd (1)",
            "└─ alpha (10) 1 event"), result.Render(ProcessTreeFormat.Text));
    }

    [Fact]
    public void ChainThatLoopsOnItselfEndsWithoutHangingAndWarnsOnce()
    {
        string a = P(10, "alpha", exec: T("10:00:00"));
        string b = P(20, "beta", exec: T("09:00:00"));
        var chain = Enumerable.Range(0, 5000).Select(i => i % 2 == 0 ? b : a).ToArray(); // beta, alpha, beta, ...
        var (result, warnings) = Run(Event(a, chain, path: "d.jsonl", line: 5));
        Assert.Equal(new[] { "d.jsonl:5: lineage loop: alpha (10) descends from beta (20) (linked in d.jsonl:5) and cannot be its parent; the link is ignored" },
            warnings.Select(w => w.Message).ToArray());
        Assert.Equal(Lines(
            "host: d.jsonl",
            "beta (20) [orphan]",
            "└─ alpha (10) 1 event"), result.Render(ProcessTreeFormat.Text));
    }

    [Fact]
    public void ParentThatDiffersFromFirstAncestorIsReportedAndAncestorsWin()
    {
        var e = CsmEvents.Model.CsmEvent.Parse(
            """{"process":{"pid":300,"comm":"bash","parent":{"pid":5,"comm":"other"},"ancestors":[{"pid":1,"comm":"systemd"}]}}""",
            new CsmEvents.Model.EventSource("m.jsonl", 2));
        var (result, warnings) = Run(e);
        Assert.Equal(new[] { "ParentMismatch: m.jsonl:2: process.parent is pid 5 but process.ancestors[0] is pid 1; the ancestors are used" },
            warnings.Select(w => w.Code + ": " + w.Message).ToArray());
        Assert.Equal(Lines("host: m.jsonl", "systemd (1)", "└─ bash (300) 1 event"), result.Render(ProcessTreeFormat.Text));
    }

    [Fact]
    public void EventsWithoutProcessAreCountedAndWithoutPidAreReported()
    {
        var heartbeat = CsmEvents.Model.CsmEvent.Parse("""{"agent":{"rule_id":"heartbeat"},"title":"h"}""", new CsmEvents.Model.EventSource("e.jsonl", 1));
        var noPid = CsmEvents.Model.CsmEvent.Parse("""{"process":{"comm":"ghost","pid":"12"}}""", new CsmEvents.Model.EventSource("e.jsonl", 2));
        var (result, warnings) = Run(heartbeat, noPid);
        Assert.Equal(new[] { "MissingPid: e.jsonl:2: the acting process has no pid; the event is not placed in the tree" },
            warnings.Select(w => w.Code + ": " + w.Message).ToArray());
        Assert.Equal(2, result.EventCount);
        Assert.Equal(2, result.EventsWithoutProcess);
        Assert.Empty(result.Nodes);
        Assert.Equal("", result.Render(ProcessTreeFormat.Text));
        Assert.Equal("""{"roots":[]}""", result.ToJson());
    }

    [Fact]
    public void WarningsAreKeptOnTheResultAndNamesInThemAreEscaped()
    {
        string bash = P(300, "ba\u001b[2Jsh", exec: T("10:00:00"));
        var result = ProcessTreeRunner.Run(new[]
        {
            Event(bash, new[] { P(200, "sshd") }, path: "a.jsonl", line: 1),
            Event(bash, new[] { P(201, "x\ny") }, path: "a.jsonl", line: 2),
        });
        Assert.Equal(1, result.WarningCount);
        Assert.Equal("a.jsonl:2: ba\\x1b[2Jsh (300) has parent x\\ny (201) here but sshd (200) in a.jsonl:1; the first link is kept",
            Assert.Single(result.Warnings).Message);
    }
}
