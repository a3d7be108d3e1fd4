using System;
using System.Collections.Generic;

namespace CsmEvents.Report;

/// <summary>
/// How serious an event is, as far as the event says. CSM Threats events carry no severity of their own; the Datadog
/// log around an event read from the Logs API has a status (info, warning, error, critical...) and may have a
/// <c>severity:</c> tag. The tag wins, else the status. Events read from files have neither: their rank is 0 and the
/// report orders their rules by count. Rank: 5 critical (emergency, alert, fatal), 4 high (error), 3 medium (warning),
/// 2 low (notice), 1 info (ok, debug), 0 unknown.
/// </summary>
internal static class Severity
{
    private static readonly Dictionary<string, int> Ranks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["critical"] = 5, ["emergency"] = 5, ["emerg"] = 5, ["alert"] = 5, ["fatal"] = 5,
        ["high"] = 4, ["error"] = 4, ["err"] = 4,
        ["medium"] = 3, ["warning"] = 3, ["warn"] = 3,
        ["low"] = 2, ["notice"] = 2,
        ["info"] = 1, ["informational"] = 1, ["ok"] = 1, ["debug"] = 1, ["trace"] = 1,
    };

    /// <summary>The names shown for each rank.</summary>
    public static readonly string[] Labels = { "unknown", "info", "low", "medium", "high", "critical" };

    public static int RankOf(Model.CsmEvent evt)
    {
        var envelope = evt.Source?.Envelope;
        if (envelope == null) return 0;
        foreach (string? tag in envelope.Tags)
        {
            // A tag set from PowerShell may be null.
            if (tag != null && tag.StartsWith("severity:", StringComparison.OrdinalIgnoreCase) && Ranks.TryGetValue(tag.Substring(9), out int tagged)) return tagged;
        }
        return envelope.Status != null && Ranks.TryGetValue(envelope.Status, out int rank) ? rank : 0;
    }
}
