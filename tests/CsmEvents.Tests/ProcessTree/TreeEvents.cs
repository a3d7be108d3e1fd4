using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsmEvents.Model;
using CsmEvents.ProcessTree;

namespace CsmEvents.Tests.ProcessTree;

/// <summary>Builds test events as JSON text, the way the agent serializes them: the acting process with
/// <c>parent</c> (a copy of ancestors[0]) and <c>ancestors</c> nearest first.</summary>
internal static class TreeEvents
{
    /// <summary>Time of day on 2025-01-15, e.g. T("10:00:01") = "2025-01-15T10:00:01Z".</summary>
    public static string T(string timeOfDay) => "2025-01-15T" + timeOfDay + "Z";

    /// <summary>A Linux process object (only the members given).</summary>
    public static string P(long pid, string? comm = null, long? ppid = null, string? exec = null, string? fork = null,
        string? path = null, string[]? args = null, bool thread = false, string? user = null, string? extra = null)
    {
        var m = new List<string> { "\"pid\":" + pid };
        if (ppid.HasValue) m.Add("\"ppid\":" + ppid.Value);
        if (user != null) m.Add("\"user\":" + Q(user));
        if (comm != null) m.Add("\"comm\":" + Q(comm));
        if (fork != null) m.Add("\"fork_time\":" + Q(fork));
        if (exec != null) m.Add("\"exec_time\":" + Q(exec));
        if (path != null) m.Add("\"executable\":{\"path\":" + Q(path) + ",\"name\":" + Q(path.Substring(path.LastIndexOf('/') + 1)) + "}");
        if (args != null) m.Add("\"argv0\":" + Q(args[0]) + ",\"args\":[" + string.Join(",", args.Skip(1).Select(Q)) + "]");
        if (thread) m.Add("\"is_thread\":true");
        if (extra != null) m.Add(extra);
        return "{" + string.Join(",", m) + "}";
    }

    /// <summary>A Windows process object.</summary>
    public static string W(long pid, long? ppid = null, string? exe = null, string? exec = null, string? cmdline = null, string? user = null)
    {
        var m = new List<string> { "\"pid\":" + pid };
        if (ppid.HasValue) m.Add("\"ppid\":" + ppid.Value);
        if (exec != null) m.Add("\"exec_time\":" + Q(exec));
        if (exe != null) m.Add("\"executable\":{\"path\":" + Q(exe) + ",\"name\":" + Q(exe.Substring(exe.LastIndexOf('\\') + 1)) + "}");
        if (cmdline != null) m.Add("\"cmdline\":" + Q(cmdline));
        if (user != null) m.Add("\"user\":" + Q(user));
        return "{" + string.Join(",", m) + "}";
    }

    /// <summary>An event whose acting process is <paramref name="process"/> with the given ancestors (nearest first).</summary>
    public static CsmEvent Event(string process, string[] ancestors, string path = "a.jsonl", long line = 1,
        string evt = "exec", string rule = "r1", string? date = null, string os = "linux", bool truncated = false,
        bool withParent = true, bool withAncestors = true, string? host = null)
    {
        string body = process.Substring(0, process.Length - 1);
        if (ancestors.Length > 0)
        {
            if (withParent) body += ",\"parent\":" + ancestors[0];
            if (withAncestors) body += ",\"ancestors\":[" + string.Join(",", ancestors) + "]";
        }
        if (truncated) body += ",\"truncated_ancestors\":true";
        body += "}";
        var json = new StringBuilder();
        json.Append("{\"agent\":{\"rule_id\":").Append(Q(rule)).Append(",\"os\":").Append(Q(os)).Append("},\"title\":\"t\"");
        json.Append(",\"evt\":{\"name\":").Append(Q(evt)).Append('}');
        json.Append(",\"date\":").Append(Q(date ?? T("12:00:00")));
        json.Append(",\"process\":").Append(body).Append('}');
        var envelope = host == null ? null : new DatadogEnvelope { Host = host };
        return CsmEvent.Parse(json.ToString(), new EventSource(path, line, null, envelope));
    }

    public static string Q(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    /// <summary>Runs the tree over the events and returns the text lines joined with newlines.</summary>
    public static string TreeText(IEnumerable<CsmEvent> events, ProcessTreeOptions? options = null)
        => ProcessTreeRunner.Run(events, options).Render(ProcessTreeFormat.Text);

    public static string Lines(params string[] lines) => string.Join("\n", lines);
}
