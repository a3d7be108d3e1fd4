using CsmEvents.Model;

namespace CsmEvents.ProcessTree;

/// <summary>
/// Which roots are where a lineage naturally ends, and which are orphans (the lineage stops early: the agent
/// did not know the parent, or the events never showed it).
/// <list type="bullet">
/// <item>Linux: pid 1 (init) and pid 2 (kthreadd, parent of kernel threads).</item>
/// <item>Windows: pid 4 (System) and pid 0 (System Idle Process). Windows chains often end at a process whose
/// parent has exited (explorer.exe started by a finished userinit.exe): that is still reported as an orphan,
/// since the tree cannot show where it came from.</item>
/// <item>Either platform: a process whose ppid is reported as 0 (it has no parent by definition), and kernel
/// workers (<c>is_kworker</c>), which the agent reports without lineage.</item>
/// <item>Events that show neither platform use both pid rules.</item>
/// </list>
/// </summary>
internal static class RootRules
{
    public static bool IsNaturalRoot(MergedProcess p)
    {
        if (p.IsGap) return true; // a gap at the top is marked as a gap, not as an orphan
        if (p.IsKworker == true) return true;
        if (p.Ppid == 0) return true;
        if (!p.Pid.HasValue) return false;
        long pid = p.Pid.Value;
        bool linuxRoot = pid == 1 || pid == 2;
        bool windowsRoot = pid == 4 || pid == 0;
        return p.Platform switch
        {
            CsmPlatform.Linux => linuxRoot,
            CsmPlatform.Windows => windowsRoot,
            _ => linuxRoot || windowsRoot,
        };
    }
}
