using System;
using System.Linq;
using CsmEvents.Model;
using CsmEvents.ProcessTree;
using static CsmEvents.Tests.ProcessTree.TreeEvents;

namespace CsmEvents.Tests.ProcessTree;

public class RunnerTests
{
    [Fact]
    public void HostIsTheEnvelopeHostElseTheCallersKeyElseTheSourcePath()
    {
        var runner = new ProcessTreeRunner();
        runner.Add(Event(P(10, "fromEnvelope"), new string[0], path: "x.jsonl", host: "web-1"), hostKey: "ignored");
        runner.Add(Event(P(11, "fromKey"), new string[0], path: "x.jsonl"), hostKey: "db-1");
        runner.Add(Event(P(12, "fromPath"), new string[0], path: "y.jsonl"));
        runner.Add(CsmEvent.Parse("""{"process":{"pid":13,"comm":"noSource"}}"""));
        var result = runner.Complete();
        Assert.Equal(new[] { "=noSource", "db-1=fromKey", "web-1=fromEnvelope", "y.jsonl=fromPath" },
            result.Nodes.Select(n => n.Host + "=" + n.Name).ToArray());
        Assert.Equal("host: (unknown)", result.ToTextLines()[0]);
    }

    [Fact]
    public void EventsCanBeStreamedOneByOneAndCompleteIsFinal()
    {
        var runner = new ProcessTreeRunner();
        foreach (var evt in Scenario.Events()) runner.Add(evt);
        var result = runner.Complete();
        Assert.Same(result, runner.Complete());
        Assert.Equal(5, result.EventCount);
        Assert.Equal(0, result.EventsWithoutProcess);
        var ex = Assert.Throws<InvalidOperationException>(() => runner.Add(Scenario.Events()[0]));
        Assert.Equal("Complete() was already called; create a new runner for more events.", ex.Message);
    }

    [Fact]
    public void WarningsReachTheCallbackAsTheyHappen()
    {
        int seenBeforeComplete = 0;
        var runner = new ProcessTreeRunner(null, _ => seenBeforeComplete++);
        runner.Add(CsmEvent.Parse("""{"process":{"comm":"x"}}""", new EventSource("w.jsonl", 1)));
        Assert.Equal(1, seenBeforeComplete);
    }

    [Fact]
    public void IncludeEventsKeepsEachEventOnItsActingProcess()
    {
        var result = ProcessTreeRunner.Run(Scenario.Events(), new ProcessTreeOptions { IncludeEvents = true });
        var curl = result.Nodes.Single(n => n.Name == "curl");
        Assert.Equal(new long[] { 2, 3, 4 }, curl.Events.Select(e => e.Source!.Line).ToArray());
        Assert.Empty(result.Nodes.Single(n => n.Pid == 1).Events);
    }

    [Fact]
    public void NodesLinkToTheirParentAndChildrenInTreeOrder()
    {
        var result = ProcessTreeRunner.Run(Scenario.Events());
        var root = Assert.Single(result.Roots);
        Assert.Null(root.Parent);
        Assert.Equal(new[] { "cron", "nginx" }, root.Children.Select(c => c.Name).ToArray());
        foreach (var node in result.Nodes.Skip(1))
        {
            Assert.Contains(node, node.Parent!.Children);
            Assert.Equal(node.Parent.Depth + 1, node.Depth);
        }
    }

    [Fact]
    public void DeepExecChainNeitherOverflowsNorDrawsUnboundedIndentation()
    {
        // One event whose lineage is 20,000 execs of the same pid, then pid 1.
        const int images = 20_000;
        var start = new DateTimeOffset(2025, 1, 15, 0, 0, 0, TimeSpan.Zero);
        var ancestors = Enumerable.Range(1, images)
            .Select(k => P(500, "img" + (images - k), exec: start.AddSeconds(images - k).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")))
            .Append(P(1, "init"))
            .ToArray();
        var evt = Event(P(500, "img" + images, exec: start.AddSeconds(images).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")), ancestors, path: "deep.jsonl");
        var result = ProcessTreeRunner.Run(new[] { evt });
        Assert.Equal(images + 2, result.Nodes.Count);
        var lines = result.ToTextLines();
        Assert.Equal("└─ img0 (500)", lines[2]);
        Assert.Equal(string.Concat(Enumerable.Repeat("   ", 63)) + "└─ img63 (500) [exec]", lines[65]);
        Assert.Equal(string.Concat(Enumerable.Repeat("   ", 63)) + "[65] └─ img64 (500) [exec]", lines[66]);
        Assert.Equal(string.Concat(Enumerable.Repeat("   ", 63)) + "[20001] └─ img20000 (500) [exec] 1 event", lines[lines.Count - 1]);
        string json = result.ToJson();
        Assert.EndsWith("\"children\":[]}" + string.Concat(Enumerable.Repeat("]}", images + 1)) + "]}", json);
        Assert.Contains("n20002 [label=\"img20000 (500) [exec]\\n1 event\"];", result.ToDot());
    }
}
