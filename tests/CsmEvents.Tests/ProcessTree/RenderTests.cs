using System.Collections.Generic;
using CsmEvents.Model;
using CsmEvents.ProcessTree;
using static CsmEvents.Tests.ProcessTree.TreeEvents;

namespace CsmEvents.Tests.ProcessTree;

public class RenderTests
{
    /// <summary>Two hosts: on web-1 an nginx fork child that execs sh; on db-1 a psql whose lineage stops at bash.</summary>
    private static ProcessTreeResult Build(ProcessTreeOptions? options = null)
    {
        var events = new List<CsmEvent>
        {
            Event(P(42, "sh", ppid: 40, fork: T("10:00:01"), exec: T("10:00:02"), path: "/bin/dash", args: new[] { "sh", "-c", "id" }),
                new[]
                {
                    P(42, "nginx", ppid: 40, fork: T("10:00:01"), exec: T("10:00:00"), path: "/usr/sbin/nginx", thread: true),
                    P(40, "nginx", ppid: 1, exec: T("10:00:00"), path: "/usr/sbin/nginx"),
                    P(1, "systemd", path: "/sbin/init"),
                },
                path: "events.jsonl", line: 1, rule: "shell", date: T("10:00:03"), host: "web-1"),
            Event(P(77, "psql", ppid: 70, exec: T("11:00:00"), path: "/usr/bin/psql", args: new[] { "psql", "-c", "select \"a\" <b> #1" }),
                new[] { P(70, "bash", ppid: 60, exec: T("10:59:00"), path: "/bin/bash") },
                path: "events.jsonl", line: 2, evt: "connect", rule: "db", date: T("11:00:01"), host: "db-1"),
        };
        return ProcessTreeRunner.Run(events, options);
    }

    [Fact]
    public void TextHasAHostLineThenTheTreeDrawnWithBoxCharacters()
    {
        Assert.Equal(new[]
        {
            "host: db-1",
            "bash (70) [orphan]: /bin/bash",
            "└─ psql (77) 1 event: psql -c 'select \"a\" <b> #1'",
            "host: web-1",
            "systemd (1): /sbin/init",
            "└─ nginx (40): /usr/sbin/nginx",
            "   └─ nginx (42) [thread]: /usr/sbin/nginx",
            "      └─ sh (42) [exec] 1 event: sh -c id",
        }, Build().ToTextLines());
    }

    [Fact]
    public void DotHasOneClusterPerHostAndEscapedLabels()
    {
        Assert.Equal(
            "digraph processes {\n" +
            "  node [shape=box];\n" +
            "  subgraph cluster_1 {\n" +
            "    label=\"host: db-1\";\n" +
            "    n1 [label=\"bash (70) [orphan]\\n/bin/bash\"];\n" +
            "    n2 [label=\"psql (77)\\npsql -c 'select \\\"a\\\" <b> #1'\\n1 event\"];\n" +
            "    n1 -> n2;\n" +
            "  }\n" +
            "  subgraph cluster_2 {\n" +
            "    label=\"host: web-1\";\n" +
            "    n3 [label=\"systemd (1)\\n/sbin/init\"];\n" +
            "    n4 [label=\"nginx (40)\\n/usr/sbin/nginx\"];\n" +
            "    n3 -> n4;\n" +
            "    n5 [label=\"nginx (42) [thread]\\n/usr/sbin/nginx\"];\n" +
            "    n4 -> n5;\n" +
            "    n6 [label=\"sh (42) [exec]\\nsh -c id\\n1 event\"];\n" +
            "    n5 -> n6;\n" +
            "  }\n" +
            "}",
            Build().ToDot());
    }

    [Fact]
    public void MermaidHasOneSubgraphPerHostAndEntityEscapedLabels()
    {
        Assert.Equal(
            "flowchart TD\n" +
            "  classDef gap stroke-dasharray: 5 5\n" +
            "  classDef selected stroke-width: 3px\n" +
            "  subgraph h1[\"host: db-1\"]\n" +
            "    n1[\"bash (70) [orphan]<br/>/bin/bash\"]\n" +
            "    n2[\"psql (77)<br/>psql -c 'select #quot;a#quot; #lt;b#gt; #35;1'<br/>1 event\"]\n" +
            "    n1 --> n2\n" +
            "  end\n" +
            "  subgraph h2[\"host: web-1\"]\n" +
            "    n3[\"systemd (1)<br/>/sbin/init\"]\n" +
            "    n4[\"nginx (40)<br/>/usr/sbin/nginx\"]\n" +
            "    n3 --> n4\n" +
            "    n5[\"nginx (42) [thread]<br/>/usr/sbin/nginx\"]\n" +
            "    n4 --> n5\n" +
            "    n6[\"sh (42) [exec]<br/>sh -c id<br/>1 event\"]\n" +
            "    n5 --> n6\n" +
            "  end",
            Build().ToMermaid());
    }

    [Fact]
    public void JsonHasRootsWithNestedChildrenAndTheAgentsTimeText()
    {
        string psql = "{\"pid\":77,\"ppid\":70,\"name\":\"psql\",\"path\":\"/usr/bin/psql\",\"commandLine\":\"psql -c 'select \\\"a\\\" <b> #1'\",\"user\":null," +
            "\"execTime\":\"2025-01-15T11:00:00Z\",\"forkTime\":null,\"exitTime\":null,\"host\":\"db-1\",\"container\":null,\"depth\":1,\"eventCount\":1," +
            "\"eventTypes\":{\"connect\":1},\"rules\":{\"db\":1},\"firstSeen\":\"2025-01-15T11:00:01Z\",\"lastSeen\":\"2025-01-15T11:00:01Z\",\"flags\":[],\"selected\":false,\"children\":[]}";
        string bash = "{\"pid\":70,\"ppid\":60,\"name\":\"bash\",\"path\":\"/bin/bash\",\"commandLine\":null,\"user\":null," +
            "\"execTime\":\"2025-01-15T10:59:00Z\",\"forkTime\":null,\"exitTime\":null,\"host\":\"db-1\",\"container\":null,\"depth\":0,\"eventCount\":0," +
            "\"eventTypes\":{},\"rules\":{},\"firstSeen\":null,\"lastSeen\":null,\"flags\":[\"orphan\"],\"selected\":false,\"children\":[" + psql + "]}";
        string sh = "{\"pid\":42,\"ppid\":40,\"name\":\"sh\",\"path\":\"/bin/dash\",\"commandLine\":\"sh -c id\",\"user\":null," +
            "\"execTime\":\"2025-01-15T10:00:02Z\",\"forkTime\":\"2025-01-15T10:00:01Z\",\"exitTime\":null,\"host\":\"web-1\",\"container\":null,\"depth\":3,\"eventCount\":1," +
            "\"eventTypes\":{\"exec\":1},\"rules\":{\"shell\":1},\"firstSeen\":\"2025-01-15T10:00:03Z\",\"lastSeen\":\"2025-01-15T10:00:03Z\",\"flags\":[\"exec\"],\"selected\":false,\"children\":[]}";
        string fork = "{\"pid\":42,\"ppid\":40,\"name\":\"nginx\",\"path\":\"/usr/sbin/nginx\",\"commandLine\":null,\"user\":null," +
            "\"execTime\":\"2025-01-15T10:00:00Z\",\"forkTime\":\"2025-01-15T10:00:01Z\",\"exitTime\":null,\"host\":\"web-1\",\"container\":null,\"depth\":2,\"eventCount\":0," +
            "\"eventTypes\":{},\"rules\":{},\"firstSeen\":null,\"lastSeen\":null,\"flags\":[\"thread\"],\"selected\":false,\"children\":[" + sh + "]}";
        string nginx = "{\"pid\":40,\"ppid\":1,\"name\":\"nginx\",\"path\":\"/usr/sbin/nginx\",\"commandLine\":null,\"user\":null," +
            "\"execTime\":\"2025-01-15T10:00:00Z\",\"forkTime\":null,\"exitTime\":null,\"host\":\"web-1\",\"container\":null,\"depth\":1,\"eventCount\":0," +
            "\"eventTypes\":{},\"rules\":{},\"firstSeen\":null,\"lastSeen\":null,\"flags\":[],\"selected\":false,\"children\":[" + fork + "]}";
        string systemd = "{\"pid\":1,\"ppid\":null,\"name\":\"systemd\",\"path\":\"/sbin/init\",\"commandLine\":null,\"user\":null," +
            "\"execTime\":null,\"forkTime\":null,\"exitTime\":null,\"host\":\"web-1\",\"container\":null,\"depth\":0,\"eventCount\":0," +
            "\"eventTypes\":{},\"rules\":{},\"firstSeen\":null,\"lastSeen\":null,\"flags\":[],\"selected\":false,\"children\":[" + nginx + "]}";
        Assert.Equal("{\"roots\":[" + bash + "," + systemd + "]}", Build().ToJson());
    }

    [Fact]
    public void JsonCarriesTheEventsOnlyWhenAskedTo()
    {
        var result = Build(new ProcessTreeOptions { Pids = { 77 }, IncludeEvents = true });
        string json = result.ToJson();
        Assert.StartsWith("{\"roots\":[{\"pid\":77,", json);
        Assert.Contains("\"selected\":true,\"events\":[{\"agent\":{\"rule_id\":\"db\",\"os\":\"linux\"},\"title\":\"t\",\"evt\":{\"name\":\"connect\"},", json);
        Assert.EndsWith("}],\"children\":[]}]}", json);
        var node = Assert.Single(result.Nodes);
        Assert.Equal("db", Assert.Single(node.Events).RuleId);
    }

    [Fact]
    public void SelectedNodesAreMarkedInEveryFormat()
    {
        var result = Build(new ProcessTreeOptions { Pids = { 42 }, Ancestry = true, Depth = 1 });
        Assert.Equal(new[]
        {
            "host: web-1",
            "nginx (40): /usr/sbin/nginx",
            "└─ nginx (42) [thread, selected]: /usr/sbin/nginx",
            "   └─ sh (42) [exec, selected] 1 event: sh -c id",
        }, result.ToTextLines());
        Assert.Contains("    n2 [label=\"nginx (42) [thread, selected]\\n/usr/sbin/nginx\", style=bold];\n", result.ToDot());
        Assert.Contains("    n3[\"sh (42) [exec, selected]<br/>sh -c id<br/>1 event\"]:::selected\n", result.ToMermaid());
    }

    [Fact]
    public void GapNodesAreDashedInGraphs()
    {
        var evt = Event(P(300, "bash"), new[] { "{\"comm\":\"lost\"}", P(1, "systemd") }, path: "g.jsonl", line: 4);
        var result = ProcessTreeRunner.Run(new[] { evt });
        Assert.Equal(
            "digraph processes {\n  node [shape=box];\n  subgraph cluster_1 {\n    label=\"host: g.jsonl\";\n" +
            "    n1 [label=\"systemd (1)\"];\n" +
            "    n2 [label=\"(ancestors left out) [gap]\", style=dashed];\n    n1 -> n2;\n" +
            "    n3 [label=\"bash (300)\\n1 event\"];\n    n2 -> n3;\n  }\n}", result.ToDot());
        Assert.Equal(
            "flowchart TD\n  classDef gap stroke-dasharray: 5 5\n  classDef selected stroke-width: 3px\n  subgraph h1[\"host: g.jsonl\"]\n" +
            "    n1[\"systemd (1)\"]\n" +
            "    n2[\"(ancestors left out) [gap]\"]:::gap\n    n1 -.-> n2\n" +
            "    n3[\"bash (300)<br/>1 event\"]\n    n2 -.-> n3\n  end", result.ToMermaid());
    }

    [Fact]
    public void EmptyTreeRendersEmptyDocuments()
    {
        var result = ProcessTreeRunner.Run(new CsmEvent[0]);
        Assert.Empty(result.ToTextLines());
        Assert.Equal("digraph processes {\n  node [shape=box];\n}", result.ToDot());
        Assert.Equal("flowchart TD\n  classDef gap stroke-dasharray: 5 5\n  classDef selected stroke-width: 3px", result.ToMermaid());
        Assert.Equal("{\"roots\":[]}", result.ToJson());
    }
}
