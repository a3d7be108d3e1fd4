using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace CsmEvents.Report;

/// <summary>
/// Writes the report: one HTML file that needs nothing else. The summary, the problems and the SVG timelines are
/// written here, escaped for HTML (<see cref="HtmlText"/>), so they show and print without script. The process trees,
/// the event table and the validation table are drawn by the inline script from two data blocks: the model
/// (<see cref="ReportModelWriter"/>, JSON escaped for a script element by <see cref="ScriptJson"/>) and the events'
/// exact JSON (<see cref="RawEventChunks"/>, gzip in base64, whose alphabet cannot end an element). The
/// Content-Security-Policy forbids every load (<c>default-src 'none'</c>), allows only this script and style sheet by
/// their hashes, and makes Chromium refuse HTML built from strings (<c>require-trusted-types-for 'script'</c>): the
/// script builds every element with DOM calls and <c>textContent</c>.
/// </summary>
internal static class ReportPage
{
    public static void Write(TextWriter w, ReportContent c)
    {
        string css = ReportAssets.Css;
        string js = ReportAssets.Js;
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + ContentSecurityPolicy(css, js) + "\">\n");
        w.Write("<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write("<meta name=\"generator\" content=\"CsmEvents " + Version + "\">\n<title>");
        HtmlText.WriteUntrusted(w, c.Title);
        w.Write("</title>\n<style>" + css + "</style>\n</head>\n<body>\n");
        WriteHeader(w, c);
        w.Write("<main>\n");
        WriteSummary(w, c);
        WriteTimeline(w, c);
        WriteTreeSection(w, c);
        WriteEventSection(w, c);
        if (c.Validation != null) WriteValidationSection(w, c);
        WriteProblems(w, c);
        w.Write("</main>\n");
        w.Write("<script type=\"application/json\" id=\"csm-model\">");
        ScriptJson.Write(w, ReportModelWriter.Render(c));
        w.Write("</script>\n<script type=\"application/octet-stream\" id=\"csm-raw\">");
        foreach (var chunk in c.Chunks)
        {
            w.Write(Convert.ToBase64String(chunk.Gzip));
            w.Write('\n');
        }
        w.Write("</script>\n<script>" + js + "</script>\n</body>\n</html>\n");
    }

    /// <summary>No load of any kind (scripts, styles, images, fonts, frames, connections, form posts, base URL);
    /// inline script and style only by hash.</summary>
    internal static string ContentSecurityPolicy(string css, string js) =>
        "default-src 'none'; script-src " + ReportAssets.Hash(js) + "; style-src " + ReportAssets.Hash(css) +
        "; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

    private static string Version => typeof(ReportPage).Assembly.GetName().Version!.ToString(3);

    private static void WriteHeader(TextWriter w, ReportContent c)
    {
        w.Write("<header class=\"page-head\">\n<h1>");
        HtmlText.WriteUntrusted(w, c.Title);
        w.Write("</h1>\n<p class=\"meta\">");
        int events = c.Table.Count;
        w.Write(Count(events, "event", "events") + " from " + Count(c.Inputs, "input", "inputs") + ", " + Count(c.Hosts.Count, "host", "hosts") + ". Generated " +
            c.Generated.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC by CsmEvents " + Version + ". All times are UTC.");
        w.Write("</p>\n<nav class=\"toc\"><a href=\"#summary\">At a glance</a><a href=\"#timeline\">Timeline</a><a href=\"#trees\">Process trees</a><a href=\"#events\">Events</a>");
        if (c.Validation != null) w.Write("<a href=\"#validation\">Validation</a>");
        if (c.ProblemCount > 0 || c.TreeWarningCount > 0) w.Write("<a href=\"#problems\">Problems</a>");
        w.Write("</nav>\n</header>\n");
    }

    private static void WriteSummary(TextWriter w, ReportContent c)
    {
        var s = c.Table.Strings;
        w.Write("<section id=\"summary\">\n<h2>At a glance</h2>\n<div class=\"cards\">\n");

        w.Write("<div class=\"card\" id=\"time-range\"><h3>Time range</h3>");
        if (c.FirstMicros.HasValue)
        {
            w.Write("<p><span class=\"time\">" + TimeText(c.FirstMicros.Value) + "</span> to <span class=\"time\">" + TimeText(c.LastMicros!.Value) + "</span></p>");
            w.Write("<p>" + DurationText(c.LastMicros.Value - c.FirstMicros.Value) + "</p>");
        }
        else w.Write("<p>No event has a time.</p>");
        if (c.EventsWithoutTime > 0) w.Write("<p>" + Count(c.EventsWithoutTime, "event has", "events have") + " no time.</p>");
        w.Write("</div>\n");

        w.Write("<div class=\"card\" id=\"hosts\"><h3>Hosts</h3><table><thead><tr><th>Host</th><th class=\"num\">Events</th><th class=\"num\">Processes</th></tr></thead><tbody>");
        foreach (var h in c.Hosts)
        {
            w.Write("<tr><td>");
            HtmlText.Write(w, s[h.Id].Length == 0 ? "(unknown)" : s[h.Id]);
            if (h.IsInput) w.Write(" <span class=\"note\" title=\"No Datadog host: the events of one input count as one host\">input</span>");
            w.Write("</td><td class=\"num\">" + Num(h.Events) + "</td><td class=\"num\">" + Num(h.Processes) + "</td></tr>");
        }
        w.Write("</tbody></table></div>\n");

        w.Write("<div class=\"card wide\" id=\"rules\"><h3>Rules that fired</h3><div class=\"scroll\"><table><thead><tr><th>Severity</th><th>Rule</th><th class=\"num\">Events</th><th>First</th><th>Last</th><th class=\"num\">Hosts</th></tr></thead><tbody>");
        foreach (var r in c.Rules)
        {
            w.Write("<tr><td><span class=\"sev sev-" + Num(r.Severity) + "\">" + Severity.Labels[r.Severity] + "</span></td><td class=\"rule\">");
            if (r.Id < 0) w.Write("<span class=\"note\">(no rule)</span>");
            else HtmlText.Write(w, s[r.Id]);
            w.Write("</td><td class=\"num\">" + Num(r.Events) + "</td><td class=\"time\">" + (r.First.HasValue ? TimeText(r.First.Value) : "") + "</td><td class=\"time\">" +
                (r.Last.HasValue ? TimeText(r.Last.Value) : "") + "</td><td class=\"num\">" + Num(r.HostCount) + "</td></tr>");
        }
        w.Write("</tbody></table></div><p class=\"hint\">Severity comes from the Datadog log (its <code>severity:</code> tag, else its status); events read from files carry none.</p></div>\n");

        w.Write("<div class=\"card\" id=\"types\"><h3>Event types</h3><table><thead><tr><th>Type</th><th class=\"num\">Events</th></tr></thead><tbody>");
        foreach (var t in c.Types)
        {
            w.Write("<tr><td>");
            if (t.Id < 0) w.Write("<span class=\"note\">(none)</span>");
            else HtmlText.Write(w, s[t.Id]);
            w.Write("</td><td class=\"num\">" + Num(t.Events) + "</td></tr>");
        }
        w.Write("</tbody></table></div>\n</div>\n</section>\n");
    }

    private static void WriteTimeline(TextWriter w, ReportContent c)
    {
        w.Write("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
        if (!c.FirstMicros.HasValue)
        {
            w.Write("<p>No event has a time: nothing to draw.</p>\n</section>\n");
            return;
        }
        w.Write("<div class=\"controls\" role=\"group\" aria-label=\"Timeline lanes\"><button type=\"button\" class=\"lanes\" data-show=\"timeline-rules\" aria-pressed=\"true\">By rule</button>" +
            "<button type=\"button\" class=\"lanes\" data-show=\"timeline-hosts\" aria-pressed=\"false\">By host</button>" +
            "<span id=\"timeline-status\" class=\"status\" aria-live=\"polite\">Point at a bar for its count; click it to list its events.</span></div>\n");
        var s = c.Table.Strings;
        long first = c.FirstMicros.Value, last = c.LastMicros!.Value;

        var ruleLanes = new List<TimelineSvg.Lane>();
        foreach (var r in c.Rules) ruleLanes.Add(new TimelineSvg.Lane(r.Id < 0 ? "(no rule)" : s[r.Id], "sev-" + Num(r.Severity), ruleLanes.Count));
        TimelineSvg.Write(w, "timeline-rules", "Events over time, one lane per rule", "rule", ruleLanes, c.Table, i => c.RuleSlot[c.Table.Rule[i]], first, last);

        var hostLanes = new List<TimelineSvg.Lane>();
        foreach (var h in c.Hosts) hostLanes.Add(new TimelineSvg.Lane(s[h.Id].Length == 0 ? "(unknown)" : s[h.Id], "host", hostLanes.Count));
        w.Write("<div class=\"lanes-box\" id=\"timeline-hosts-box\">");
        TimelineSvg.Write(w, "timeline-hosts", "Events over time, one lane per host", "host", hostLanes, c.Table, i => c.HostSlot[c.Table.Host[i]], first, last);
        w.Write("</div>");
        if (c.EventsWithoutTime > 0) w.Write("<p class=\"hint\">" + Count(c.EventsWithoutTime, "event without time is", "events without time are") + " not drawn.</p>");
        w.Write("</section>\n");
    }

    private static void WriteTreeSection(TextWriter w, ReportContent c)
    {
        w.Write("<section id=\"trees\">\n<h2>Process trees</h2>\n");
        w.Write("<p class=\"hint\">One tree per host, merged from every event's process, parent and ancestors (as Get-CsmProcessTree builds it). " +
            "Processes with rule hits are marked; their lineages are open. Flags: <span class=\"flag\">exec</span> the image replaced its parent's by exec, " +
            "<span class=\"flag\">thread</span> a fork child that did not exec, <span class=\"flag\">orphan</span> its lineage stops before the first process, " +
            "<span class=\"flag\">gap</span> ancestors the events left out.</p>\n");
        w.Write("<div class=\"controls\"><label>Search <input id=\"tree-search\" type=\"search\" placeholder=\"name, pid, command line, path or user\" autocomplete=\"off\" spellcheck=\"false\"></label>" +
            "<span id=\"tree-search-status\" class=\"status\" aria-live=\"polite\"></span><button type=\"button\" id=\"tree-open-hits\">Open rule hits</button>" +
            "<button type=\"button\" id=\"tree-collapse\">Collapse all</button></div>\n");
        w.Write("<div id=\"tree-root\" class=\"trees\"><p class=\"noscript\">The process trees need JavaScript.</p></div>\n</section>\n");
    }

    private static void WriteEventSection(TextWriter w, ReportContent c)
    {
        w.Write("<section id=\"events\">\n<h2>Events</h2>\n<div class=\"controls\" id=\"filters\">");
        w.Write("<label>Rule <select id=\"filter-rule\"><option value=\"\">all</option></select></label>");
        w.Write("<label>Type <select id=\"filter-type\"><option value=\"\">all</option></select></label>");
        w.Write("<label>Host <select id=\"filter-host\"><option value=\"\">all</option></select></label>");
        w.Write("<label>From <input id=\"filter-from\" type=\"text\" placeholder=\"2025-06-03 09:41:00\" size=\"19\" spellcheck=\"false\"></label>");
        w.Write("<label>To <input id=\"filter-to\" type=\"text\" placeholder=\"2025-06-03 10:00:00\" size=\"19\" spellcheck=\"false\"></label>");
        w.Write("<label>Text <input id=\"filter-text\" type=\"search\" placeholder=\"process or target\" spellcheck=\"false\"></label>");
        w.Write("<button type=\"button\" id=\"filter-reset\">Reset</button><span id=\"filter-status\" class=\"status\" aria-live=\"polite\"></span></div>\n");
        w.Write("<div class=\"events-layout\"><div class=\"table-wrap\"><table id=\"event-table\"><thead><tr><th>Time (UTC)</th><th>Host</th><th>Rule</th><th>Type</th>" +
            "<th>Process</th><th>Target</th><th>Outcome</th>" + (c.Validation != null ? "<th>Valid</th>" : "") + "</tr></thead><tbody></tbody></table>" +
            "<p id=\"table-more\" class=\"status\"></p></div>\n");
        w.Write("<aside id=\"event-detail\" class=\"detail\" aria-live=\"polite\"><p class=\"hint\">Click an event to see its JSON, as read, and its place in the process tree.</p></aside></div>\n</section>\n");
    }

    private static void WriteValidationSection(TextWriter w, ReportContent c)
    {
        var v = c.Validation!;
        w.Write("<section id=\"validation\">\n<h2>Validation</h2>\n<p>Schema: <code>");
        HtmlText.WriteUntrusted(w, v.Schema);
        w.Write("</code>" + (v.IgnoreAdditionalProperties ? ", additionalProperties errors ignored" : "") + ". " +
            Num(v.Valid) + " valid, " + Num(v.Invalid) + " invalid" + (v.WithoutSchema > 0 ? ", " + Num(v.WithoutSchema) + " not validated (no embedded schema fits: pass a schema file)" : "") + ".</p>\n");
        if (v.Listed.Count > 0) w.Write("<div class=\"table-wrap\"><table id=\"validation-table\"><thead><tr><th>Event</th><th>Schema</th><th>Errors</th></tr></thead><tbody></tbody></table></div>\n");
        if (v.NotValid > v.Listed.Count) w.Write("<p class=\"hint\">The first " + Num(v.Listed.Count) + " events that are not valid are listed.</p>\n");
        w.Write("</section>\n");
    }

    private static void WriteProblems(TextWriter w, ReportContent c)
    {
        if (c.ProblemCount == 0 && c.TreeWarningCount == 0) return;
        w.Write("<section id=\"problems\">\n<h2>Problems</h2>\n");
        if (c.ProblemCount > 0)
        {
            w.Write("<h3>" + Count(c.ProblemCount, "record or input could not be read", "records or inputs could not be read") + " (not in this report)</h3>\n<ul class=\"problems\">");
            foreach (string problem in c.Problems)
            {
                w.Write("<li>");
                HtmlText.WriteUntrusted(w, problem);
                w.Write("</li>");
            }
            w.Write("</ul>\n");
            if (c.ProblemCount > c.Problems.Count) w.Write("<p class=\"hint\">The first " + Num(c.Problems.Count) + " are listed.</p>\n");
        }
        if (c.TreeWarningCount > 0)
        {
            w.Write("<h3>" + Count(c.TreeWarningCount, "process-tree warning", "process-tree warnings") + "</h3>\n<ul class=\"problems\">");
            foreach (string warning in c.TreeWarnings)
            {
                w.Write("<li>");
                HtmlText.WriteUntrusted(w, warning);
                w.Write("</li>");
            }
            w.Write("</ul>\n");
            if (c.TreeWarningCount > c.TreeWarnings.Count) w.Write("<p class=\"hint\">The first " + Num(c.TreeWarnings.Count) + " are listed.</p>\n");
        }
        w.Write("</section>\n");
    }

    /// <summary>A UTC time from microseconds since 1970: <c>2025-06-03 09:41:07.484121</c> (no fraction when it is zero).</summary>
    internal static string TimeText(long micros)
    {
        var time = new DateTime(ReportEventTable.UnixEpochTicks + micros * 10, DateTimeKind.Utc);
        return time.ToString(micros % 1_000_000 == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    }

    internal static string DurationText(long micros)
    {
        var span = TimeSpan.FromTicks(micros * 10);
        if (span.TotalSeconds < 1) return "within " + Num((long)span.TotalMilliseconds) + " ms";
        if (span.TotalMinutes < 1) return "over " + span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
        if (span.TotalHours < 1) return "over " + Num(span.Minutes) + " min " + Num(span.Seconds) + " s";
        if (span.TotalDays < 1) return "over " + Num(span.Hours) + " h " + Num(span.Minutes) + " min";
        return "over " + Num((long)span.TotalDays) + " days " + Num(span.Hours) + " h";
    }

    private static string Count(long n, string one, string many) => Num(n) + " " + (n == 1 ? one : many);

    private static string Num(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
