using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using CsmEvents.Cli;
using CsmEvents.Tests.Cli;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Hostile;

/// <summary>Issue 12 items 13 and 14, issue 10 §2.2: exit codes as README says; Ctrl+C stops at a record boundary;
/// a file without JSON is one error.</summary>
public class ExitCodeAndCancelTests
{
    private const string Event = "{\"agent\":{\"rule_id\":\"r\"}}\n";

    [LinuxFact]
    public void OneUnreadableFileWhenNothingElseIsReadableIsExitCode2()
    {
        using var t = new TempFolder();
        string file = t.File("secret.jsonl", Event);
        TempFolder.Chmod(file, "000");
        var run = CliProcess.Run(new[] { "get", file }, withoutRootPowers: true);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(new[] { file + ": cannot open the file: Access to the path '" + file + "' is denied." }, run.StderrLines);
        var test = CliProcess.Run(new[] { "test", file }, withoutRootPowers: true);
        Assert.Equal(2, test.ExitCode);
        // With a readable file beside it, the run read something: exit 1.
        string ok = t.File("ok.jsonl", Event);
        Assert.Equal(1, CliProcess.Run(new[] { "get", file, ok }, withoutRootPowers: true).ExitCode);
    }

    [LinuxFact]
    public void ADanglingLinkAloneIsExitCode2()
    {
        using var t = new TempFolder();
        string link = Path.Combine(t.Path, "gone.jsonl");
        Shell.Run("ln", "-s", Path.Combine(t.Path, "missing.jsonl"), link);
        var run = CliRun.Run(new[] { "get", link });
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(new[] { link + ": file not found" }, run.StderrLines);
    }

    [Fact]
    public void AFileWithoutJsonIsOneErrorNamingIt()
    {
        string readme = Path.Combine(RepoPaths.Samples, "README.md");
        var run = CliRun.Run(new[] { "get", readme });
        Assert.Equal(1, run.ExitCode);
        string first = File.ReadAllText(readme).Substring(0, 32).Replace("\n", "\\n");
        Assert.Equal(new[] { readme + ":1: not JSON events: the input begins with \"" + first + "...\" and none of its lines begins with '{' or '[', so it was not read" }, run.StderrLines);
        var test = CliRun.Run(new[] { "test", readme });
        Assert.Equal(run.StderrLines, test.StderrLines);
    }

    [Fact]
    public void BinaryInputIsOneErrorAndIsNotReadOn()
    {
        var zeros = new byte[1 << 20];
        var h = Reading.ReadHarness.ReadBytes(zeros, "zero.bin");
        Assert.Equal(new[] { "zero.bin:1: not JSON events: the input begins with \"" + string.Concat(Enumerable.Repeat("\\x00", 32)) + "...\" and holds NUL bytes (binary data), so it was not read" }, h.ErrorMessages);
    }

    [Fact]
    public void JsonLinesWithABadFirstLineAreStillRead()
    {
        var h = Reading.ReadHarness.ReadText("garbage first line\n" + Event + Event);
        Assert.Equal(2, h.Events.Count);
        Assert.Equal(new[] { "input.jsonl:1: invalid JSON at column 1: 'g' is an invalid start of a value" }, h.ErrorMessages);
    }

    [Fact]
    public void CtrlCDuringGetStopsAtARecordBoundary()
    {
        var input = new StringBuilder();
        for (int i = 0; i < 20000; i++) input.Append("{\"agent\":{\"rule_id\":\"r" + i + "\"},\"pad\":\"" + new string('p', 200 + i % 97) + "\"}\n");
        foreach (var args in new[] { new[] { "get" }, new[] { "get", "-" } })
        {
            using var cancel = new CancellationTokenSource();
            // Standard output cancels (as Ctrl+C would) once a few writes have gone out, mid-line most likely.
            var stdout = new CancelAfterWrites(cancel, writes: 3);
            var stderr = new StringWriter();
            int code = CliApp.Run(args, new MemoryStream(Encoding.UTF8.GetBytes(input.ToString())), stdout, stderr, cancel.Token);
            Assert.Equal(130, code);
            string written = Encoding.UTF8.GetString(stdout.ToArray());
            Assert.NotEqual("", written);
            Assert.EndsWith("\n", written);
            foreach (string line in written.Split('\n', StringSplitOptions.RemoveEmptyEntries)) JsonDocument.Parse(line).Dispose();
        }
    }

    [Fact]
    public void CtrlCDuringGetOnFilesStopsAtARecordBoundary()
    {
        using var t = new TempFolder();
        var input = new StringBuilder();
        for (int i = 0; i < 40000; i++) input.Append("{\"agent\":{\"rule_id\":\"r" + i + "\"},\"pad\":\"" + new string('p', 200 + i % 97) + "\"}\n");
        string file = t.File("big.jsonl", input.ToString());
        using var cancel = new CancellationTokenSource();
        var stdout = new CancelAfterWrites(cancel, writes: 2);
        int code = CliApp.Run(new[] { "get", file }, new MemoryStream(), stdout, new StringWriter(), cancel.Token);
        Assert.Equal(130, code);
        string written = Encoding.UTF8.GetString(stdout.ToArray());
        Assert.EndsWith("\n", written);
        foreach (string line in written.Split('\n', StringSplitOptions.RemoveEmptyEntries)) JsonDocument.Parse(line).Dispose();
    }

    /// <summary>Standard output that presses Ctrl+C after some writes.</summary>
    private sealed class CancelAfterWrites : MemoryStream
    {
        private readonly CancellationTokenSource _cancel;
        private int _writes;

        public CancelAfterWrites(CancellationTokenSource cancel, int writes)
        {
            _cancel = cancel;
            _writes = writes;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            base.Write(buffer, offset, count);
            if (--_writes == 0) _cancel.Cancel();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            base.Write(buffer);
            if (--_writes == 0) _cancel.Cancel();
        }
    }
}
