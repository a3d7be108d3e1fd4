using System;
using System.IO;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Conversion;
using CsmEvents.Datadog;
using CsmEvents.Model;
using CsmEvents.Tests.Cli;
using CsmEvents.Tests.Datadog;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Commands;

/// <summary>
/// What -Verbose (and <c>--verbose</c>) says (issue 10 §2.8): the folders and files read, per file the records and
/// the bad ones (and, for validation, the schemas chosen and the verdicts), the totals of the command, and the
/// Datadog pages fetched. The lines are asserted exactly: they are what a user reads.
/// </summary>
public sealed class VerboseReportTests : IDisposable
{
    private const string Windows = """{"agent":{"rule_id":"w","os":"windows"},"title":"t","evt":{"name":"exec"},"date":"2025-06-03T08:48:07Z","process":{"pid":4,"executable":{"name":"a.exe","path":"C:\\a.exe"}}}""";
    private const string Legacy = """{"evt":{"name":"open","category":"File Activity"},"process":{"pid":5,"comm":"cat"},"date":"2025-06-03T08:48:07Z"}""";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "csm-verbose-" + Guid.NewGuid().ToString("N"));
    private readonly string _file;

    public VerboseReportTests()
    {
        Directory.CreateDirectory(_dir);
        _file = Path.Combine(_dir, "e.jsonl");
        File.WriteAllText(_file, Windows + "\n{bad\n" + Legacy + "\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private long Size => new FileInfo(_file).Length;

    [Fact]
    public void ReadingNamesFoldersAndFilesAndCountsRecordsPerFileAndInAll()
    {
        var sink = new RecordingSink();
        var runner = new GetEventsRunner(new GetEventsOptions(), sink);
        runner.ReadPaths(new[] { _dir, _file });
        runner.ReportTotals();
        Assert.Equal(new[]
        {
            "Folder " + _dir + ": 1 event file.",
            "Reading " + _file + " (" + Size + " bytes).",
            _file + ": 3 records read, 1 bad.",
            _file + ": already read by this command; not read again.",
            "Done: 1 file read, 3 records, 1 bad, 2 events written.",
        }, sink.VerboseMessages);
    }

    [Fact]
    public void PipelineTextIsCountedWhenItEnds()
    {
        var sink = new RecordingSink();
        var runner = new GetEventsRunner(new GetEventsOptions(), sink);
        var text = runner.BeginText("<pipeline>");
        text.Append(Windows);
        text.Append("{bad");
        text.Complete();
        runner.ReportTotals();
        Assert.Equal(new[] { "<pipeline>: 2 records read, 1 bad.", "Done: 2 records, 1 bad, 1 event written." }, sink.VerboseMessages);
    }

    [Fact]
    public void ValidationNamesTheSchemaChoiceAndTheSchemasUsedPerFile()
    {
        var sink = new RecordingSink();
        var runner = new TestEventsRunner(new TestEventsOptions(), sink);
        runner.ReadPaths(new[] { _file });
        runner.ReportTotals();
        Assert.Equal(new[]
        {
            "Schema: auto, chosen per event (windows for Windows events, linux or base for old-format events, the cached Datadog schema of the agent version for current Linux events).",
            "Reading " + _file + " (" + Size + " bytes).",
            _file + ": 3 records read, 1 bad; schema windows 1, linux 1; 1 valid, 1 invalid, 0 not validated.",
            "Done: 1 file read, 3 records, 1 bad, 1 valid, 1 invalid, 0 not validated.",
        }, sink.VerboseMessages);
    }

    [Fact]
    public void AFixedSchemaIsNamedOnce()
    {
        var sink = new RecordingSink();
        _ = new TestEventsRunner(new TestEventsOptions { SchemaName = "windows", IgnoreAdditionalProperties = true }, sink);
        Assert.Equal(new[] { "Schema: windows, for every event; fields the schema does not list are not reported." }, sink.VerboseMessages);
    }

    [Fact]
    public void TheTreeCountsRecordsEventsAndProcesses()
    {
        var sink = new RecordingSink();
        var runner = new TreeCommandRunner(new TreeCommandOptions(), sink);
        runner.Reader.ReadPaths(new[] { _file });
        runner.Complete();
        Assert.Equal("Done: 1 file read, 3 records, 1 bad; 2 events in the tree, 2 processes merged.", sink.VerboseMessages.Last());
    }

    [Fact]
    public void ConversionsCountWhatTheyConverted()
    {
        var sink = new RecordingSink();
        using (var to = new ConvertToEventsRunner(sink))
        {
            to.Add(Windows);
            to.Add(CsmEvent.Parse(Legacy));
            to.Add(42);
            to.Complete();
        }
        Assert.Equal(new[] { "<pipeline>: 1 record read, 0 bad.", "Done: 3 inputs converted to 2 events (1 already events), 1 error." }, sink.VerboseMessages);

        var from = new RecordingSink();
        var runner = new ConvertFromEventsRunner(false, from);
        runner.Convert(CsmEvent.Parse(Windows));
        runner.Complete();
        Assert.Equal(new[] { "Done: 1 event written as JSON, 0 events could not be written." }, from.VerboseMessages);
    }

    [Fact]
    public void SchemaListingNamesTheSchemas()
    {
        var sink = new RecordingSink();
        GetSchemasRunner.Run(new[] { "w*" }, sink);
        Assert.Equal(new[] { "Embedded and cached schemas matching w*: windows." }, sink.VerboseMessages);
    }

    [Fact]
    public void DatadogPagesAreNamedAsTheyAreFetched()
    {
        using var server = new LoopbackServer(
            ScriptedResponse.Ok(DatadogResponses.Page(new[] { "a" }, "c1", "r1")),
            ScriptedResponse.Ok(DatadogResponses.Page(new[] { "b" }, null, "r2")));
        using var client = new DatadogLogsClient(new DatadogCredentials(ClientHarness.ApiKey, ClientHarness.AppKey), new DatadogClientOptions { ApiUrl = server.BaseUrl, Environment = _ => null });
        var sink = new RecordingSink();
        var runner = new GetEventsRunner(new GetEventsOptions(), sink);
        runner.ReadDatadog(client, new DatadogSearchOptions { Query = "x" });
        runner.ReportTotals();
        Assert.Contains("Page 1: 1 events, request id r1, more pages follow.", sink.VerboseMessages);
        Assert.Contains("Page 2: 1 events, request id r2, last page.", sink.VerboseMessages);
        Assert.Equal("Done: 2 records, 0 bad, 2 events written.", sink.VerboseMessages.Last());
    }

    [Fact]
    public void CliVerboseWritesTheSameLinesToStandardError()
    {
        var run = CliRun.Run(new[] { "get", _file, _file, "--verbose" });
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.StdoutLines.Length);
        Assert.Equal(new[]
        {
            "verbose: Reading " + _file + " (" + Size + " bytes).",
            _file + ":2: invalid JSON at column 2: 'b' is an invalid start of a property name. Expected a '\"'",
            "verbose: " + _file + ": 3 records read, 1 bad.",
            "verbose: " + _file + ": already read by this command; not read again.",
            "verbose: Done: 1 file read, 3 records, 1 bad, 2 events written.",
        }, run.StderrLines);

        var test = CliRun.Run(new[] { "test", _file, "--verbose" });
        Assert.Contains("verbose: " + _file + ": 3 records read, 1 bad; schema windows 1, linux 1; 1 valid, 1 invalid, 0 not validated.", test.StderrLines);
        Assert.Equal("verbose: Done: 1 file read, 3 records, 1 bad, 1 valid, 1 invalid, 0 not validated.", test.StderrLines.Last());
    }
}
