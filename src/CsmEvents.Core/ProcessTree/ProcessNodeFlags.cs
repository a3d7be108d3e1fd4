using System;
using System.Collections.Generic;

namespace CsmEvents.ProcessTree;

/// <summary>What kind of tree node a process is. Rendered as the lower-case names <c>exec</c>, <c>thread</c>,
/// <c>orphan</c>, <c>gap</c>, <c>kworker</c>, in that order.</summary>
[Flags]
public enum ProcessNodeFlags
{
    None = 0,

    /// <summary>The image replaced its parent node's image by exec: same pid, the parent is the pre-exec image.</summary>
    Exec = 1,

    /// <summary>A fork child that has not executed another program (<c>is_thread</c>).</summary>
    Thread = 2,

    /// <summary>A root whose lineage stops before the system's first process (pid 1 on Linux, System on Windows).</summary>
    Orphan = 4,

    /// <summary>Stands for ancestors the events left out (a truncated lineage, or an ancestor without pid).</summary>
    Gap = 8,

    /// <summary>A kernel worker thread (<c>is_kworker</c>).</summary>
    Kworker = 16,
}

internal static class ProcessNodeFlagNames
{
    private static readonly (ProcessNodeFlags Flag, string Name)[] Names =
    {
        (ProcessNodeFlags.Exec, "exec"),
        (ProcessNodeFlags.Thread, "thread"),
        (ProcessNodeFlags.Orphan, "orphan"),
        (ProcessNodeFlags.Gap, "gap"),
        (ProcessNodeFlags.Kworker, "kworker"),
    };

    public static IReadOnlyList<string> Of(ProcessNodeFlags flags, bool selected = false)
    {
        if (flags == ProcessNodeFlags.None && !selected) return Array.Empty<string>();
        var list = new List<string>(2);
        foreach (var (flag, name) in Names) if ((flags & flag) != 0) list.Add(name);
        if (selected) list.Add("selected");
        return list.AsReadOnly();
    }
}
