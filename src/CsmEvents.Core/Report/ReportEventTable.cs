using System;
using System.Collections.Generic;
using CsmEvents.Model;
using CsmEvents.ProcessTree;

namespace CsmEvents.Report;

/// <summary>
/// What the report keeps of each event, column by column (a few numbers per event; strings in the
/// <see cref="StringTable"/>): the events themselves are not kept, so memory grows slowly with their number. The
/// full JSON of each event goes to <see cref="RawEventChunks"/>.
/// </summary>
internal sealed class ReportEventTable
{
    public readonly StringTable Strings = new();

    /// <summary>Microseconds since 1970 (UTC), or null when the event has no time.</summary>
    public readonly List<long?> Micros = new();
    public readonly List<int> Host = new();
    public readonly List<int> Rule = new();
    public readonly List<int> Type = new();
    public readonly List<int> Category = new();
    public readonly List<int> Outcome = new();
    public readonly List<int> ProcessName = new();
    public readonly List<long?> Pid = new();
    public readonly List<int> Target = new();
    public readonly List<int> SourcePath = new();
    public readonly List<long> SourceLine = new();
    public readonly List<int> SeverityRank = new();
    public readonly List<MergedProcess?> Acting = new();

    /// <summary>Hosts as the tree keys them: the Datadog host, else the input path (one host per file).</summary>
    public readonly Dictionary<int, bool> HostIsInput = new();

    public int Count => Micros.Count;

    public int Add(CsmEvent evt, MergedProcess? acting)
    {
        var time = evt.Timestamp;
        Micros.Add(time.HasValue ? (time.Value.UtcTicks - UnixEpochTicks) / 10 : null);
        string? datadogHost = evt.Source?.Envelope?.Host;
        int host = Strings.IdOf(datadogHost ?? evt.Source?.Path ?? string.Empty);
        if (!HostIsInput.ContainsKey(host)) HostIsInput[host] = datadogHost == null;
        Host.Add(host);
        Rule.Add(Strings.IdOf(evt.RuleId));
        Type.Add(Strings.IdOf(evt.EventType));
        Category.Add(Strings.IdOf(evt.Category));
        Outcome.Add(Strings.IdOf(evt.Outcome));
        ProcessName.Add(Strings.IdOf(evt.Process?.Name));
        Pid.Add(evt.Process?.Pid);
        Target.Add(Strings.IdOf(evt.Target));
        SourcePath.Add(Strings.IdOf(evt.Source?.Path));
        SourceLine.Add(evt.Source?.Line ?? 0);
        SeverityRank.Add(Severity.RankOf(evt));
        Acting.Add(acting);
        return Micros.Count - 1;
    }

    internal static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
}
