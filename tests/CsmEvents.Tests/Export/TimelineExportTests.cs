using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Conversion;
using CsmEvents.Export;
using CsmEvents.Model;
using CsmEvents.Tests.Cli;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Export;

/// <summary>The timeline exports (CSV and Timesketch JSON lines), read back by Python's csv and json modules.</summary>
public class TimelineExportTests
{
    private static readonly string[] Header =
    {
        "time_utc", "host", "platform", "rule_id", "event_type", "category", "outcome", "process_name", "pid", "ppid", "user", "command_line", "target", "source",
    };

    private static List<string> Convert(EventTextFormat format, params CsmEvent[] events)
    {
        var sink = new RecordingSink();
        var runner = new ConvertFromEventsRunner(format, indented: false, sink);
        runner.Begin();
        runner.Convert(events);
        Assert.Empty(sink.Errors);
        return sink.Emitted.Cast<string>().ToList();
    }

    private static CsmEvent[] Samples(string relative) => ReadSamples(RepoPaths.InRepo("samples", relative));

    private static CsmEvent[] ReadSamples(string path)
    {
        var sink = new RecordingSink();
        new GetEventsRunner(new GetEventsOptions(), sink).ReadPaths(new[] { path });
        return sink.Emitted.Cast<CsmEvent>().ToArray();
    }

    [Fact]
    public void CsvOfTheWindowsIncidentParsesWithPythonIntoTheDocumentedColumns()
    {
        var events = Samples("windows/incident-ws01.jsonl");
        var rows = IndependentParsers.Csv(string.Join("\r\n", Convert(EventTextFormat.Csv, events)) + "\r\n");
        Assert.Equal(Header, rows[0]);
        Assert.Equal(events.Length + 1, rows.Count);
        var reg = rows.Single(r => r[3] == "run_key_persistence");
        Assert.Equal("2025-06-03T08:48:07.1893317Z", reg[0]);
        Assert.Equal("", reg[1]); // no Datadog host for a file
        Assert.Equal(new[] { "windows", "run_key_persistence", "set_key_value", "File Activity", "", "reg.exe", "9036", "8164", "CORP\\alice" }, reg.Skip(2).Take(9));
        var evt = events.Single(e => e.RuleId == "run_key_persistence");
        Assert.Equal(evt.Process!.CommandLine, reg[11]); // quotes survive RFC 4180 quoting exactly
        Assert.Equal(evt.Target, reg[12]);
        Assert.Equal(evt.Source!.ToString(), reg[13]);
        Assert.All(rows.Skip(1), r => Assert.Equal(Header.Length, r.Count));
    }

    [Fact]
    public void CsvNeutralisesFormulasAndKeepsCommasQuotesAndLineBreaks()
    {
        var evt = CsmEvent.Parse("{\"agent\":{\"rule_id\":\"=HYPERLINK(\\\"http://x.example\\\")\",\"os\":\"windows\"},\"evt\":{\"name\":\"exec\"}," +
            "\"date\":\"2025-06-03T10:00:00+02:00\",\"process\":{\"pid\":7,\"cmdline\":\"-c \\\"a,b\\\"\\r\\nnext\",\"user\":\"@admin\"," +
            "\"executable\":{\"name\":\"+x.exe\"}},\"usr\":{\"name\":\"\\tTAB\"},\"registry\":{\"key_path\":\"\\rHKLM\"}}");
        var row = IndependentParsers.Csv(string.Join("\r\n", Convert(EventTextFormat.Csv, evt)) + "\r\n")[1];
        Assert.Equal("2025-06-03T08:00:00Z", row[0]); // converted to UTC
        Assert.Equal("'=HYPERLINK(\"http://x.example\")", row[3]);
        Assert.Equal("'+x.exe", row[7]);
        Assert.Equal("'@admin", row[10]);
        Assert.Equal("'-c \"a,b\"\r\nnext", row[11]);
        Assert.Equal("'\rHKLM", row[12]);
        Assert.False(CsvTimeline.StartsLikeFormula("cmd.exe =1"));
    }

    [Fact]
    public void TimesketchLinesOfTheSamplesParseWithPythonAndCarryTheRequiredFields()
    {
        var events = ReadSamples(RepoPaths.Samples + Path.DirectorySeparatorChar + "datadog")
            .Concat(Samples("windows/single-event.json")).ToArray();
        var lines = IndependentParsers.TimesketchLines(string.Join("\n", Convert(EventTextFormat.Timesketch, events)) + "\n");
        Assert.Equal(events.Length, lines.Count);
        for (int i = 0; i < events.Length; i++)
        {
            var line = lines[i];
            long micros = (events[i].Timestamp!.Value.UtcTicks - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks) / 10;
            Assert.Equal(micros, line.GetProperty("_epoch_us").GetInt64());
            Assert.Equal(micros, line.GetProperty("timestamp").GetInt64());
            Assert.Equal("Event Time", line.GetProperty("timestamp_desc").GetString());
            Assert.Equal(events[i].RuleId, line.GetProperty("rule_id").GetString());
            Assert.Equal(events[i].EventType, line.GetProperty("event_type").GetString());
            Assert.Equal(events[i].Process!.Pid, line.GetProperty("pid").GetInt64());
            Assert.Equal(events[i].Target, line.GetProperty("target").GetString());
        }
        var first = lines[0];
        Assert.Equal("web-01", first.GetProperty("host").GetString());
        Assert.Equal("2025-06-03T09:41:07.484120+00:00", first.GetProperty("datetime").GetString());
        Assert.Equal("2025-06-03T09:41:07.484120966Z", first.GetProperty("time_utc").GetString()); // the agent's nanoseconds
        Assert.StartsWith("shell_spawned_by_webserver: exec sh (24311) sh -c 'mkdir -p /tmp/.x && curl", first.GetProperty("message").GetString());
        Assert.Equal("run_key_persistence: set_key_value reg.exe (9036) HKEY_USERS\\S-1-5-21-2718281828-4590452353-602874713-1107\\Software\\Microsoft\\Windows\\CurrentVersion\\Run [OneDriveUpdate]",
            lines[^1].GetProperty("message").GetString());
        Assert.False(lines[^1].TryGetProperty("host", out _)); // attributes the event lacks are left out
    }

    [Fact]
    public void AnEventWithoutTimeIsATimesketchErrorAndTheNextIsWritten()
    {
        var sink = new RecordingSink();
        var runner = new ConvertFromEventsRunner(EventTextFormat.Timesketch, false, sink);
        var noTime = CsmEvent.Parse("{\"evt\":{\"name\":\"open\"}}", new EventSource("a.jsonl", 3));
        runner.Convert(noTime, CsmEvent.Parse("{\"evt\":{\"name\":\"open\"},\"date\":\"2025-06-03T09:41:07Z\"}"));
        Assert.Single(sink.Emitted);
        var error = Assert.Single(sink.Errors);
        Assert.Equal(ExportErrorIds.MissingTimestamp, error.ErrorId);
        Assert.Equal(CsmErrorCategory.InvalidData, error.Category);
        Assert.Equal("a.jsonl:3: " + TimesketchLine.MissingTimeReason, error.Message);
        Assert.Same(noTime, error.Target);
    }

    [Fact]
    public void IndentedAppliesToJsonOnly()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ConvertFromEventsRunner(EventTextFormat.Csv, indented: true, new RecordingSink()));
        Assert.Equal("-Indented applies to JSON only; Csv output is one line per event", ex.Message);
    }

    [Fact]
    public void CliCsvIsTheSameTableWithCrLfRecordEnds()
    {
        string file = RepoPaths.InRepo("samples", "windows", "events-array.json");
        var run = CliRun.Run(new[] { "get", file, "--format", "csv" });
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith(string.Join(",", Header) + "\r\n", run.Stdout);
        Assert.EndsWith("\r\n", run.Stdout);
        var expected = IndependentParsers.Csv(string.Join("\r\n", Convert(EventTextFormat.Csv, ReadSamples(file))) + "\r\n");
        Assert.Equal(expected, IndependentParsers.Csv(run.Stdout));
    }

    [Fact]
    public void CliTimesketchLinesAndTheirErrors()
    {
        var run = CliRun.Run(new[] { "get", "--format", "timesketch" }, "{\"evt\":{\"name\":\"open\"},\"date\":\"2025-06-03T09:41:07Z\"}\n{\"evt\":{\"name\":\"open\"}}\n");
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(IndependentParsers.TimesketchLines(run.Stdout));
        Assert.Equal("open", line.GetProperty("message").GetString());
        Assert.Equal("<stdin>:2: " + TimesketchLine.MissingTimeReason, Assert.Single(run.StderrLines));
        var usage = CliRun.Run(new[] { "get", "--format", "xml" });
        Assert.Equal(2, usage.ExitCode);
        Assert.Equal("csm-events get: option --format: 'xml' is not json, timesketch, csv or datadog-log", usage.StderrLines[0]);
    }
}
