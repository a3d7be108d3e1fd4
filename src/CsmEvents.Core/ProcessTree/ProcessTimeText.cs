using CsmEvents.Model;

namespace CsmEvents.ProcessTree;

/// <summary>
/// The original RFC 3339 text of a process's fork/exec/exit time (nanoseconds and offset as the agent wrote
/// them), which the tree's JSON output repeats; DateTimeOffset alone keeps only 100 ns.
/// </summary>
internal static class ProcessTimeText
{
    public static string? Exec(Process p) => p.ExecTimeText;

    public static string? Fork(Process p) => p.ForkTimeText;

    public static string? Exit(Process p) => p.ExitTimeText;
}
