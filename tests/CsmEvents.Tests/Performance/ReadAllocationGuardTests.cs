using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.Tests.Support;
using Xunit.Abstractions;

namespace CsmEvents.Tests.Performance;

/// <summary>
/// A benchmark guard that cannot flake: bytes allocated per event read, counted by the runtime for this thread
/// (GC.GetAllocatedBytesForCurrentThread), not timed. The reader's speed follows its allocations closely (each
/// allocated byte is also cleared and later collected), and the count is the same on a loaded machine as on a quiet
/// one. A change that allocates more than 20% above the committed baseline fails; when a change lowers the count
/// for good, lower the baseline with it (the failure message and the test output print the measured figure).
/// </summary>
public class ReadAllocationGuardTests
{
    /// <summary>Measured on the sample events (Windows and Linux incidents), bytes per event.</summary>
    private const double ParseBaseline = 14_075;

    /// <summary>The same events read from a JSON-lines stream by the runner (splitting, envelopes, filter, sink).</summary>
    private const double ReadStreamBaseline = 16_290;

    private const double AllowedRegression = 1.20;

    private readonly ITestOutputHelper _output;

    public ReadAllocationGuardTests(ITestOutputHelper output) => _output = output;

    private static List<byte[]> SampleLines() =>
        new[] { Path.Combine(RepoPaths.Samples, "windows", "incident-ws01.jsonl"), Path.Combine(RepoPaths.Samples, "linux", "incident-web01.jsonl") }
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Trim().Length > 0)
            .Select(Encoding.UTF8.GetBytes)
            .ToList();

    [Fact]
    public void ParsingAnEventAllocatesNoMoreThanTheBaseline()
    {
        var lines = SampleLines();
        var parser = new CsmEventParser();
        var source = new EventSource("guard", 1);
        foreach (var line in lines) parser.ParseEvent(line, source); // warm-up: caches filled, code compiled

        const int Rounds = 20;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < Rounds; round++)
        {
            foreach (var line in lines) parser.ParseEvent(line, source);
        }
        double perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(Rounds * lines.Count);
        Check("CsmEventParser.ParseEvent", perEvent, ParseBaseline);
    }

    [Fact]
    public void ReadingAStreamAllocatesNoMoreThanTheBaseline()
    {
        var lines = SampleLines();
        var text = new MemoryStream();
        foreach (var line in lines)
        {
            text.Write(line, 0, line.Length);
            text.WriteByte((byte)'\n');
        }
        byte[] data = text.ToArray();
        var sink = new DiscardingSink();
        void ReadOnce() => new GetEventsRunner(new GetEventsOptions(), sink).ReadStream(new MemoryStream(data), "guard.jsonl");
        ReadOnce();
        Assert.Equal(0, sink.Errors);

        const int Rounds = 20;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < Rounds; round++) ReadOnce();
        double perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(Rounds * lines.Count);
        Assert.Equal((Rounds + 1) * lines.Count, sink.Events);
        Check("GetEventsRunner.ReadStream", perEvent, ReadStreamBaseline);
    }

    private void Check(string what, double perEvent, double baseline)
    {
        _output.WriteLine($"{what}: {perEvent:F0} bytes allocated per event (baseline {baseline:F0}, limit {baseline * AllowedRegression:F0})");
        Assert.True(perEvent <= baseline * AllowedRegression,
            $"{what} allocates {perEvent:F0} bytes per event, more than 20% above the baseline of {baseline:F0}: find what allocates more " +
            "(or, if the increase is intended, raise the baseline in ReadAllocationGuardTests and say why in the commit).");
    }

    private sealed class DiscardingSink : ICommandSink
    {
        public int Events;
        public int Errors;
        public CancellationToken Cancellation => CancellationToken.None;
        public void Emit(object item) => Events++;
        public void Error(CsmError error) => Errors++;
        public void Warning(string message) { }
        public void Verbose(string message) { }
        public void Progress(CsmProgress progress) { }
    }
}
