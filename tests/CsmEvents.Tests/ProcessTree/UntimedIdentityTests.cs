using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsmEvents.Model;
using CsmEvents.ProcessTree;
using CsmEvents.Tests.Support;
using static CsmEvents.Tests.ProcessTree.TreeEvents;

namespace CsmEvents.Tests.ProcessTree;

/// <summary>
/// Events whose lineages carry no exec_time or fork_time (Datadog's agent fixtures, hand-written events): processes
/// are told apart by pid, executable (path and inode) and parent, never merged across executables, the same
/// whatever the order of the events, with one warning when a pid turned out to be several processes.
/// </summary>
public class UntimedIdentityTests
{
    /// <summary>A Linux process entry as the agent's fixtures write it: comm, executable path, name and inode, no times.</summary>
    private static string X(long pid, string path, ulong inode, string? argv0 = null)
    {
        string name = path.Substring(path.LastIndexOf('/') + 1);
        return "{\"pid\":" + pid + ",\"comm\":" + Q(name) + ",\"executable\":{\"path\":" + Q(path) + ",\"name\":" + Q(name) +
               ",\"inode\":" + inode + "},\"argv0\":" + Q(argv0 ?? name) + "}";
    }

    private static readonly string Systemd = X(1, "/bin/systemd", 42);

    private static (ProcessTreeResult Result, List<string> Warnings) Run(IEnumerable<CsmEvent> events, ProcessTreeOptions? options = null)
    {
        var warnings = new List<string>();
        var result = ProcessTreeRunner.Run(events, options, w => warnings.Add(w.Code + ": " + w.Message));
        return (result, warnings);
    }

    [Fact]
    public void TheIssueReproShowsBashAndBusyboxApartWithEachEventOnItsOwnProcess()
    {
        // Fixture lines 1 and 16: ls (12) started by bash (11); busybox (11) exec'd by busybox (11).
        var events = new[]
        {
            Event(X(12, "/bin/ls", 2), new[] { X(11, "/bin/bash", 1), Systemd }, path: "x.jsonl", line: 1),
            Event(X(11, "/bin/busybox", 1, "cat"), new[] { X(11, "/bin/busybox", 1, "sh"), Systemd }, path: "x.jsonl", line: 2),
        };
        var (result, warnings) = Run(events);
        Assert.Equal(Lines(
            "host: x.jsonl",
            "systemd (1): systemd",
            "├─ bash (11): bash",
            "│  └─ ls (12) 1 event: ls",
            "└─ busybox (11): sh",
            "   └─ busybox (11) [exec] 1 event: cat"), result.Render(ProcessTreeFormat.Text));
        Assert.Equal(new[]
        {
            "IdentityUncertain: events without exec_time or fork_time name 1 pid with several processes, told apart by " +
            "executable and parent (without start times the events cannot show whether they were one process): x.jsonl: pid 11 (bash, busybox, busybox)",
        }, warnings);
        Assert.Equal(5, result.ProcessCount);
    }

    [Fact]
    public void TheSamePidRunningAnotherExecutableOrInodeIsAnotherProcess()
    {
        var events = new[]
        {
            Event(X(12, "/bin/ls", 2), new[] { X(11, "/bin/bash", 1), Systemd }, line: 1),
            Event(X(12, "/bin/apache", 2), new[] { X(11, "/bin/bash", 1), Systemd }, line: 2),
            Event(X(12, "/bin/apache", 9), new[] { X(11, "/bin/bash", 1), Systemd }, line: 3), // replaced on disk
            Event(X(12, "/bin/apache", 2), new[] { X(11, "/bin/bash", 1), Systemd }, line: 4),
        };
        var (result, _) = Run(events);
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1): systemd",
            "└─ bash (11): bash",
            "   ├─ apache (12) 2 events: apache",
            "   ├─ apache (12) 1 event: apache",
            "   └─ ls (12) 1 event: ls"), result.Render(ProcessTreeFormat.Text));
        Assert.Equal(new[] { "/bin/apache", "/bin/apache", "/bin/ls" },
            result.Nodes.Where(n => n.Pid == 12).Select(n => n.Path).ToArray());
    }

    [Fact]
    public void TheSamePidAndExecutableStartedByAnotherParentIsAnotherProcess()
    {
        var events = new[]
        {
            Event(X(12, "/bin/ls", 2), new[] { X(11, "/bin/bash", 1), Systemd }, line: 1),
            Event(X(12, "/bin/ls", 2), new[] { Systemd }, line: 2),
        };
        var (result, warnings) = Run(events);
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1): systemd",
            "├─ bash (11): bash",
            "│  └─ ls (12) 1 event: ls",
            "└─ ls (12) 1 event: ls"), result.Render(ProcessTreeFormat.Text));
        Assert.Equal("IdentityUncertain: events without exec_time or fork_time name 1 pid with several processes, told apart by " +
                     "executable and parent (without start times the events cannot show whether they were one process): a.jsonl: pid 12 (ls, ls)",
            Assert.Single(warnings));
    }

    [Fact]
    public void AnExecChainWithoutTimesIsNestedImageByImage()
    {
        // Fixture lines 16 and 17: busybox exec'd twice by itself; each event belongs to its own image.
        var events = new[]
        {
            Event(X(11, "/bin/busybox", 1, "cat"), new[] { X(11, "/bin/busybox", 1, "sh"), Systemd }, line: 16),
            Event(X(11, "/bin/busybox", 1, "ls"), new[] { X(11, "/bin/busybox", 1, "cat"), X(11, "/bin/busybox", 1, "sh"), Systemd }, line: 17),
        };
        var (result, _) = Run(events);
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1): systemd",
            "└─ busybox (11): sh",
            "   └─ busybox (11) [exec] 1 event: cat",
            "      └─ busybox (11) [exec] 1 event: ls"), result.Render(ProcessTreeFormat.Text));
    }

    [Fact]
    public void EventsThatGiveEachPidOneProcessRaiseNoWarning()
    {
        var events = new[]
        {
            Event(X(12, "/bin/ls", 2), new[] { X(11, "/bin/bash", 1), Systemd }, line: 1),
            Event(X(13, "/bin/id", 3), new[] { X(11, "/bin/bash", 1), Systemd }, line: 2),
            Event(X(12, "/bin/ls", 2), new[] { X(11, "/bin/bash", 1), Systemd }, line: 3),
        };
        var (result, warnings) = Run(events);
        Assert.Empty(warnings);
        Assert.Equal(4, result.ProcessCount);
    }

    /// <summary>Events of every kind above, plus partial entries, for the order tests.</summary>
    private static List<CsmEvent> MixedUntimedEvents() => new()
    {
        Event(X(12, "/bin/ls", 2), new[] { X(11, "/bin/bash", 1), Systemd }, line: 1, evt: "exec"),
        Event(X(12, "/bin/ls", 2), new[] { Systemd }, line: 2, evt: "open"),
        Event(X(13, "/bin/ls", 3), new[] { X(12, "/bin/webserver", 2), X(11, "/bin/bash", 1), Systemd }, line: 3, rule: "r2"),
        Event(X(13, "/bin/ls", 3), new[] { X(12, "/bin/apache", 2, "apache -k"), X(11, "/bin/bash", 1), Systemd }, line: 4),
        Event(X(12, "/bin/apache", 2, "apache -X"), new[] { X(11, "/bin/bash", 1), Systemd }, line: 5, evt: "chmod"),
        Event(X(11, "/bin/busybox", 1, "cat"), new[] { X(11, "/bin/busybox", 1, "sh"), Systemd }, line: 6),
        Event(X(11, "/bin/busybox", 1, "ls"), new[] { X(11, "/bin/busybox", 1, "cat"), X(11, "/bin/busybox", 1, "sh"), Systemd }, line: 7),
        // The lineage stops at bash (no ancestors above it): the one bash (11) of this host with a parent.
        Event(X(14, "/bin/cat", 4), new[] { X(11, "/bin/bash", 1) }, line: 8, withAncestors: false),
        // Only a pid for the parent: process 12 under bash could be apache, ls or webserver.
        Event(X(15, "/bin/id", 5), new[] { P(12), X(11, "/bin/bash", 1), Systemd }, line: 9),
        // Only a pid for the parent: under dash, du is the one process 17.
        Event(X(18, "/bin/sort", 6), new[] { P(17), X(11, "/bin/dash", 8), Systemd }, line: 10),
        Event(X(17, "/bin/du", 7), new[] { X(11, "/bin/dash", 8), Systemd }, line: 11),
    };

    [Fact]
    public void TheResultIsTheSameWhateverTheOrderOfTheEvents()
    {
        var events = MixedUntimedEvents();
        var (reference, referenceWarnings) = Run(events, new ProcessTreeOptions { IncludeEvents = false });
        string json = reference.ToJson(indented: true);
        string text = reference.Render(ProcessTreeFormat.Text);
        var random = new Random(20240501);
        for (int round = 0; round < 40; round++)
        {
            var shuffled = events.OrderBy(_ => random.Next()).ToList();
            var (result, warnings) = Run(shuffled);
            Assert.Equal(text, result.Render(ProcessTreeFormat.Text));
            Assert.Equal(json, result.ToJson(indented: true));
            Assert.Equal(referenceWarnings, warnings);
        }
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1): systemd",
            "├─ bash (11): bash",
            "│  ├─ ? (12)",
            "│  │  └─ id (15) 1 event: id",
            "│  ├─ apache (12) 1 event: 'apache -X'",
            "│  │  └─ ls (13) 1 event: ls",
            "│  ├─ ls (12) 1 event: ls",
            "│  ├─ webserver (12): webserver",
            "│  │  └─ ls (13) 1 event: ls",
            "│  └─ cat (14) 1 event: cat",
            "├─ busybox (11): sh",
            "│  └─ busybox (11) [exec] 1 event: cat",
            "│     └─ busybox (11) [exec] 1 event: ls",
            "├─ dash (11): dash",
            "│  └─ du (17) 1 event: du",
            "│     └─ sort (18) 1 event: sort",
            "└─ ls (12) 1 event: ls"), text);
    }

    [Fact]
    public void APartialEntryWithSeveralCandidatesStaysApartAndTheWarningSaysSo()
    {
        var (result, warnings) = Run(MixedUntimedEvents());
        // pid 12 under bash: apache, ls and webserver all know their executable; "(12)" could be any of them.
        var unknown = Assert.Single(result.Nodes, n => n.Pid == 12 && n.Name == null);
        Assert.Equal("bash", unknown.Parent!.Name);
        Assert.Equal("IdentityUncertain: events without exec_time or fork_time name 3 pids with several processes, told apart by " +
                     "executable and parent (without start times the events cannot show whether they were one process): a.jsonl: " +
                     "pid 11 (bash, busybox, busybox, busybox, dash), pid 12 (?, apache, ls, ls, webserver), pid 13 (ls, ls); " +
                     "1 process described without executable or parent could be any of several and is shown apart",
            Assert.Single(warnings));
    }

    [Fact]
    public void APartialEntryJoinsTheOnlyProcessThatSaysMore()
    {
        foreach (bool pidOnlyFirst in new[] { true, false })
        {
            var full = Event(X(20, "/bin/make", 9), new[] { X(11, "/bin/bash", 1), Systemd }, line: 1);
            var pidOnly = Event(X(21, "/bin/cc", 10), new[] { P(20), X(11, "/bin/bash", 1), Systemd }, line: 2);
            var cut = Event(X(22, "/bin/ld", 11), new[] { X(20, "/bin/make", 9) }, line: 3, withAncestors: false);
            var (result, warnings) = Run(pidOnlyFirst ? new[] { pidOnly, cut, full } : new[] { full, cut, pidOnly });
            Assert.Equal(Lines(
                "host: a.jsonl",
                "systemd (1): systemd",
                "└─ bash (11): bash",
                "   └─ make (20) 1 event: make",
                "      ├─ cc (21) 1 event: cc",
                "      └─ ld (22) 1 event: ld"), result.Render(ProcessTreeFormat.Text));
            Assert.Empty(warnings);
            Assert.Equal(5, result.ProcessCount);
        }
    }

    [Fact]
    public void APidWithThousandsOfPartialProcessesIsNotComparedEachWithEach()
    {
        // Crafted: 3,000 processes of pid 5, each named only by a comm and without parent. Comparing each with each
        // would be quadratic; past 1,024 processes of one pid they are left apart and counted.
        var events = Enumerable.Range(0, 3000)
            .Select(i => CsmEvent.Parse("{\"process\":{\"pid\":5,\"comm\":\"p" + i + "\"}}", new EventSource("c.jsonl", i + 1)));
        var (result, warnings) = Run(events);
        Assert.Equal(3000, result.ProcessCount);
        Assert.EndsWith("; 3000 processes described without executable or parent could be any of several and are shown apart", Assert.Single(warnings));
    }

    [Fact]
    public void AnUntimedEntryInATimedLineageNeverJoinsAnotherExecutable()
    {
        // The ancestor 600 is named without times here; the known process 600 runs another program.
        var events = new[]
        {
            Event(P(700, "worker", exec: T("10:00:00")), new[] { P(600, "python3", exec: T("09:00:00"), path: "/usr/bin/python3"), P(1, "systemd", exec: T("08:00:00")) }, line: 1),
            Event(P(701, "curl", exec: T("10:00:05")), new[] { P(600, "sh", path: "/bin/sh"), P(1, "systemd", exec: T("08:00:00")) }, line: 2),
        };
        var (result, _) = Run(events);
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1)",
            "├─ python3 (600): /usr/bin/python3",
            "│  └─ worker (700) 1 event",
            "└─ sh (600): /bin/sh",
            "   └─ curl (701) 1 event"), result.Render(ProcessTreeFormat.Text));
    }

    [SharedFileFact("datadog-agent-events", "security-profile-exec-fixtures.jsonl")]
    public void DatadogsAgentFixturesGiveOneProcessPerImageAndTheSameTreeInAnyOrder()
    {
        string path = RepoPaths.InShared("datadog-agent-events", "security-profile-exec-fixtures.jsonl");
        var lines = File.ReadAllLines(path);
        List<CsmEvent> Parse(IEnumerable<string> text) => text.Select((l, i) => CsmEvent.Parse(l, new EventSource("fixtures.jsonl", i + 1))).ToList();
        var (result, warnings) = Run(Parse(lines));
        string expected = Lines(
            "host: fixtures.jsonl",
            "systemd (1): /bin/systemd",
            "├─ bash (11): bash",
            "│  ├─ apache (12) 1 event: apache",
            "│  │  ├─ ls (13) 1 event: ls",
            "│  │  └─ webserver1 (13) 1 event: webserver1",
            "│  │     └─ webserver3 (14) 1 event: webserver3",
            "│  ├─ du (12): du",
            "│  │  └─ apache (13): apache",
            "│  │     └─ ls (14) 1 event: ls",
            "│  ├─ ls (12) 1 event: ls",
            "│  ├─ webserver (12): webserver",
            "│  │  ├─ apache (13): apache",
            "│  │  │  ├─ ls (14) 1 event: ls",
            "│  │  │  └─ wc (14): wc",
            "│  │  │     └─ id (15): id",
            "│  │  │        └─ ls (16): ls",
            "│  │  │           └─ date (17): date",
            "│  │  │              └─ passwd (18): passwd",
            "│  │  │                 └─ bpftool (19): bpftool",
            "│  │  │                    └─ du (20) 2 events: du",
            "│  │  └─ ls (13) 2 events: ls",
            "│  └─ webserver3 (12): webserver3",
            "│     └─ ls (13): ls",
            "│        └─ date (14) 1 event: date",
            "├─ busybox (11): sh",
            "│  └─ busybox (11) [exec] 1 event: cat",
            "│     └─ busybox (11) [exec] 1 event: ls",
            "├─ dash (11): dash",
            "│  └─ bash (12): bash",
            "│     └─ ddtrace (13): ddtrace",
            "│        └─ tools (14): tools",
            "│           └─ utils (15): utils",
            "│              └─ uwsgi (16) 1 event: uwsgi",
            "├─ ls (12) 1 event: ls",
            "└─ 4 (14): 4",
            "   └─ 2 (12) 2 events: 2");
        Assert.Equal(expected, result.Render(ProcessTreeFormat.Text));
        Assert.Equal(18, result.Nodes.Sum(n => n.EventCount));
        Assert.Equal("IdentityUncertain: events without exec_time or fork_time name 6 pids with several processes, told apart by " +
                     "executable and parent (without start times the events cannot show whether they were one process): fixtures.jsonl: " +
                     "pid 11 (bash, busybox, busybox, busybox, dash), pid 12 (2, apache, bash, du, ls, ls, webserver, webserver3), " +
                     "pid 13 (apache, apache, ddtrace, ls, ls, ls, webserver1), pid 14 (4, date, ls, ls, tools, wc, webserver3), pid 15 (id, utils), ...",
            Assert.Single(warnings));

        string json = result.ToJson();
        var random = new Random(18);
        for (int round = 0; round < 20; round++)
        {
            var (shuffled, shuffledWarnings) = Run(Parse(lines).OrderBy(_ => random.Next()));
            Assert.Equal(json, shuffled.ToJson());
            Assert.Equal(warnings, shuffledWarnings);
        }
    }
}
