using System;
using System.Collections.Generic;

namespace CsmEvents.Conversion;

/// <summary>
/// The closed or well-known value sets of the event format, shared by tab completion, the CLI and tests:
/// event types (<c>evt.name</c>) per platform, categories (<c>evt.category</c>) and outcomes (<c>evt.outcome</c>).
/// Filters never reject other values: newer agents add event types, and these lists only help people type.
/// </summary>
public static class KnownValues
{
    /// <summary>Windows event types (the agent's windows_expressions documentation).</summary>
    public static readonly IReadOnlyList<string> WindowsEventTypes = new[]
    {
        "change_permission", "create", "create_key", "delete", "delete_key", "exec", "exit", "open_key", "rename",
        "set_key_value", "write",
    };

    /// <summary>Linux event types (the SECL triggers of the agent's linux_expressions documentation).</summary>
    public static readonly IReadOnlyList<string> LinuxEventTypes = new[]
    {
        "accept", "bind", "bpf", "capabilities", "capset", "cgroup_write", "chdir", "chmod", "chown", "connect", "dns",
        "exec", "exit", "imds", "link", "load_module", "mkdir", "mmap", "mount", "mprotect", "network_flow_monitor",
        "open", "packet", "prctl", "ptrace", "removexattr", "rename", "rmdir", "selinux", "setgid", "setrlimit",
        "setsockopt", "setuid", "setxattr", "signal", "splice", "sysctl", "unlink", "unload_module", "utimes",
    };

    /// <summary>Every event type of both platforms, once each, in ordinal order.</summary>
    public static readonly IReadOnlyList<string> EventTypes = Union(WindowsEventTypes, LinuxEventTypes);

    /// <summary>Categories of current agents (<c>File Activity</c> is the default). Very old agents wrote
    /// <c>fim</c> and <c>runtime</c>; those still match a filter but are not offered.</summary>
    public static readonly IReadOnlyList<string> Categories = new[]
    {
        "File Activity", "Process Activity", "Kernel Activity", "Network Activity", "Unknown Activity",
    };

    /// <summary>Outcomes: Linux writes Success, Refused (EACCES/EPERM) or Error; Windows writes <c>unknown</c> on
    /// exec and exit and nothing on other events.</summary>
    public static readonly IReadOnlyList<string> Outcomes = new[] { "Success", "Refused", "Error", "unknown" };

    /// <summary>Which platforms know an event type: "Windows and Linux", "Windows", "Linux", or null for a name
    /// neither list holds.</summary>
    public static string? PlatformsOf(string eventType)
    {
        bool windows = Contains(WindowsEventTypes, eventType);
        bool linux = Contains(LinuxEventTypes, eventType);
        if (windows && linux) return "Windows and Linux";
        if (windows) return "Windows";
        return linux ? "Linux" : null;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (string candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static IReadOnlyList<string> Union(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        var all = new SortedSet<string>(first, StringComparer.Ordinal);
        all.UnionWith(second);
        return new List<string>(all).ToArray();
    }
}
