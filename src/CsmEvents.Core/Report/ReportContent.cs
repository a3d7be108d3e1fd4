using System;
using System.Collections.Generic;
using CsmEvents.ProcessTree;

namespace CsmEvents.Report;

/// <summary>
/// Everything the page shows, computed once after the last event: the at-a-glance summary (hosts, time range, rules
/// in severity order, event types), each event's node in the process tree, and the parts gathered while reading.
/// Hosts, rules and types are numbered by their position in these lists ("slots"), which the page's data uses.
/// </summary>
internal sealed class ReportContent
{
    public ReportContent(ReportOptions options, ReportEventTable table, ProcessTreeResult tree, IReadOnlyList<RawEventChunks.Chunk> chunks,
        ReportValidation? validation, IReadOnlyList<string> problems, long problemCount, IReadOnlyList<string> treeWarnings, long treeWarningCount)
    {
        Options = options;
        Table = table;
        Tree = tree;
        Chunks = chunks;
        Validation = validation;
        Problems = problems;
        ProblemCount = problemCount;
        TreeWarnings = treeWarnings;
        TreeWarningCount = treeWarningCount;
        Title = options.Title ?? ReportOptions.DefaultTitle;
        Generated = (options.GeneratedAt ?? DateTimeOffset.UtcNow).ToUniversalTime();

        var nodeIndex = new Dictionary<MergedProcess, int>(tree.Nodes.Count);
        for (int i = 0; i < tree.Nodes.Count; i++) nodeIndex[tree.Nodes[i].Merged] = i;
        EventNode = new int[table.Count];
        for (int i = 0; i < table.Count; i++) EventNode[i] = table.Acting[i] is { } p && nodeIndex.TryGetValue(p, out int n) ? n : -1;

        SummariseEvents();
        SummariseHosts();
    }

    public ReportOptions Options { get; }
    public ReportEventTable Table { get; }
    public ProcessTreeResult Tree { get; }
    public IReadOnlyList<RawEventChunks.Chunk> Chunks { get; }
    public ReportValidation? Validation { get; }
    public IReadOnlyList<string> Problems { get; }
    public long ProblemCount { get; }
    public IReadOnlyList<string> TreeWarnings { get; }
    public long TreeWarningCount { get; }
    public string Title { get; }
    public DateTimeOffset Generated { get; }

    /// <summary>Each event's node (index in <see cref="ProcessTreeResult.Nodes"/>), -1 when it has no process.</summary>
    public int[] EventNode { get; }

    public List<HostSummary> Hosts { get; } = new();
    public List<RuleSummary> Rules { get; } = new();
    public List<TypeSummary> Types { get; } = new();

    /// <summary>Slot of each host / rule / type string id.</summary>
    public Dictionary<int, int> HostSlot { get; } = new();
    public Dictionary<int, int> RuleSlot { get; } = new();
    public Dictionary<int, int> TypeSlot { get; } = new();

    public long? FirstMicros { get; private set; }
    public long? LastMicros { get; private set; }
    public int EventsWithoutTime { get; private set; }
    public int Inputs { get; private set; }

    private void SummariseEvents()
    {
        var t = Table;
        var rules = new Dictionary<int, RuleSummary>();
        var types = new Dictionary<int, TypeSummary>();
        var hosts = new Dictionary<int, HostSummary>();
        var inputs = new HashSet<int>();
        for (int i = 0; i < t.Count; i++)
        {
            long? us = t.Micros[i];
            if (us.HasValue)
            {
                if (!FirstMicros.HasValue || us < FirstMicros) FirstMicros = us;
                if (!LastMicros.HasValue || us > LastMicros) LastMicros = us;
            }
            else EventsWithoutTime++;
            inputs.Add(t.SourcePath[i]);
            if (!hosts.TryGetValue(t.Host[i], out var host)) hosts[t.Host[i]] = host = new HostSummary(t.Host[i], t.HostIsInput[t.Host[i]]);
            host.Events++;
            if (!rules.TryGetValue(t.Rule[i], out var rule)) rules[t.Rule[i]] = rule = new RuleSummary(t.Rule[i]);
            rule.Add(us, t.SeverityRank[i], t.Host[i]);
            if (!types.TryGetValue(t.Type[i], out var type)) types[t.Type[i]] = type = new TypeSummary(t.Type[i]);
            type.Events++;
        }
        Inputs = inputs.Count;
        var s = t.Strings;
        Hosts.AddRange(hosts.Values);
        Hosts.Sort((a, b) => string.CompareOrdinal(s[a.Id], s[b.Id]));
        Rules.AddRange(rules.Values);
        // Most severe first, then most frequent; events without rule last.
        Rules.Sort((a, b) =>
        {
            if ((a.Id < 0) != (b.Id < 0)) return a.Id < 0 ? 1 : -1;
            if (a.Severity != b.Severity) return b.Severity.CompareTo(a.Severity);
            if (a.Events != b.Events) return b.Events.CompareTo(a.Events);
            return a.Id < 0 ? 0 : string.CompareOrdinal(s[a.Id], s[b.Id]);
        });
        Types.AddRange(types.Values);
        Types.Sort((a, b) => a.Events != b.Events ? b.Events.CompareTo(a.Events) : a.Id < 0 ? 1 : b.Id < 0 ? -1 : string.CompareOrdinal(s[a.Id], s[b.Id]));
        for (int i = 0; i < Hosts.Count; i++) HostSlot[Hosts[i].Id] = i;
        for (int i = 0; i < Rules.Count; i++) RuleSlot[Rules[i].Id] = i;
        for (int i = 0; i < Types.Count; i++) TypeSlot[Types[i].Id] = i;
    }

    private void SummariseHosts()
    {
        foreach (var node in Tree.Nodes)
        {
            if (node.IsGap) continue;
            int id = Table.Strings.IdOf(node.Host);
            if (HostSlot.TryGetValue(id, out int slot)) Hosts[slot].Processes++;
        }
    }
}

internal sealed class HostSummary
{
    public HostSummary(int id, bool isInput)
    {
        Id = id;
        IsInput = isInput;
    }

    /// <summary>String id of the host name (or of the input path).</summary>
    public int Id { get; }

    /// <summary>True when the events had no Datadog host, so the host is the input they were read from.</summary>
    public bool IsInput { get; }

    public int Events { get; set; }
    public int Processes { get; set; }
}

internal sealed class RuleSummary
{
    private readonly HashSet<int> _hosts = new();

    public RuleSummary(int id) => Id = id;

    /// <summary>String id of the rule, -1 for events without rule.</summary>
    public int Id { get; }

    public int Events { get; private set; }
    public int Severity { get; private set; }
    public long? First { get; private set; }
    public long? Last { get; private set; }
    public int HostCount => _hosts.Count;

    public void Add(long? micros, int severity, int host)
    {
        Events++;
        if (severity > Severity) Severity = severity;
        _hosts.Add(host);
        if (!micros.HasValue) return;
        if (!First.HasValue || micros < First) First = micros;
        if (!Last.HasValue || micros > Last) Last = micros;
    }
}

internal sealed class TypeSummary
{
    public TypeSummary(int id) => Id = id;

    public int Id { get; }
    public int Events { get; set; }
}
