using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CsmEvents.Report;

/// <summary>
/// The timeline, drawn on the server as inline SVG so that it shows (and prints) without script: one lane per rule
/// (in severity order) or per host, time across, and in each lane a bar per time slice that has events (taller for
/// more events). Lane labels come from events and are escaped (<see cref="HtmlText"/>); everything else is numbers.
/// The script maps a pointer position to a lane and a slice with the plot geometry in the <c>data-</c> attributes:
/// it shows the slice's count on hover and lists its events on click.
/// </summary>
internal static class TimelineSvg
{
    internal const int Slices = 240;
    private const int Width = 1200;
    private const int LabelWidth = 230;
    private const int PlotLeft = LabelWidth + 10;
    private const int PlotWidth = Width - PlotLeft - 20;
    private const int LaneHeight = 22;
    private const int AxisHeight = 34;
    private const int BarMax = 16;

    /// <summary>One lane: its label, the CSS class of its bars, and the slot the script maps back to a rule or host.</summary>
    public sealed class Lane
    {
        public Lane(string label, string cssClass, int slot)
        {
            Label = label;
            CssClass = cssClass;
            Slot = slot;
        }

        public string Label { get; }
        public string CssClass { get; }
        public int Slot { get; }
        public int[] Counts { get; } = new int[Slices];
    }

    /// <summary>Writes the SVG element. <paramref name="laneOfEvent"/> gives each event's lane index (or -1).</summary>
    public static void Write(TextWriter w, string id, string ariaLabel, string kind, IReadOnlyList<Lane> lanes, ReportEventTable table,
        Func<int, int> laneOfEvent, long first, long last)
    {
        long span = Math.Max(1, last - first);
        for (int i = 0; i < table.Count; i++)
        {
            long? us = table.Micros[i];
            int lane = laneOfEvent(i);
            if (!us.HasValue || lane < 0) continue;
            lanes[lane].Counts[SliceOf(us.Value, first, span)]++;
        }
        int max = 1;
        foreach (var lane in lanes) foreach (int count in lane.Counts) max = Math.Max(max, count);

        int height = AxisHeight + lanes.Count * LaneHeight + 6;
        // The plot's geometry, for the script that maps a click or a hover to a lane and a time slice.
        w.Write("<svg id=\"" + id + "\" class=\"timeline\" data-kind=\"" + kind + "\" data-first=\"" + Num(first) + "\" data-last=\"" + Num(last) +
            "\" data-left=\"" + Num(PlotLeft) + "\" data-width=\"" + Num(PlotWidth) + "\" data-top=\"" + Num(AxisHeight) + "\" data-lane-height=\"" + Num(LaneHeight) +
            "\" data-slices=\"" + Num(Slices) + "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Num(Width) + " " + Num(height) + "\" role=\"img\" aria-label=\"");
        HtmlText.Write(w, ariaLabel);
        w.Write("\">\n");
        WriteAxis(w, first, last, height);
        double sliceWidth = (double)PlotWidth / Slices;
        for (int l = 0; l < lanes.Count; l++)
        {
            var lane = lanes[l];
            int top = AxisHeight + l * LaneHeight;
            w.Write("<g class=\"lane\" data-lane=\"" + Num(lane.Slot) + "\">");
            w.Write("<rect class=\"lane-bg\" x=\"0\" y=\"" + Num(top) + "\" width=\"" + Num(Width) + "\" height=\"" + Num(LaneHeight) + "\"/>");
            w.Write("<text class=\"lane-label\" x=\"" + Num(LabelWidth) + "\" y=\"" + Num(top + 15) + "\" text-anchor=\"end\">");
            HtmlText.Write(w, Shorten(lane.Label, 32));
            w.Write("<title>");
            HtmlText.Write(w, lane.Label);
            w.Write("</title></text>");
            // One path for all the lane's bars (a rectangle per slice with events, taller for more): a few bytes per
            // bar, where an element per bar would make the timeline the largest part of a big report.
            w.Write("<path class=\"bar " + lane.CssClass + "\" d=\"");
            for (int s = 0; s < Slices; s++)
            {
                int count = lane.Counts[s];
                if (count == 0) continue;
                double h = 4 + (BarMax - 4) * Math.Log(1 + count) / Math.Log(1 + max);
                w.Write("M" + Dec(PlotLeft + s * sliceWidth) + " " + Dec(top + (LaneHeight - h) / 2) + "h" + Dec(Math.Max(1.5, sliceWidth - 0.5)) + "v" + Dec(h) + "h-" +
                    Dec(Math.Max(1.5, sliceWidth - 0.5)) + "z");
            }
            w.Write("\"/></g>\n");
        }
        w.Write("</svg>\n");
    }

    /// <summary>Axis labels short enough not to overlap: the time of day within a day, the day and hour within a
    /// month, else the date.</summary>
    internal static string AxisText(long micros, long span)
    {
        var time = new DateTime(ReportEventTable.UnixEpochTicks + micros * 10, DateTimeKind.Utc);
        string format = span < 60_000_000L ? "HH:mm:ss.fff" : span < 86_400_000_000L ? "HH:mm:ss" : span < 31 * 86_400_000_000L ? "MM-dd HH:mm" : "yyyy-MM-dd";
        return time.ToString(format, CultureInfo.InvariantCulture);
    }

    internal static int SliceOf(long us, long first, long span) => (int)Math.Min(Slices - 1, (us - first) * Slices / span);

    private static void WriteAxis(TextWriter w, long first, long last, int height)
    {
        w.Write("<g class=\"axis\">");
        const int ticks = 6;
        for (int i = 0; i <= ticks; i++)
        {
            double x = PlotLeft + (double)PlotWidth * i / ticks;
            long at = first + (last - first) * i / ticks;
            w.Write("<line x1=\"" + Dec(x) + "\" y1=\"" + Num(AxisHeight - 6) + "\" x2=\"" + Dec(x) + "\" y2=\"" + Num(height) + "\"/>");
            string anchor = i == 0 ? "start" : i == ticks ? "end" : "middle";
            w.Write("<text x=\"" + Dec(x) + "\" y=\"14\" text-anchor=\"" + anchor + "\">" + AxisText(at, last - first) + "</text>");
            if (last == first) break;
        }
        w.Write("</g>\n");
    }

    private static string Shorten(string text, int max)
    {
        if (text.Length <= max) return text;
        int cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1])) cut--; // never split a character in two
        return text.Substring(0, cut) + "…";
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Dec(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
