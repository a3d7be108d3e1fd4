using System.Collections.Generic;
using System.Globalization;

namespace CsmEvents.Drift;

/// <summary>
/// What a validation run found, grouped (Test-CsmEvent -Summary, <c>csm-events test --summary</c>): the totals,
/// one <see cref="CsmDriftGroup"/> per kind of problem, largest first, and — with a baseline — which groups are
/// new. <see cref="ExitCode"/> is the exit code <c>csm-events test</c> gives for the same run.
/// </summary>
public sealed class CsmDriftSummary
{
    internal CsmDriftSummary(long valid, long invalid, long notValidated, long unreadable, long inputErrors, IReadOnlyList<CsmDriftGroup> groups,
        IReadOnlyList<KeyValuePair<string, long>> eventsPerSchema, string? baselinePath, bool baselineUpdated, string? jUnitPath)
    {
        Valid = valid;
        Invalid = invalid;
        NotValidated = notValidated;
        Unreadable = unreadable;
        InputErrors = inputErrors;
        Groups = groups;
        EventsPerSchema = eventsPerSchema;
        BaselinePath = baselinePath;
        BaselineUpdated = baselineUpdated;
        JUnitPath = jUnitPath;
        foreach (var group in groups)
        {
            if (!group.Known) NewGroups++;
        }
    }

    /// <summary>Records read: valid + invalid + not validated + unreadable.</summary>
    public long EventsRead => Valid + Invalid + NotValidated + Unreadable;

    public long Valid { get; }

    /// <summary>Events with at least one schema error.</summary>
    public long Invalid { get; }

    /// <summary>Events no schema fits (current Linux events whose schema is not cached).</summary>
    public long NotValidated { get; }

    /// <summary>Records that could not be read (invalid JSON, not an object, ...).</summary>
    public long Unreadable { get; }

    /// <summary>Inputs that failed as a whole or in part: a missing or unreadable file, a corrupt gzip stream, a
    /// failed Datadog search. Never accepted by a baseline.</summary>
    public long InputErrors { get; }

    /// <summary>The kinds of problems, largest first (then by schema, keyword and path).</summary>
    public IReadOnlyList<CsmDriftGroup> Groups { get; }

    /// <summary>Groups the baseline does not list (all of them without a baseline).</summary>
    public int NewGroups { get; }

    /// <summary>True when a group is new: the run fails (exit code 1) even where the baseline accepts the rest.</summary>
    public bool HasNewDrift => NewGroups > 0;

    /// <summary>The baseline file used or written; null without one.</summary>
    public string? BaselinePath { get; }

    /// <summary>True when this run wrote the baseline (-UpdateBaseline, --update-baseline).</summary>
    public bool BaselineUpdated { get; }

    /// <summary>The JUnit XML report written; null without one.</summary>
    public string? JUnitPath { get; }

    /// <summary>0: no problem, or (with a baseline) only known ones; 1: new drift, or any problem without a
    /// baseline, or an input that failed; 2: no input could be read, or a report file could not be written.</summary>
    public int ExitCode { get; internal set; }

    /// <summary>Events validated per schema (the suites of the JUnit report), by schema name.</summary>
    internal IReadOnlyList<KeyValuePair<string, long>> EventsPerSchema { get; }

    /// <summary>The one-screen text the CLI prints and the PowerShell view shows (event text escaped).</summary>
    public string ToText() => DriftSummaryText.Render(this);

    public override string ToString() =>
        EventsRead.ToString(CultureInfo.InvariantCulture) + " events read, " + Invalid.ToString(CultureInfo.InvariantCulture) + " invalid: "
        + Groups.Count.ToString(CultureInfo.InvariantCulture) + " drift groups, " + NewGroups.ToString(CultureInfo.InvariantCulture) + " new";
}
