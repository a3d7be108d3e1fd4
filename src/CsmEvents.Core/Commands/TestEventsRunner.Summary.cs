using System;
using System.IO;
using CsmEvents.Drift;

namespace CsmEvents.Commands;

/// <summary>Stable ids of the errors about drift summaries (documented in help).</summary>
public static class DriftErrorIds
{
    /// <summary>The baseline file is missing (without -UpdateBaseline) or is not a baseline: terminating.</summary>
    public const string BaselineLoadFailed = "BaselineLoadFailed";

    /// <summary>The JUnit report or the baseline could not be written; the summary is still emitted (exit code 2).</summary>
    public const string ReportWriteFailed = "ReportWriteFailed";
}

/// <summary>
/// The summary of a run (-Summary, --summary): verdicts go into a <see cref="DriftCollector"/> instead of the output;
/// <see cref="Complete"/> compares the groups with the baseline, writes the baseline and the JUnit report when asked,
/// emits one <see cref="CsmDriftSummary"/> and returns the exit code of the run.
/// </summary>
public sealed partial class TestEventsRunner
{
    private readonly DriftCollector? _drift;
    private DriftBaseline? _baseline;

    /// <summary>The summary emitted by <see cref="Complete"/>; null before, or when the run does not summarize.</summary>
    public CsmDriftSummary? Summary { get; private set; }

    private DriftCollector? StartSummary()
    {
        if (_options.UpdateBaseline && _options.BaselinePath == null) throw new ArgumentException("updating the baseline needs the baseline file to write");
        if (_options.Detailed && _options.Summarizes) throw new ArgumentException("a summary replaces the per-event results: ask for detailed results or for a summary, not both");
        if (!_options.Summarizes) return null;
        // The baseline is read before any event, so that a missing or broken file stops the run at once. When it is
        // being rewritten its old content does not matter.
        if (_options.BaselinePath != null) _baseline = _options.UpdateBaseline ? DriftBaseline.Empty(_options.BaselinePath) : DriftBaseline.Load(_options.BaselinePath);
        return new DriftCollector();
    }

    /// <summary>
    /// Ends the run: with a summary, builds it (groups the baseline lists are known; after -UpdateBaseline all are),
    /// writes the baseline and the JUnit report when asked and emits it. Returns the exit code of the run:
    /// 2 when no input could be read or a report could not be written; else, with a baseline, 1 when a group is new or
    /// an input failed, and 0 otherwise; without one, 1 when any event is invalid, not validated or unreadable, or an
    /// input failed, and 0 otherwise.
    /// </summary>
    public int Complete()
    {
        // Failures that did not come through a record: a Datadog search that stopped with an error.
        long searchFailures = Reading.Errors - Validation.Unreadable;
        bool noInput = Reading.NothingReadable;
        if (_drift == null)
        {
            if (noInput) return 2;
            return Validation.Invalid > 0 || Validation.Unreadable > 0 || Validation.WithoutSchema > 0 || searchFailures > 0 ? 1 : 0;
        }
        for (long i = 0; i < searchFailures; i++) _drift.AddInputFailure();
        var baseline = _baseline;
        long read = Validation.Valid + Validation.Invalid + Validation.WithoutSchema + _drift.UnreadableRecords;
        var groups = _drift.Groups(read, (schema, keyword, path) => _options.UpdateBaseline || (baseline?.Knows(schema, keyword, path) ?? false));
        var summary = new CsmDriftSummary(Validation.Valid, Validation.Invalid, Validation.WithoutSchema, _drift.UnreadableRecords, _drift.InputErrors,
            groups, _drift.EventsPerSchema, _options.BaselinePath, _options.UpdateBaseline, _options.JUnitPath);
        bool written = WriteReports(summary);
        summary.ExitCode = noInput || !written ? 2
            : baseline != null ? (summary.InputErrors > 0 || summary.HasNewDrift ? 1 : 0)
            : (summary.Groups.Count > 0 || summary.InputErrors > 0 ? 1 : 0);
        Summary = summary;
        _sink.Emit(summary);
        return summary.ExitCode;
    }

    /// <summary>Writes the baseline (when updating) and the JUnit report; false, with one error each, when one
    /// could not be written.</summary>
    private bool WriteReports(CsmDriftSummary summary)
    {
        bool ok = true;
        if (_options.UpdateBaseline) ok &= Write(_options.BaselinePath!, "baseline", path => DriftBaseline.Write(path, summary.Groups));
        if (_options.JUnitPath != null) ok &= Write(_options.JUnitPath, "JUnit report", path => JUnitReport.Write(path, summary));
        return ok;
    }

    private bool Write(string path, string what, Action<string> write)
    {
        try
        {
            write(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
        {
            _sink.Error(new CsmError(DriftErrorIds.ReportWriteFailed, CsmErrorCategory.WriteError, path + ": cannot write the " + what + ": " + ex.Message, path, ex));
            return false;
        }
    }
}
