using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using CsmEvents.Commands;
using CsmEvents.Drift;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Drift;

/// <summary>Test-CsmEvent -Summary / csm-events test --summary through the runner: totals, baseline, JUnit report.</summary>
public class SummaryRunTests
{
    private const string Valid = """{"agent":{"rule_id":"run_key","os":"windows","version":"7.61.0"},"title":"t","evt":{"name":"set_key_value","category":"File Activity"},"date":"2025-06-03T08:48:07Z","process":{"pid":9036}}""";
    private const string BadCategory = """{"agent":{"rule_id":"run_key","os":"windows","version":"7.61.0"},"title":"t","evt":{"name":"exec","category":5},"date":"2025-06-03T08:48:07Z"}""";
    private const string NewField = """{"agent":{"rule_id":"run_key","os":"windows","version":"7.62.0","original_rule_id":"x"},"title":"t","evt":{"name":"exec","category":"Process Activity"},"date":"2025-06-03T08:48:07Z"}""";
    private const string BadAncestors = """{"agent":{"rule_id":"r","os":"windows","version":"7.62.0"},"title":"t","process":{"pid":1,"ancestors":[{"pid":"2"},{"pid":"3"}]}}""";

    private static (RecordingSink Sink, CsmDriftSummary Summary, int ExitCode) Run(TestEventsOptions options, params string[] lines)
    {
        var sink = new RecordingSink();
        var runner = new TestEventsRunner(options, sink);
        using (var text = runner.BeginText("<pipeline>"))
        {
            foreach (string line in lines) text.Append(line);
            text.Complete();
        }
        int code = runner.Complete();
        return (sink, Assert.IsType<CsmDriftSummary>(Assert.Single(sink.Emitted)), code);
    }

    [Fact]
    public void ASummaryReplacesThePerEventResultsAndCountsEverything()
    {
        var (sink, summary, code) = Run(new TestEventsOptions { Summary = true }, Valid, BadCategory, BadCategory, BadAncestors, "{\"title\":", "{}", Valid);
        Assert.Equal((7L, 2L, 3L, 1L, 1L, 0L), (summary.EventsRead, summary.Valid, summary.Invalid, summary.NotValidated, summary.Unreadable, summary.InputErrors));
        Assert.Equal(new[] { "2 events: windows type /evt/category", "1 events: (none) schema (root)", "1 events: (unreadable) InvalidJson (root)", "1 events: windows type /process/ancestors/*/pid" },
            summary.Groups.Select(g => g.ToString()));
        Assert.Equal(new[] { "<pipeline>:5: invalid JSON: the record ends before its value is complete (truncated?)" }, sink.ErrorMessages);
        Assert.Equal(1, code);
        Assert.Equal(1, summary.ExitCode);
        Assert.True(summary.HasNewDrift);
        Assert.Equal(4, summary.NewGroups);
        Assert.Equal("7 events read, 3 invalid: 4 drift groups, 4 new", summary.ToString());
    }

    [Fact]
    public void TheTextShowsTotalsThenTheGroupsLargestFirstWithWhereTheyWereSeen()
    {
        var (_, summary, _) = Run(new TestEventsOptions { Summary = true }, Valid, BadCategory, NewField, BadCategory);
        Assert.Equal(
            "4 events read: 1 valid, 3 invalid, 0 not validated, 0 unreadable\n" +
            "2 drift groups\n" +
            "\n" +
            "EVENTS  SHARE  SCHEMA   KEYWORD               PATH\n" +
            "     2  50.0%  windows  type                  /evt/category\n" +
            "        agents 7.61.0; first <pipeline>:2; last line 4\n" +
            "        expected string, got integer 5; example 5\n" +
            "     1  25.0%  windows  additionalProperties  /agent/original_rule_id\n" +
            "        agents 7.62.0; first <pipeline>:3\n" +
            "        property \"original_rule_id\" is not allowed; example \"x\"\n",
            summary.ToText());
    }

    [Fact]
    public void TextFromEventsIsEscapedForTheTerminal()
    {
        string hostile = """{"agent":{"rule_id":"r","os":"windows","\u001b]0;owned\u0007":1},"title":"t"}""";
        var (_, summary, _) = Run(new TestEventsOptions { Summary = true }, hostile);
        Assert.Contains("/agent/\\x1b]0;owned\\x07", summary.ToText());
        Assert.DoesNotContain("\u001b", summary.ToText());
    }

    [Fact]
    public void WithoutProblemsTheRunPasses()
    {
        var (_, summary, code) = Run(new TestEventsOptions { Summary = true }, Valid, Valid);
        Assert.Equal(0, code);
        Assert.Empty(summary.Groups);
        Assert.Equal("2 events read: 2 valid, 0 invalid, 0 not validated, 0 unreadable\nno drift: every event read is valid\n", summary.ToText());
    }

    [Fact]
    public void ABaselineAcceptsKnownDriftAndFailsOnlyOnNewDrift()
    {
        using var folder = new TempFolder();
        string baseline = folder.File("drift.json");
        var update = Run(new TestEventsOptions { BaselinePath = baseline, UpdateBaseline = true }, BadCategory, NewField);
        Assert.Equal(0, update.ExitCode);
        Assert.True(update.Summary.BaselineUpdated);
        Assert.All(update.Summary.Groups, g => Assert.True(g.Known));
        Assert.EndsWith("baseline written: " + baseline + "\n", update.Summary.ToText());

        var same = Run(new TestEventsOptions { BaselinePath = baseline }, NewField, BadCategory, BadCategory);
        Assert.Equal(0, same.ExitCode);
        Assert.False(same.Summary.HasNewDrift);
        Assert.Contains("2 drift groups, 0 new (baseline " + baseline + ")\n", same.Summary.ToText());

        var worse = Run(new TestEventsOptions { BaselinePath = baseline }, BadCategory, BadAncestors);
        Assert.Equal(1, worse.ExitCode);
        Assert.True(worse.Summary.HasNewDrift);
        Assert.Equal(new[] { ("/evt/category", true), ("/process/ancestors/*/pid", false) }, worse.Summary.Groups.Select(g => (g.Path, g.Known)));
        Assert.Contains("     1  50.0%  new       windows  type     /process/ancestors/*/pid\n", worse.Summary.ToText());
    }

    [Fact]
    public void TheBaselineFileIsReadableSortedAndTheSameOnEveryRun()
    {
        using var folder = new TempFolder();
        string first = folder.File("a.json"), second = folder.File("b.json");
        Run(new TestEventsOptions { BaselinePath = first, UpdateBaseline = true }, NewField, BadCategory, BadAncestors);
        Run(new TestEventsOptions { BaselinePath = second, UpdateBaseline = true }, BadAncestors, BadAncestors, BadCategory, NewField, Valid);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        using var document = JsonDocument.Parse(File.ReadAllBytes(first));
        Assert.Equal(new[] { "windows additionalProperties /agent/original_rule_id", "windows type /evt/category", "windows type /process/ancestors/*/pid" },
            document.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("schema").GetString() + " " + g.GetProperty("keyword").GetString() + " " + g.GetProperty("path").GetString()));
        string text = File.ReadAllText(first);
        Assert.StartsWith("{\n  \"about\": \"Known drift accepted by csm-events test --baseline", text);
        Assert.EndsWith("  ]\n}\n", text);
        Assert.DoesNotContain("\r", text);
    }

    [Fact]
    public void AMissingOrBrokenBaselineStopsTheRunBeforeAnyEventIsRead()
    {
        using var folder = new TempFolder();
        var missing = Assert.Throws<BaselineLoadException>(() => new TestEventsRunner(new TestEventsOptions { BaselinePath = folder.File("none.json") }, new RecordingSink()));
        Assert.Equal(folder.File("none.json") + ": baseline file not found; create it with --update-baseline (Test-CsmEvent -UpdateBaseline)", missing.Message);
        File.WriteAllText(folder.File("bad.json"), "{\"groups\":[{\"schema\":\"windows\"}]}");
        var bad = Assert.Throws<BaselineLoadException>(() => new TestEventsRunner(new TestEventsOptions { BaselinePath = folder.File("bad.json") }, new RecordingSink()));
        Assert.Equal(folder.File("bad.json") + ": groups[0] needs the strings \"schema\", \"keyword\" and \"path\"", bad.Message);
        File.WriteAllText(folder.File("notjson.json"), "groups:");
        Assert.StartsWith(folder.File("notjson.json") + ": not valid JSON: ", Assert.Throws<BaselineLoadException>(() => new TestEventsRunner(new TestEventsOptions { BaselinePath = folder.File("notjson.json") }, new RecordingSink())).Message);
        // Rewriting a broken baseline is allowed: its content does not matter then.
        Assert.Equal(0, Run(new TestEventsOptions { BaselinePath = folder.File("bad.json"), UpdateBaseline = true }, BadCategory).ExitCode);
    }

    [Fact]
    public void OptionsThatContradictEachOtherAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new TestEventsRunner(new TestEventsOptions { UpdateBaseline = true }, new RecordingSink()));
        Assert.Throws<ArgumentException>(() => new TestEventsRunner(new TestEventsOptions { Detailed = true, JUnitPath = "r.xml" }, new RecordingSink()));
    }

    [Fact]
    public void AFailedInputFailsTheRunEvenWhenTheBaselineKnowsEveryGroup()
    {
        using var folder = new TempFolder();
        string baseline = folder.File("drift.json");
        Run(new TestEventsOptions { BaselinePath = baseline, UpdateBaseline = true }, BadCategory);
        File.WriteAllText(folder.File("events.jsonl"), BadCategory + "\n");
        var sink = new RecordingSink();
        var runner = new TestEventsRunner(new TestEventsOptions { BaselinePath = baseline, JUnitPath = folder.File("report.xml") }, sink);
        runner.ReadPaths(new[] { folder.File("events.jsonl"), folder.File("gone.jsonl") });
        Assert.Equal(1, runner.Complete());
        Assert.Equal(1, runner.Summary!.InputErrors);
        Assert.False(runner.Summary.HasNewDrift);
        Assert.Contains("1 input(s) could not be read completely (see the errors)\n", runner.Summary.ToText());
        var inputs = XDocument.Load(folder.File("report.xml")).Descendants("testsuite").Single(s => (string?)s.Attribute("name") == "inputs");
        Assert.Equal("1", (string?)inputs.Attribute("failures"));
        // Nothing readable at all is exit code 2.
        var none = new TestEventsRunner(new TestEventsOptions { Summary = true }, new RecordingSink());
        none.ReadPaths(new[] { folder.File("gone.jsonl") });
        Assert.Equal(2, none.Complete());
    }

    [Fact]
    public void TheJUnitReportHasASuitePerSchemaAndACasePerGroupFailedUnlessKnown()
    {
        using var folder = new TempFolder();
        string baseline = folder.File("drift.json"), report = folder.File("reports", "junit.xml");
        Run(new TestEventsOptions { BaselinePath = baseline, UpdateBaseline = true }, BadCategory);
        string hostile = """{"agent":{"rule_id":"r","os":"windows","version":"7.62.0","bad\u0001name":1},"title":"t"}""";
        var (_, summary, code) = Run(new TestEventsOptions { BaselinePath = baseline, JUnitPath = report }, BadCategory, BadCategory, hostile, "{}", Valid, "[1]");
        Assert.Equal(1, code);
        Assert.Equal(report, summary.JUnitPath);

        // A real XML parser reads it (control characters from events are written as escapes).
        var xml = XDocument.Load(report);
        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(("5", "3"), ((string?)root.Attribute("tests"), (string?)root.Attribute("failures")));
        Assert.Equal(new[] { "(none)", "(unreadable)", "windows", "inputs" }, root.Elements("testsuite").Select(s => (string?)s.Attribute("name")));
        var windows = root.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "windows");
        Assert.Equal(("2", "1"), ((string?)windows.Attribute("tests"), (string?)windows.Attribute("failures")));
        Assert.Equal("4", windows.Element("properties")!.Elements("property").Single(p => (string?)p.Attribute("name") == "events").Attribute("value")!.Value);
        var known = windows.Elements("testcase").Single(c => (string?)c.Attribute("name") == "type /evt/category");
        Assert.Null(known.Element("failure"));
        Assert.StartsWith("known drift (baseline): 2 of 6 events (33.3%)\n", known.Element("system-out")!.Value);
        var added = windows.Elements("testcase").Single(c => ((string?)c.Attribute("name"))!.StartsWith("additionalProperties /agent/bad"));
        Assert.Equal("additionalProperties /agent/bad\\u0001name", (string?)added.Attribute("name"));
        var failure = added.Element("failure")!;
        Assert.Equal("additionalProperties", (string?)failure.Attribute("type"));
        Assert.Equal("new drift: 1 of 6 events (16.7%): property \"bad\\u0001name\" is not allowed", (string?)failure.Attribute("message"));
        Assert.Contains("first: <pipeline>:3", failure.Value);
        Assert.Equal("windows", (string?)added.Attribute("classname"));
        var inputs = root.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "inputs");
        Assert.Equal("0", (string?)inputs.Attribute("failures"));
    }

    [Fact]
    public void AReportThatCannotBeWrittenIsAnErrorAndExitCodeTwoButTheSummaryIsStillShown()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("file"), "");
        var (sink, summary, code) = Run(new TestEventsOptions { JUnitPath = folder.File("file", "report.xml") }, Valid);
        Assert.Equal(2, code);
        Assert.Equal(2, summary.ExitCode);
        var error = Assert.Single(sink.Errors);
        Assert.Equal(DriftErrorIds.ReportWriteFailed, error.ErrorId);
        Assert.Equal(CsmErrorCategory.WriteError, error.Category);
        Assert.StartsWith(folder.File("file", "report.xml") + ": cannot write the JUnit report: ", error.Message);
    }

    [Fact]
    public void TheJsonFormHasTheTotalsAndEveryGroup()
    {
        var (_, summary, _) = Run(new TestEventsOptions { Summary = true }, Valid, BadCategory);
        using var json = JsonDocument.Parse(DriftSummaryJson.Write(summary));
        var root = json.RootElement;
        Assert.Equal((2, 1, 1, 1), (root.GetProperty("eventsRead").GetInt32(), root.GetProperty("valid").GetInt32(), root.GetProperty("invalid").GetInt32(), root.GetProperty("exitCode").GetInt32()));
        var group = root.GetProperty("groups")[0];
        Assert.Equal(("windows", "type", "/evt/category", 1, 0.5, false), (group.GetProperty("schema").GetString(), group.GetProperty("keyword").GetString(), group.GetProperty("path").GetString(),
            group.GetProperty("events").GetInt32(), group.GetProperty("share").GetDouble(), group.GetProperty("known").GetBoolean()));
        Assert.Equal("7.61.0", group.GetProperty("agentVersions")[0].GetString());
        Assert.Equal("<pipeline>:2", group.GetProperty("firstSource").GetString());
        Assert.Equal("5", group.GetProperty("example").GetString());
    }

    [Theory]
    [InlineData("/var/log/a.jsonl:2", "/var/log/a.jsonl:40", "line 40")]
    [InlineData("/var/log/a.jsonl:2", "/var/log/b.jsonl:40", "/var/log/b.jsonl:40")]
    [InlineData("log AAAAAYz1", "log AAAAAYz2", "log AAAAAYz2")]
    [InlineData("C:\\events\\a.jsonl:2", "C:\\events\\a.jsonl:3", "line 3")]
    [InlineData("/a.jsonl:2", "/a.jsonl:x3", "/a.jsonl:x3")]
    public void TheLastPlaceInTheFirstPlacesFileIsItsLine(string first, string last, string expected) =>
        Assert.Equal(expected, CsmEvents.Drift.DriftSummaryText.LastSource(first, last));
}
