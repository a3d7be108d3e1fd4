using System;
using System.Collections.Generic;
using System.IO;
using CsmEvents.Tests.Datadog;
using CsmEvents.Tests.Report;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Cli;

/// <summary>`csm-events report`: inputs, output file or standard output, usage errors and exit codes.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "csmevents-cli-report-" + Guid.NewGuid().ToString("N"));

    public ReportCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WritesThePageToTheOutputFileAndReplacesAnOldOne()
    {
        string page = Path.Combine(_folder, "report.html");
        File.WriteAllText(page, "old");
        var run = CliRun.Run(new[] { "report", RepoPaths.InRepo("samples", "windows"), "--recurse", "-o", page, "--title", "ws-01 & co" });
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("", run.Stderr);
        string html = File.ReadAllText(page);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html);
        Assert.Contains("<title>ws-01 &amp; co</title>", html);
        Assert.Contains("<p class=\"meta\">29 events from 3 inputs, 3 hosts.", html);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void WithoutOutputThePageGoesToStandardOutputAndStandardInputIsRead()
    {
        string line = File.ReadAllLines(RepoPaths.InRepo("samples", "linux", "incident-web01.jsonl"))[0];
        var run = CliRun.Run(new[] { "report" }, line + "\n{bad\n");
        Assert.Equal(1, run.ExitCode); // one bad record: listed in the page and on standard error
        Assert.StartsWith("<!DOCTYPE html>", run.Stdout);
        Assert.Contains("<li>&lt;stdin&gt;:2: invalid JSON", run.Stdout);
        Assert.Equal(line, Assert.Single(new PageParts(run.Stdout).EventJson()));
        Assert.StartsWith("<stdin>:2: invalid JSON", Assert.Single(run.StderrLines));
    }

    [Fact]
    public void ValidatesWhenAsked()
    {
        var run = CliRun.Run(new[] { "report", RepoPaths.InRepo("samples", "windows", "single-event.json"), "--validate", "--schema", "windows" });
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("<p>Schema: <code>windows</code>. 1 valid, 0 invalid.</p>", run.Stdout);
    }

    [Fact]
    public void ReadsTheDatadogApiWithQuery()
    {
        string log = "{\"id\":\"A1\",\"type\":\"log\",\"attributes\":{\"attributes\":{\"agent\":{\"rule_id\":\"r\",\"os\":\"linux\"},\"evt\":{\"name\":\"exec\"}," +
            "\"date\":\"2024-05-01T12:00:00Z\",\"process\":{\"pid\":4242,\"ppid\":100,\"comm\":\"id\"}},\"host\":\"web-1\",\"service\":\"runtime-security-agent\"," +
            "\"status\":\"error\",\"timestamp\":\"2024-05-01T12:00:00.000Z\"}}";
        using var server = new LoopbackServer(ScriptedResponse.Ok("{\"data\":[" + log + "],\"meta\":{\"page\":{},\"status\":\"done\"}}"));
        var keys = new Dictionary<string, string> { ["DD_API_KEY"] = "api-key-0123456789abcdef", ["DD_APP_KEY"] = "app-key-fedcba9876543210" };
        var run = CliRun.Run(new[] { "report", "--query", "@evt.name:exec", "--api-url", server.BaseUrl }, environment: keys);
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("<p class=\"meta\">1 event from 1 input, 1 host.", run.Stdout);
        Assert.Contains("<tr><td>web-1</td><td class=\"num\">1</td><td class=\"num\">1</td></tr>", run.Stdout);
        Assert.Contains("<span class=\"sev sev-4\">high</span></td><td class=\"rule\">r</td>", run.Stdout);
        Assert.Equal("source:runtime-security-agent (@evt.name:exec)", server.Requests[0].Json.GetProperty("filter").GetProperty("query").GetString());
    }

    [Theory]
    [InlineData(new[] { "report", "--schema", "windows" }, "csm-events report: --schema and --ignore-additional-properties need --validate")]
    [InlineData(new[] { "report", "--validate", "--schema", "nope" }, "csm-events report: unusable schema: ")]
    [InlineData(new[] { "report", "--output" }, "csm-events report: option --output needs a value")]
    [InlineData(new[] { "report", "--bogus" }, "csm-events report: unknown option --bogus")]
    public void UsageErrorsExitWithTwo(string[] args, string message)
    {
        var run = CliRun.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(message, run.StderrLines[0]);
    }

    [Fact]
    public void AMissingOutputFolderOrInputIsReportedBeforeAnythingIsWritten()
    {
        string page = Path.Combine(_folder, "no", "report.html");
        var run = CliRun.Run(new[] { "report", RepoPaths.Samples, "-o", page });
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("csm-events report: " + page + ": the folder " + Path.GetDirectoryName(page) + " does not exist", run.StderrLines[0]);
        var missing = CliRun.Run(new[] { "report", Path.Combine(_folder, "none.jsonl"), "-o", Path.Combine(_folder, "r.html") });
        Assert.Equal(2, missing.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder, "r.html")));
    }

    [Fact]
    public void HelpAndUsageNameTheCommand()
    {
        var help = CliRun.Run(new[] { "report", "--help" });
        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("usage: csm-events report [PATH ...] [--recurse] [-o|--output FILE]", help.Stdout);
        Assert.Contains("  report   write one self-contained HTML incident report", CliRun.Run(new[] { "help" }).Stdout);
    }
}
