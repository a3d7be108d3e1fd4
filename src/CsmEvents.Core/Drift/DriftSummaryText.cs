using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CsmEvents.Text;

namespace CsmEvents.Drift;

/// <summary>
/// The summary as one screen of text (<c>csm-events test --summary</c>, and the PowerShell view of
/// <see cref="CsmDriftSummary"/>): the totals, then a table of the groups, largest first, each followed by where it
/// was seen and an example. Text that comes from events is escaped for the terminal.
/// </summary>
public static class DriftSummaryText
{
    private const string Indent = "        ";

    public static string Render(CsmDriftSummary summary)
    {
        var text = new StringBuilder();
        text.Append(N(summary.EventsRead)).Append(" events read: ").Append(N(summary.Valid)).Append(" valid, ").Append(N(summary.Invalid)).Append(" invalid, ")
            .Append(N(summary.NotValidated)).Append(" not validated, ").Append(N(summary.Unreadable)).Append(" unreadable\n");
        if (summary.InputErrors > 0) text.Append(N(summary.InputErrors)).Append(" input(s) could not be read completely (see the errors)\n");
        bool baseline = summary.BaselinePath != null;
        if (summary.Groups.Count == 0) text.Append(summary.EventsRead == 0 ? "no drift: no events\n" : "no drift: every event read is valid\n");
        else
        {
            text.Append(N(summary.Groups.Count)).Append(summary.Groups.Count == 1 ? " drift group" : " drift groups");
            if (baseline) text.Append(", ").Append(N(summary.NewGroups)).Append(" new (baseline ").Append(TerminalText.Escape(summary.BaselinePath)).Append(')');
            text.Append('\n');
            Table(text, summary, baseline);
        }
        if (summary.BaselineUpdated) text.Append("baseline written: ").Append(TerminalText.Escape(summary.BaselinePath)).Append('\n');
        if (summary.JUnitPath != null) text.Append("JUnit report written: ").Append(TerminalText.Escape(summary.JUnitPath)).Append('\n');
        return text.ToString();
    }

    private static void Table(StringBuilder text, CsmDriftSummary summary, bool baseline)
    {
        var rows = summary.Groups.Select(g => new[]
        {
            N(g.Events), JUnitReport.Percent(g.Share), g.Known ? "known" : "new",
            TerminalText.Escape(g.Schema)!, TerminalText.Escape(g.Keyword)!, TerminalText.Escape(g.Path.Length == 0 ? "(root)" : g.Path)!,
        }).ToList();
        var header = new[] { "EVENTS", "SHARE", "BASELINE", "SCHEMA", "KEYWORD", "PATH" };
        var widths = Enumerable.Range(0, header.Length).Select(i => Math.Max(header[i].Length, rows.Max(r => r[i].Length))).ToArray();
        text.Append('\n');
        Row(text, header, widths, baseline);
        for (int i = 0; i < rows.Count; i++)
        {
            Row(text, rows[i], widths, baseline);
            var group = summary.Groups[i];
            text.Append(Indent).Append("agents ").Append(TerminalText.Escape(string.Join(", ", group.AgentVersions)));
            if (group.SchemaVersions.Count > 0) text.Append("; schema ").Append(string.Join(", ", group.SchemaVersions));
            // Places keep their end (file name and line) so that the line fits a 120-column console; the full
            // places are in the objects and the JSON.
            text.Append("; first ").Append(ColumnText.KeepPathEnd(group.FirstSource, PlaceWidth));
            if (group.LastSource != group.FirstSource) text.Append("; last ").Append(ColumnText.KeepPathEnd(LastSource(group.FirstSource, group.LastSource), PlaceWidth));
            text.Append('\n');
            text.Append(Indent).Append(TerminalText.Escape(group.Message));
            if (group.Example != null) text.Append("; example ").Append(TerminalText.Escape(group.Example));
            text.Append('\n');
        }
    }

    /// <summary>Numbers right-aligned, text left-aligned; the BASELINE column only when a baseline is used.</summary>
    private static void Row(StringBuilder text, IReadOnlyList<string> cells, int[] widths, bool baseline)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Count; i++)
        {
            if (i == 2 && !baseline) continue;
            if (line.Length > 0) line.Append("  ");
            if (i < 2) line.Append(cells[i].PadLeft(widths[i]));
            else if (i == cells.Count - 1) line.Append(cells[i]);
            else line.Append(cells[i].PadRight(widths[i]));
        }
        text.Append(line).Append('\n');
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Room for a place (PATH:LINE or a Datadog log id) in the text.</summary>
    private const int PlaceWidth = 36;

    /// <summary>The last place a group was seen, as "line N" when it is in the first place's file: the line then
    /// fits a 120-column console with a full path, and the file is not said twice.</summary>
    internal static string LastSource(string first, string last)
    {
        int firstColon = first.LastIndexOf(':'), lastColon = last.LastIndexOf(':');
        if (firstColon <= 0 || lastColon <= 0 || firstColon != lastColon || string.CompareOrdinal(first, 0, last, 0, firstColon) != 0) return last;
        string line = last.Substring(lastColon + 1);
        foreach (char c in line) if (c < '0' || c > '9') return last;
        return line.Length == 0 ? last : "line " + line;
    }
}
