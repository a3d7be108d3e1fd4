using System;
using System.IO;
using System.Linq;
using System.Text;
using CsmEvents.Model;
using CsmEvents.ProcessTree;
using CsmEvents.Tests.Cli;
using static CsmEvents.Tests.ProcessTree.TreeEvents;

namespace CsmEvents.Tests.ProcessTree;

/// <summary>Memory measurements need the process to themselves: other tests allocating at the same time would be counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "Memory measurements";
}

/// <summary>
/// Tree memory grows with the number of processes, not of events, and writing a tree holds neither the document
/// nor a second copy of the processes. Managed memory is measured with full collections
/// (<see cref="GC.GetTotalMemory(bool)"/>); bench/RESULTS-tree.md has the whole-process figures.
/// </summary>
[Collection(MemoryMeasurements.Name)]
public class TreeMemoryTests
{
    private static long Managed() => GC.GetTotalMemory(forceFullCollection: true);

    [Fact]
    public void MemoryStopsGrowingOnceEveryProcessIsSeen()
    {
        string init = P(1, "systemd", exec: T("08:00:00"));
        string bash = P(100, "bash", ppid: 1, exec: T("08:00:01"), path: "/bin/bash");
        var processes = Enumerable.Range(0, 50)
            .Select(i => P(1000 + i, "worker", ppid: 100, exec: T("09:00:" + (i % 60).ToString("D2")), path: "/usr/bin/worker", args: new[] { "worker", "--id", i.ToString() }))
            .ToArray();
        var runner = new ProcessTreeRunner();
        long before = Managed();
        long afterFirst = 0;
        for (int i = 0; i < 100_000; i++)
        {
            runner.Add(Event(processes[i % processes.Length], new[] { bash, init }, line: i + 1, rule: "rule" + (i % 7), evt: i % 2 == 0 ? "open" : "exec",
                date: "2025-01-15T10:" + (i / 6000 % 60).ToString("D2") + ":" + (i / 100 % 60).ToString("D2") + "Z"));
            if (i == 9_999) afterFirst = Managed();
        }
        long afterAll = Managed();
        GC.KeepAlive(runner);
        // 90,000 more events of the same 52 processes: the tree must not keep anything of them.
        Assert.InRange(afterAll - afterFirst, long.MinValue, 64 * 1024);
        Assert.InRange(afterAll - before, long.MinValue, 512 * 1024);
        Assert.Equal(100_000, runner.Complete().Nodes.Sum(n => n.EventCount));
    }

    [Fact]
    public void AProcessKnownOnlyByItsPidCostsAFewHundredBytes()
    {
        const int count = 100_000;
        var runner = new ProcessTreeRunner();
        long before = Managed();
        for (int i = 1; i <= count; i++)
        {
            runner.Add(CsmEvent.Parse("{\"process\":{\"pid\":" + i + "}}", new EventSource("u.jsonl", i)));
        }
        long perProcess = (Managed() - before) / count;
        GC.KeepAlive(runner);
        // Measured 460-500 bytes (the merged process, its facts and event counts, one lookup entry); 880 before.
        Assert.InRange(perProcess, 0, 600);
    }

    /// <summary>A stream that records the most managed memory it saw while being written to (every 16th write,
    /// with a full collection, so only what is really held counts).</summary>
    private sealed class SamplingStream : Stream
    {
        private int _writes;
        public long Written, Lines, Peak;
        public override void Write(byte[] buffer, int offset, int count)
        {
            Written += count;
            for (int i = offset; i < offset + count; i++) if (buffer[i] == (byte)'\n') Lines++;
            if (_writes++ % 16 == 0) Peak = Math.Max(Peak, Managed());
        }
        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);
        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData("text", 50_001)]     // the host line, then one line per process
    [InlineData("json", 1_199_998)]  // 24 lines per process, indented
    [InlineData("dot", 50_006)]      // 5 lines of frame, one per process
    public void TheCliWritesATreeOfManyProcessesWithoutHoldingTheDocument(string format, long lines)
    {
        const int count = 50_000;
        string file = Path.Combine(Path.GetTempPath(), "csm-tree-memory-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
            {
                for (int i = 1; i <= count; i++) writer.Write("{\"process\":{\"pid\":" + i + "}}\n");
            }
            var stdout = new SamplingStream();
            long before = Managed();
            int code = CsmEvents.Cli.CliApp.Run(new[] { "tree", file, "--format", format }, new MemoryStream(), stdout, new StringWriter(),
                System.Threading.CancellationToken.None, _ => null);
            Assert.Equal(0, code);
            Assert.Equal(lines, stdout.Lines);
            // The processes themselves take about 25 MB; before, the nodes, the lines and the document were held
            // on top of them (the JSON document of 24 MB was a 48 MB string, written from a 24 MB buffer).
            Assert.InRange(stdout.Peak - before, 0, 40_000_000);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
