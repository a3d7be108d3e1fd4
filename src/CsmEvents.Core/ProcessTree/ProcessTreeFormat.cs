namespace CsmEvents.ProcessTree;

/// <summary>Output document formats of a process tree.</summary>
public enum ProcessTreeFormat
{
    /// <summary>Indented tree with <c>├─ </c>, <c>└─ </c>, <c>│  </c>, one line per node, preceded by a <c>host: NAME</c> line per host.</summary>
    Text = 0,

    /// <summary>Graphviz DOT: a <c>digraph</c> with one cluster per host.</summary>
    Dot = 1,

    /// <summary>Mermaid <c>flowchart TD</c> with one subgraph per host.</summary>
    Mermaid = 2,

    /// <summary>JSON <c>{"roots":[NODE...]}</c>; see <see cref="ProcessTreeResult.ToJson"/>.</summary>
    Json = 3,
}
