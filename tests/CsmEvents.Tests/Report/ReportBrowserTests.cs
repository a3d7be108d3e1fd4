using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsmEvents.Tests.Support;
using OpenQA.Selenium;

namespace CsmEvents.Tests.Report;

/// <summary>
/// The report page in a real browser (headless Chromium through Selenium): the samples' page, made by the CLI and by
/// Export-CsmReport in pwsh, renders its summary, timeline, trees and table; expanding, searching, filtering and
/// opening an event work; and the page makes no request and trips no Content-Security-Policy rule.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ReportBrowserTests
{
    private readonly Chromium _browser;
    private readonly ReportPages _pages;

    public ReportBrowserTests(Chromium browser, ReportPages pages)
    {
        _browser = browser;
        _pages = pages;
    }

    public static IEnumerable<object[]> Makers() => new[] { new object[] { "cli" }, new object[] { "pwsh" } };

    // What the samples hold (samples/README.md): 110 events read from 9 inputs (the .jsonl.gz repeats the web01
    // file), 8 of them from the Datadog page of host web-01.
    private const int SampleEvents = 110;

    [Theory]
    [MemberData(nameof(Makers))]
    public void TheSamplesPageRendersItsSummaryTimelineTreesAndTable(string maker)
    {
        _browser.Open(_pages.PageOf(maker));
        var d = _browser.Driver;
        Assert.Equal("CSM events report", d.Title);
        Assert.StartsWith("110 events from 9 inputs, 9 hosts.", d.FindElement(By.CssSelector(".page-head .meta")).Text);
        var hosts = d.FindElements(By.CssSelector("#hosts tbody tr")).Select(r => r.Text).ToList();
        Assert.Equal(9, hosts.Count);
        Assert.Contains("web-01 8 9", hosts);
        // Rules: the Datadog page's rules (status info) come before the rules of events read from files.
        var rules = d.FindElements(By.CssSelector("#rules tbody tr td.rule")).Select(c => c.Text).ToList();
        Assert.Equal("connect_mining_pool", rules[0]);
        Assert.Equal("(no rule)", rules[^1]);
        Assert.Equal(rules.Count, d.FindElements(By.CssSelector("#timeline-rules g.lane")).Count);
        Assert.Equal(9, d.FindElements(By.CssSelector("#timeline-hosts g.lane")).Count);
        // Every sample event has a time, so every lane has at least one bar.
        Assert.All(d.FindElements(By.CssSelector("#timeline-rules path.bar")), bar => Assert.StartsWith("M", bar.GetDomAttribute("d")));

        // Trees: one per host; the web server's lineage of rule hits is open down to the miner.
        Assert.Equal(9, d.FindElements(By.CssSelector("#tree-root .host-tree")).Count);
        var kswapd = d.FindElements(By.XPath("//li[contains(@class,'hit')]/div[@class='row'][span[@class='name']='kswapd0'][span[@class='pid']='(24311)']"));
        Assert.Equal(3, kswapd.Count); // web01.jsonl, its .gz copy, and the Datadog page
        Assert.True(kswapd[0].Displayed);
        Assert.Contains("connect_mining_pool \u00d72", kswapd[0].Text);

        // Table: every event (fewer than one page of rows), sorted by time.
        Assert.Equal(SampleEvents, d.FindElements(By.CssSelector("#event-table tbody tr")).Count);
        Assert.Equal(SampleEvents + " events", d.FindElement(By.Id("filter-status")).Text);
        var times = d.FindElements(By.CssSelector("#event-table tbody td.time")).Select(c => c.Text).Where(t => t.Length > 0).ToList();
        Assert.Equal(times.OrderBy(t => t, StringComparer.Ordinal), times);
        Assert.Equal("2020-11-03 10:14:31.200447", times[0]);

        AssertNoRequestAndNoViolation(_pages.PageOf(maker));
    }

    [Fact]
    public void ExpandingAndCollapsingANodeDrawsAndHidesItsChildren()
    {
        _browser.Open(_pages.Cli);
        var d = _browser.Driver;
        d.FindElement(By.Id("tree-collapse")).Click();
        var web01 = HostTree("incident-web01.jsonl");
        var root = web01.FindElement(By.CssSelector("ul.tree > li.node"));
        Assert.Equal("false", root.GetAttribute("aria-expanded"));
        Assert.False(root.FindElement(By.CssSelector("ul.children")).Displayed);
        root.FindElement(By.CssSelector(".row .toggle")).Click();
        Assert.Equal("true", root.GetAttribute("aria-expanded"));
        var children = root.FindElements(By.CssSelector(":scope > ul.children > li.node > .row .name")).Select(n => n.Text).ToList();
        Assert.Equal(new[] { "cron", "containerd-shim", "systemd" }, children);
        root.FindElement(By.CssSelector(".row .toggle")).Click();
        Assert.Equal("false", root.GetAttribute("aria-expanded"));
        Assert.False(root.FindElement(By.CssSelector("ul.children")).Displayed);
    }

    [Fact]
    public void SearchMarksMatchingProcessesAndTheirLineage()
    {
        _browser.Open(_pages.Cli);
        var d = _browser.Driver;
        d.FindElement(By.Id("tree-collapse")).Click();
        d.FindElement(By.Id("tree-search")).SendKeys("curl");
        // curl in the legacy file, in web01.jsonl, in its gzip copy and in the Datadog page, and the sh whose command
        // line runs curl in the last three.
        _browser.WaitForText("tree-search-status", "7 processes match; their lineages are marked.");
        var matches = d.FindElements(By.CssSelector("li.match > .row"));
        Assert.Equal(new[] { "curl", "curl", "curl", "curl", "sh", "sh", "sh" }, matches.Select(m => m.FindElement(By.CssSelector(".name")).Text).OrderBy(n => n));
        Assert.All(matches, m => Assert.True(m.Displayed, "a match is drawn and visible even after Collapse all"));
        var web01Lineage = HostTree("incident-web01.jsonl").FindElements(By.CssSelector("li.lineage > .row .name")).Select(n => n.Text).ToList();
        Assert.Equal(new[] { "systemd", "systemd", "nginx", "nginx", "nginx", "sh" }, web01Lineage);
        d.FindElement(By.Id("tree-search")).SendKeys(Keys.Control + "a" + Keys.Control + Keys.Delete);
        _browser.WaitFor(() => d.FindElements(By.CssSelector("li.match, li.lineage")).Count == 0, "the marks to clear");
    }

    [Fact]
    public void FiltersNarrowTheTable()
    {
        _browser.Open(_pages.Cli);
        var d = _browser.Driver;
        SelectOption("filter-rule", "connect_mining_pool (6)");
        Assert.Equal("6 of 110 events", d.FindElement(By.Id("filter-status")).Text);
        Assert.All(Rows(), r => Assert.Contains("connect_mining_pool", r));
        SelectOption("filter-host", "web-01 (8)");
        Assert.Equal("2 of 110 events", d.FindElement(By.Id("filter-status")).Text);

        d.FindElement(By.Id("filter-reset")).Click();
        SelectOption("filter-type", "set_key_value (3)");
        Assert.Equal("3 of 110 events", d.FindElement(By.Id("filter-status")).Text);
        d.FindElement(By.Id("filter-reset")).Click();

        d.FindElement(By.Id("filter-from")).SendKeys("2025-06-03 09:41:09");
        // A pause while typing (longer than the page's 200 ms): the partial time is applied first, then the whole one.
        d.FindElement(By.Id("filter-to")).SendKeys("2025-06-03 09:4");
        System.Threading.Thread.Sleep(400);
        d.FindElement(By.Id("filter-to")).SendKeys("1:10");
        // csm-events get samples --recurse --after 2025-06-03T09:41:09Z --before 2025-06-03T09:41:10Z | wc -l
        _browser.WaitForText("filter-status", "8 of 110 events");
        Assert.All(d.FindElements(By.CssSelector("#event-table tbody td.time")), c => Assert.StartsWith("2025-06-03 09:41:09", c.Text));

        d.FindElement(By.Id("filter-reset")).Click();
        d.FindElement(By.Id("filter-to")).SendKeys("yesterday");
        _browser.WaitFor(() => d.FindElement(By.Id("filter-status")).Text.Contains("not readable"), "the unreadable time message");
        Assert.Contains("invalid", d.FindElement(By.Id("filter-to")).GetAttribute("class"));
        d.FindElement(By.Id("filter-reset")).Click();

        d.FindElement(By.Id("filter-text")).SendKeys("kswapd0");
        // The filter reads the process name, the target and the pid (the placeholder says "process or target"):
        // @(Get-CsmEvent samples -Recurse | Where-Object { "$($_.Process.Name) $($_.Target) $($_.Process.Pid)" -like '*kswapd0*' }).Count
        // (8 more mention kswapd0 only elsewhere in their JSON: in a command line that is not their target.)
        _browser.WaitForText("filter-status", "42 of 110 events");
        Assert.All(Rows(), r => Assert.Contains("kswapd0", r));
    }

    [Fact]
    public void AnOpenedEventShowsItsJsonAsReadAndItsPlaceInTheTree()
    {
        _browser.Open(_pages.Cli);
        var d = _browser.Driver;
        SelectOption("filter-rule", "run_key_persistence (2)");
        var row = d.FindElements(By.CssSelector("#event-table tbody tr"))[0];
        row.Click();
        var json = d.FindElement(By.Id("event-json"));
        _browser.WaitFor(() => json.GetAttribute("data-state") == "indented", "the JSON to be unpacked");
        Assert.StartsWith("{\n  \"agent\": {\n    \"rule_id\": \"run_key_persistence\",", json.Text);
        d.FindElement(By.CssSelector("#event-detail h4 button.link")).Click();
        Assert.Equal("as-read", json.GetAttribute("data-state"));
        // The first run_key_persistence event in time is the line of incident-ws01.jsonl or the single-event file;
        // either way the text shown is the record exactly as it is in its file.
        string shown = (string)_browser.Script("return document.getElementById('event-json').textContent")!;
        string source = d.FindElements(By.CssSelector("#event-detail dd"))
            .Select(e => e.Text).Single(t => t.Contains("samples", StringComparison.Ordinal) && t.Contains(':'));
        Assert.Equal(RecordAt(source), shown);

        var lineage = d.FindElements(By.CssSelector("ol.lineage li")).Select(li => li.Text).ToList();
        Assert.Equal("System (4)", lineage[0]);
        Assert.Equal("reg.exe (9036)", lineage[^1]);
        d.FindElement(By.Id("show-in-tree")).Click();
        var selected = d.FindElement(By.CssSelector("li.node.selected > .row"));
        Assert.True(selected.Displayed);
        Assert.Equal("reg.exe", selected.FindElement(By.CssSelector(".name")).Text);
    }

    [Fact]
    public void PointingAtATimelineBarShowsItsCountAndClickingListsItsEvents()
    {
        _browser.Open(_pages.Cli);
        var d = _browser.Driver;
        // Lane 0 is the most severe rule, connect_mining_pool: its 6 events fall into one slice of the samples' years.
        var bar = d.FindElement(By.CssSelector("#timeline-rules g.lane[data-lane='0'] path.bar"));
        const string atBar = "var r = arguments[0].getBoundingClientRect(); arguments[0].closest('svg').dispatchEvent(new MouseEvent(arguments[1], " +
            "{bubbles: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));";
        _browser.Script(atBar, bar, "mousemove");
        Assert.StartsWith("connect_mining_pool: 6 events, ", d.FindElement(By.Id("timeline-status")).Text);
        _browser.Script(atBar, bar, "click");
        Assert.Equal("connect_mining_pool (6)", d.FindElement(By.CssSelector("#filter-rule option:checked")).Text);
        Assert.Equal("6 of 110 events", d.FindElement(By.Id("filter-status")).Text);
    }

    [Fact]
    public void TheHostilePageRunsNoScriptFromEventsAndShowsTheirTextAsText()
    {
        _browser.Open(_pages.Hostile);
        var d = _browser.Driver;
        Assert.Equal(HostileEvents.Title, d.Title);
        Assert.Null(_browser.Script("return window.pwned === undefined ? null : window.pwned"));
        Assert.Empty(d.FindElements(By.CssSelector("img, iframe, b, main svg:not(.timeline), main script, style:not(:first-of-type)")));
        Assert.Equal(1, _browser.Script<long>("return document.querySelectorAll('script').length - 2"));
        Assert.All(d.FindElements(By.CssSelector("[href]")), a => Assert.StartsWith("#", a.GetDomAttribute("href")));
        Assert.Empty(d.FindElements(By.CssSelector("[onerror], [onload]")));

        // Text shown as text, control characters as visible escapes.
        Assert.Equal(HostileEvents.Title, d.FindElement(By.TagName("h1")).Text);
        var rules = d.FindElements(By.CssSelector("#rules tbody td.rule")).Select(c => c.Text).ToList();
        Assert.Equal(new[] { HostileEvents.Rule }, rules);
        Assert.Contains(HostileEvents.Host + " 1 2", d.FindElements(By.CssSelector("#hosts tbody tr")).Select(r => r.Text));
        Assert.Equal("critical", d.FindElement(By.CssSelector("#rules tbody .sev")).Text);
        var node = d.FindElements(By.CssSelector("li.node.hit > .row")).First();
        Assert.Equal(HostileEvents.ProcessName, node.FindElement(By.CssSelector(".name")).Text);
        Assert.Equal("sh -c '\\x1b[31mred\\x1b[0m \\u202eevil\\r\\nfake line </style><style>*{display:none}</style>'", node.FindElement(By.CssSelector(".cmd")).Text);
        var cells = d.FindElements(By.CssSelector("#event-table tbody tr"))[0].FindElements(By.TagName("td")).Select(c => c.Text).ToList();
        Assert.Equal(HostileEvents.EventType, cells[3]);
        Assert.Equal(HostileEvents.FilePath, cells[5]);

        d.FindElements(By.CssSelector("#event-table tbody tr"))[0].Click();
        var json = d.FindElement(By.Id("event-json"));
        _browser.WaitFor(() => json.GetAttribute("data-state") == "indented", "the JSON to be unpacked");
        Assert.Contains("\"rule_id\": \"" + HostileEvents.Rule + "\"", json.Text); // as written in the file
        Assert.Contains("\\u202eevil", json.Text);  // the raw override character, shown as its escape (the same JSON value)
        Assert.DoesNotContain("\u202e", json.Text);
        Assert.Null(_browser.Script("return window.pwned === undefined ? null : window.pwned"));
        Assert.Equal(HostileEvents.Title, d.Title);
        AssertNoRequestAndNoViolation(_pages.Hostile);
    }

    private IWebElement HostTree(string fileName) =>
        _browser.Driver.FindElements(By.CssSelector("#tree-root .host-tree")).Single(t => t.FindElement(By.TagName("h3")).Text.Split(' ')[0].EndsWith(fileName, StringComparison.Ordinal));

    private void SelectOption(string selectId, string optionText)
    {
        var select = _browser.Driver.FindElement(By.Id(selectId));
        select.Click();
        select.FindElements(By.TagName("option")).Single(o => o.Text == optionText).Click();
    }

    private List<string> Rows() => _browser.Driver.FindElements(By.CssSelector("#event-table tbody tr")).Select(r => r.Text).ToList();

    /// <summary>The text of the record that starts at PATH:LINE in its file (a JSON line, or a whole pretty-printed document).</summary>
    private static string RecordAt(string pathAndLine)
    {
        int colon = pathAndLine.LastIndexOf(':');
        string path = pathAndLine.Substring(0, colon);
        int line = int.Parse(pathAndLine.Substring(colon + 1));
        var lines = File.ReadAllLines(path);
        if (path.EndsWith(".jsonl", StringComparison.Ordinal)) return lines[line - 1];
        return File.ReadAllText(path).TrimEnd('\n');
    }

    /// <summary>The page loaded itself and nothing else, and the browser reported no error (a blocked inline
    /// script, a refused style or a Trusted Types refusal would each be one).</summary>
    private void AssertNoRequestAndNoViolation(string page)
    {
        var urls = _browser.RequestedUrls();
        Assert.Equal(new[] { new Uri(page).AbsoluteUri }, urls.Distinct());
        Assert.Equal(0L, _browser.Script<long>("return performance.getEntriesByType('resource').length"));
        Assert.Empty(_browser.ConsoleMessages());
    }
}
