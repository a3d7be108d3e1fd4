using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Drift;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Bench;

/// <summary>
/// What a drift summary costs (`Test-CsmEvent -Summary`, `csm-events test --summary`), in one run:
/// <list type="number">
/// <item>Speed: the same events validated by the test runner on one thread, with and without a summary, rounds
/// interleaved; the ratio of the two rates is taken round by round (target: the summary costs at most 10%). Two
/// inputs: realistic Windows events (5% with one violation) and a worst case where every event is invalid with many
/// errors (Linux events against the Windows schema).</item>
/// <item>Memory: 1,000,000 events through one summarizing runner; the managed heap after a full collection at
/// 100,000 and at 1,000,000 events (the collector must hold groups, not events).</item>
/// </list>
/// Options: --events N (distinct events per input, default 20000), --rounds R (default 9), --seconds S per
/// measurement and round (default 0.5), --memory-events N (default 1000000).
/// </summary>
internal static class DriftBench
{
    public static int Run(string[] args)
    {
        int count = BenchOptions.Int(args, "--events", 20_000);
        int rounds = BenchOptions.Int(args, "--rounds", 9);
        double seconds = BenchOptions.Double(args, "--seconds", 0.5);
        int memoryEvents = BenchOptions.Int(args, "--memory-events", 1_000_000);

        var windows = ValidationBench.EventFactory.Windows(count, seed: 7);
        var linux = ValidationBench.EventFactory.Linux(count, seed: 11);
        Console.WriteLine($"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores; one thread; {rounds} interleaved rounds of {seconds:F1} s per measurement");
        Console.WriteLine();

        var inputs = new (string Name, byte[][] Events, string Schema)[]
        {
            ("Windows events, 5% invalid (embedded windows schema)", windows, "windows"),
            ("every event invalid, many errors (Linux events, windows schema)", linux, "windows"),
        };
        Console.WriteLine("| input | errors per event | events/s without summary | events/s with summary | ratio with/without (median of rounds) | rounds: ratio min-max | groups |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, events, schema) in inputs)
        {
            var plain = new Measurement(events, schema, summary: false);
            var summarized = new Measurement(events, schema, summary: true);
            plain.Once();
            summarized.Once();
            var ratios = new List<double>();
            for (int round = 0; round < rounds; round++)
            {
                // Alternate which goes first, so that a slow moment of the shared machine hits both alike.
                double a, b;
                if (round % 2 == 0) { a = plain.Round(seconds); b = summarized.Round(seconds); }
                else { b = summarized.Round(seconds); a = plain.Round(seconds); }
                ratios.Add(b / a);
                Console.Error.WriteLine($"  {name}: round {round + 1}: {a:N0} vs {b:N0} events per CPU s, ratio {b / a:F3}");
            }
            ratios.Sort();
            Console.WriteLine($"| {name} | {ErrorsPerEvent(events, schema):F1} | {plain.Best:N0} | {summarized.Best:N0} | {Median(ratios):F3} | {ratios[0]:F3}-{ratios[^1]:F3} | {summarized.Groups} |");
        }

        Console.WriteLine();
        Memory(windows, memoryEvents);
        return 0;
    }

    private static void Memory(byte[][] events, int total)
    {
        var runner = new TestEventsRunner(new TestEventsOptions { SchemaName = "windows", Summary = true }, new CountingSink());
        var consumer = (IRecordConsumer)runner;
        var heap = new List<(int Events, long Bytes)> { (0, Heap()) };
        for (int i = 0; i < total; i++)
        {
            consumer.OnRecord(events[i % events.Length], new EventSource("generated.jsonl", i + 1));
            if (i + 1 == 10_000 || i + 1 == 100_000 || i + 1 == total) heap.Add((i + 1, Heap()));
        }
        runner.Complete();
        GC.KeepAlive(runner);
        Console.WriteLine("| events summarized (windows schema, 5% invalid) | managed heap after a full GC |");
        Console.WriteLine("|---:|---:|");
        foreach (var (n, bytes) in heap) Console.WriteLine($"| {n:N0} | {bytes / 1024.0:N0} KiB |");
        Console.WriteLine($"groups: {runner.Summary!.Groups.Count}; invalid events: {runner.Summary.Invalid:N0}; the 20,000 input events themselves are held throughout");
    }

    private static double ErrorsPerEvent(byte[][] events, string schema)
    {
        long errors = 0;
        var runner = new TestEventsRunner(new TestEventsOptions { SchemaName = schema, Detailed = true }, new ErrorCounter(e => errors += e));
        var consumer = (IRecordConsumer)runner;
        for (int i = 0; i < events.Length; i++) consumer.OnRecord(events[i], new EventSource("generated.jsonl", i + 1));
        return (double)errors / events.Length;
    }

    /// <summary>Counts the schema errors of the detailed results it receives.</summary>
    private sealed class ErrorCounter : ICommandSink
    {
        private readonly Action<int> _add;
        public ErrorCounter(Action<int> add) => _add = add;
        public System.Threading.CancellationToken Cancellation => System.Threading.CancellationToken.None;
        public void Emit(object item) => _add(((CsmEvents.Schema.CsmValidationResult)item).Errors.Length);
        public void Error(CsmError error) { }
        public void Warning(string message) { }
        public void Verbose(string message) { }
        public void Progress(CsmProgress progress) { }
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];

    /// <summary>One configuration: a fresh runner per round, fed record by record on this thread.</summary>
    private sealed class Measurement
    {
        private readonly byte[][] _events;
        private readonly string _schema;
        private readonly bool _summary;

        public Measurement(byte[][] events, string schema, bool summary)
        {
            _events = events;
            _schema = schema;
            _summary = summary;
        }

        public double Best { get; private set; }
        public int Groups { get; private set; }

        public void Once() => Pass(out _);

        /// <summary>Events per CPU second of this thread (wall clock where no thread clock exists).</summary>
        public double Round(double seconds)
        {
            double cpuStart = ThreadCpu.Seconds();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            long done = 0;
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                done += Pass(out int groups);
                Groups = groups;
            }
            double cpu = ThreadCpu.Seconds() - cpuStart;
            double rate = done / (double.IsNaN(cpu) || cpu <= 0 ? watch.Elapsed.TotalSeconds : cpu);
            if (rate > Best) Best = rate;
            return rate;
        }

        private long Pass(out int groups)
        {
            var runner = new TestEventsRunner(new TestEventsOptions { SchemaName = _schema, Summary = _summary }, new CountingSink());
            var consumer = (IRecordConsumer)runner;
            for (int i = 0; i < _events.Length; i++) consumer.OnRecord(_events[i], new EventSource("generated.jsonl", i + 1));
            runner.Complete();
            groups = runner.Summary?.Groups.Count ?? 0;
            return _events.Length;
        }
    }
}
