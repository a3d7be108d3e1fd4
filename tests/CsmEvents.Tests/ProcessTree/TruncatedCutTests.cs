using System.Linq;
using CsmEvents.Model;
using CsmEvents.ProcessTree;

namespace CsmEvents.Tests.ProcessTree;

/// <summary>Where the gap of a truncated lineage goes when the chain shows where it was cut.</summary>
public class TruncatedCutTests
{
    [Fact]
    public void TheGapGoesWhereThePpidChainBreaks()
    {
        // Nearest kept: 50 (exec image of 50, forked from 40); the cut lost 40's parents; oldest kept: 20 -> 1.
        var evt = CsmEvent.Parse("""
            {"process":{"pid":50,"ppid":40,"comm":"x","exec_time":"2026-01-01T00:00:05Z","truncated_ancestors":true,
              "ancestors":[
                {"pid":50,"ppid":40,"comm":"sh","exec_time":"2026-01-01T00:00:04Z","is_thread":true},
                {"pid":40,"ppid":30,"comm":"sh","exec_time":"2026-01-01T00:00:03Z"},
                {"pid":20,"ppid":1,"comm":"init2","exec_time":"2026-01-01T00:00:02Z"},
                {"pid":1,"comm":"systemd","exec_time":"2026-01-01T00:00:01Z"}]}}
            """, new EventSource("t.jsonl", 1));
        var result = ProcessTreeRunner.Run(new[] { evt });
        var line = result.Nodes.Select(n => n.IsGap ? "gap" : n.Pid + "").ToArray();
        Assert.Equal(new[] { "1", "20", "gap", "40", "50", "50" }, line);
    }

    [Fact]
    public void WithoutAVisibleBreakTheAgentsRuleApplies()
    {
        // 40's ppid is unknown: no break can be seen, so the gap follows the agent's rule (after 100 nearest; here
        // above the oldest kept ancestor, which the tree then shows under the gap).
        var evt = CsmEvent.Parse("""
            {"process":{"pid":50,"ppid":40,"comm":"x","truncated_ancestors":true,
              "ancestors":[{"pid":40,"comm":"sh"},{"pid":1,"comm":"systemd"}]}}
            """, new EventSource("t.jsonl", 1));
        var result = ProcessTreeRunner.Run(new[] { evt });
        Assert.Equal(new[] { "gap", "1", "40", "50" }, result.Nodes.Select(n => n.IsGap ? "gap" : n.Pid + "").ToArray());
    }
}
