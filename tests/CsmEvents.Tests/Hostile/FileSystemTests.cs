using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsmEvents.Commands;
using EventSource = CsmEvents.Model.EventSource;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Hostile;

/// <summary>Issue 12 items 3, 5 and 13 (folders): symbolic-link loops, FIFOs and devices, unreadable subfolders,
/// folders without event files.</summary>
public class FileSystemTests
{
    private const string Event = "{\"agent\":{\"rule_id\":\"r\"}}\n";

    private static (RecordingSink Sink, ReadStatistics Stats) Read(string path, bool recurse = true)
    {
        var sink = new RecordingSink();
        var runner = new GetEventsRunner(new GetEventsOptions { Recurse = recurse }, sink);
        runner.ReadPaths(new[] { path });
        return (sink, runner.Statistics);
    }

    [LinuxFact]
    public void SymbolicLinkLoopsAreNamedAndEveryFileIsReadOnce()
    {
        using var t = new TempFolder();
        t.File("a/b/e.jsonl", Event);
        Shell.Run("ln", "-s", "../..", Path.Combine(t.Path, "a/b/up"));        // loop 1: back to the root
        Shell.Run("ln", "-s", "..", Path.Combine(t.Path, "a/b/parent"));       // loop 2: back to a
        Shell.Run("ln", "-s", "b/e.jsonl", Path.Combine(t.Path, "a/same.jsonl")); // a second path to the same file
        var (sink, _) = TimeBounded(() => Read(t.Path));
        Assert.Single(sink.Emitted);
        Assert.Equal(new[]
        {
            Path.Combine(t.Path, "a/b/parent") + ": folder loop: this link leads back to " + Path.Combine(t.Path, "a") + ", which is already being read; not read again",
            Path.Combine(t.Path, "a/b/up") + ": folder loop: this link leads back to " + t.Path + ", which is already being read; not read again",
        }, sink.Warnings);
        Assert.Contains(Path.Combine(t.Path, "a/same.jsonl") + ": the same file as " + Path.Combine(t.Path, "a/b/e.jsonl") + ", read once", sink.VerboseMessages);
        Assert.Single(sink.VerboseMessages, m => m.StartsWith("Reading ", StringComparison.Ordinal));
        Assert.Empty(sink.Errors);
    }

    [LinuxFact]
    public void AFolderLinkOutsideTheTreeIsStillRead()
    {
        using var t = new TempFolder();
        t.File("outside/o.jsonl", Event);
        t.File("tree/t.jsonl", Event);
        Shell.Run("ln", "-s", Path.Combine(t.Path, "outside"), Path.Combine(t.Path, "tree/linked"));
        var (sink, _) = Read(Path.Combine(t.Path, "tree"));
        Assert.Equal(2, sink.Emitted.Count);
        Assert.Empty(sink.Warnings);
    }

    [LinuxFact]
    public void FifosAndDevicesFoundInFoldersAreSkippedWithAWarning()
    {
        using var t = new TempFolder();
        t.File("ok.jsonl", Event);
        Shell.Run("mkfifo", Path.Combine(t.Path, "pipe.jsonl"));
        Shell.Run("ln", "-s", "/dev/zero", Path.Combine(t.Path, "zero.log"));
        var (sink, _) = TimeBounded(() => Read(t.Path, recurse: false));
        Assert.Single(sink.Emitted);
        Assert.Equal(new[]
        {
            Path.Combine(t.Path, "pipe.jsonl") + ": a FIFO (named pipe), not a regular file; skipped (give its path to read it)",
            Path.Combine(t.Path, "zero.log") + ": a character device, not a regular file; skipped (give its path to read it)",
        }, sink.Warnings);
    }

    [LinuxFact]
    public void ANamedFifoIsRead()
    {
        using var t = new TempFolder();
        string fifo = Path.Combine(t.Path, "pipe.jsonl");
        Shell.Run("mkfifo", fifo);
        var writer = new Thread(() => File.WriteAllText(fifo, Event + Event)) { IsBackground = true };
        writer.Start();
        var (sink, stats) = TimeBounded(() => Read(fifo));
        writer.Join(TimeSpan.FromSeconds(10));
        Assert.Equal(2, sink.Emitted.Count);
        Assert.Equal(1, stats.InputsRead);
    }

    [LinuxFact]
    public void CancellationStopsAFifoWithoutWriterAndADeviceThatNeverAnswers()
    {
        using var t = new TempFolder();
        string fifo = Path.Combine(t.Path, "nobody.jsonl");
        Shell.Run("mkfifo", fifo);
        foreach (string path in new[] { fifo, "/dev/ptmx" })
        {
            var sink = new RecordingSink();
            var runner = new GetEventsRunner(new GetEventsOptions(), sink);
            var reading = Task.Factory.StartNew(() => runner.ReadPaths(new[] { path }), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            Thread.Sleep(300);
            Assert.False(reading.IsCompleted, path + " should block until cancelled");
            var clock = Stopwatch.StartNew();
            sink.Cancel();
            var ex = Assert.Throws<AggregateException>(() => reading.Wait(TimeSpan.FromSeconds(5)));
            Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
            Assert.InRange(clock.ElapsedMilliseconds, 0, 2000);
        }
    }

    [LinuxFact]
    public void CtrlCStopsTheCliOnAFifoWithoutWriter()
    {
        using var t = new TempFolder();
        string fifo = Path.Combine(t.Path, "nobody.jsonl");
        Shell.Run("mkfifo", fifo);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(CliProcess.CliDll);
        info.ArgumentList.Add("get");
        info.ArgumentList.Add(fifo);
        using var process = Process.Start(info)!;
        // Blocked in open(), so past start-up (where a SIGINT would end the runtime before the CLI handles it),
        // however slowly a busy machine starts it.
        Assert.True(WaitUntilAThreadWaitsForAFifoPartner(process, TimeSpan.FromSeconds(60)), "csm-events never blocked in opening the FIFO");
        Assert.False(process.HasExited);
        Shell.Run("kill", "-INT", process.Id.ToString());
        Assert.True(process.WaitForExit(5000), "csm-events did not stop on SIGINT");
        Assert.Equal(130, process.ExitCode);
        Assert.Equal("csm-events: cancelled", process.StandardError.ReadToEnd().Trim());
    }

    /// <summary>Whether one of the process's threads sleeps in the kernel's wait for the other end of a FIFO
    /// (/proc/PID/task/TID/wchan is wait_for_partner while open() waits for a writer), polled until the timeout.
    /// The JIT runtime's debugger thread (".NET DebugPipe") waits like that on its own FIFO from start-up on, so it
    /// does not count.</summary>
    private static bool WaitUntilAThreadWaitsForAFifoPartner(Process process, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                if (Directory.EnumerateDirectories($"/proc/{process.Id}/task").Any(task =>
                        File.ReadAllText(Path.Combine(task, "wchan")) == "wait_for_partner" &&
                        File.ReadAllText(Path.Combine(task, "comm")).Trim() != ".NET DebugPipe"))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // a thread (or the process) ended between the listing and the read: look again
            }
            Thread.Sleep(20);
        }
        return false;
    }

    [LinuxFact]
    public void AnUnreadableSubfolderIsOneErrorAndTheRestIsRead()
    {
        using var t = new TempFolder();
        t.File("a/ok.jsonl", Event);
        t.File("locked/x.jsonl", Event);
        t.File("z/ok.jsonl", Event);
        TempFolder.Chmod(Path.Combine(t.Path, "locked"), "000");
        var run = CliProcess.Run(new[] { "get", t.Path, "--recurse" }, withoutRootPowers: true);
        Assert.Equal(2, run.StdoutLines.Length);
        Assert.Equal(new[] { Path.Combine(t.Path, "locked") + ": cannot list the folder: Access to the path '" + Path.Combine(t.Path, "locked") + "' is denied; the rest is read" }, run.StderrLines);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void AFolderWithoutEventFilesIsAWarning()
    {
        using var t = new TempFolder();
        t.File("notes.txt", "hello");
        var (sink, stats) = Read(t.Path, recurse: false);
        Assert.Equal(new[] { t.Path + ": no event files (.json, .jsonl, .ndjson, .log, .json.gz, .jsonl.gz, .ndjson.gz, .log.gz) in it; subfolders are read with -Recurse (--recurse)" }, sink.Warnings);
        Assert.Empty(sink.Errors);
        Assert.False(stats.NothingReadable);
        var run = Cli.CliRun.Run(new[] { "get", t.Path, "--recurse" });
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new[] { "warning: " + t.Path + ": no event files (.json, .jsonl, .ndjson, .log, .json.gz, .jsonl.gz, .ndjson.gz, .log.gz) in it or its subfolders" }, run.StderrLines);
    }

    /// <summary>Runs a reading that once never ended, with a bound.</summary>
    private static T TimeBounded<T>(Func<T> work)
    {
        // Own threads: the thread pool may be busy with other tests (the fuzz target) when this runs.
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "reading did not finish within 60 s");
        return task.Result;
    }
}
