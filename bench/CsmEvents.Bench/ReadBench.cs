using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using CsmEvents.Commands;

namespace CsmEvents.Bench;

/// <summary>
/// Reading throughput and memory. `read`: (a) a raw Utf8JsonReader scan of every line (the floor: tokenising only)
/// and (b) the full reader into CsmEvent objects, over the same in-memory bytes in the same process, with the
/// ratio b/a. `memory`: peak memory while streaming 100 MB and 1 GB of generated events (JSON lines and one
/// JSON array). `e2e`: whole-process `csm-events get FILE` against `jq -c . FILE` on a 20,000-event file.
/// </summary>
internal static class ReadBench
{
    public static int Throughput(string[] args)
    {
        int count = args.Length > 0 && !args[0].StartsWith("--") ? int.Parse(args[0]) : 40_000;
        byte[] data = new EventGenerator(7).Lines(count);
        Console.WriteLine($"input: {count:N0} generated events, {data.Length / 1e6:F1} MB, mean {data.Length / count:N0} bytes per event");
        // The three measurements run in turn, round after round, and the ratio is taken within each round: this
        // machine's speed drifts by more than 2x over seconds, which would distort ratios of separate phases.
        var rounds = Interleaved(BenchOptions.Int(args, "--rounds", 9), () => RawScan(data), () => TypedRead(data), () => ReadAndWrite(data));
        Report("a) raw Utf8JsonReader scan (floor)", data.Length, count, Median(rounds.Select(r => r[0]).ToList()));
        Report("b) read into CsmEvent objects", data.Length, count, Median(rounds.Select(r => r[1]).ToList()));
        Report("c) csm-events get lines, one thread", data.Length, count, Median(rounds.Select(r => r[2]).ToList()));
        var ratios = rounds.Select(r => r[0] / r[1]).OrderBy(x => x).ToList();
        Console.WriteLine($"ratio b/a (typed rate / raw rate, thread CPU time), median of {ratios.Count} rounds: {Median(ratios):P1}  (min {ratios.First():P1}, max {ratios.Last():P1}; target >= 50%)");
        return 0;
    }

    /// <summary>Typed reading of 20,000 events, ROUNDS times: nothing else runs, so a profiler sees only the reader.</summary>
    public static int Loop(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0]) : 25;
        byte[] data = new EventGenerator(7).Lines(BenchOptions.Int(args, "--events", 20_000));
        // --raw: the raw scan instead, so that instruction counts of both loops can be compared (see RESULTS.md).
        Func<byte[], long> action = Array.IndexOf(args, "--raw") >= 0 ? RawScan : TypedRead;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < rounds; i++) action(data);
        Console.WriteLine($"{rounds} rounds of {data.Length / 1e6:F1} MB in {sw.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    public static int Memory(string[] args)
    {
        foreach (var (bytes, array) in new[] { (100L << 20, false), (1L << 30, false), (1L << 30, true) })
        {
            GC.Collect();
            long before = Process.GetCurrentProcess().PeakWorkingSet64;
            var stream = new GeneratedEventStream(bytes, array);
            var sink = new CountingSink();
            long maxHeap = 0;
            var sw = Stopwatch.StartNew();
            var sampler = new System.Threading.Timer(_ => maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(false)), null, 0, 20);
            new GetEventsRunner(new GetEventsOptions(), sink).ReadStream(stream, "generated");
            sampler.Dispose();
            sw.Stop();
            long peak = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine($"{(array ? "one JSON array" : "JSON lines"),-15} {bytes / (1 << 20),5:N0} MB: {sink.Events:N0} events in {sw.Elapsed.TotalSeconds:F1} s; " +
                              $"max managed heap {maxHeap / 1e6:F0} MB; process peak working set {peak / 1e6:F0} MB (before: {before / 1e6:F0} MB); errors {sink.Errors}");
        }
        return 0;
    }

    public static int EndToEnd(string[] args)
    {
        string cli = args.Length > 0 && args[0].Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/CsmEvents.Cli/bin/Release/net10.0/csm-events"));
        int runs = args.Length > 1 ? int.Parse(args[1]) : 5;
        string dataDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../data"));
        Directory.CreateDirectory(dataDir);
        string file = Path.Combine(dataDir, "events-20000.jsonl");
        File.WriteAllBytes(file, new EventGenerator(11).Lines(20_000));
        Console.WriteLine($"input: {file} ({new FileInfo(file).Length / 1e6:F1} MB, 20,000 events); {runs} alternating runs each, after one warm-up");
        var commands = new List<(string Name, string Exe, string Args)> { ("csm-events get FILE", cli, $"get \"{file}\""), ("jq -c . FILE", "jq", $"-c . \"{file}\"") };
        foreach (var c in commands) RunOnce(c.Exe, c.Args);
        var times = commands.ToDictionary(c => c.Name, _ => new List<double>());
        for (int i = 0; i < runs; i++)
        {
            foreach (var c in commands) times[c.Name].Add(RunOnce(c.Exe, c.Args));
        }
        foreach (var c in commands)
        {
            double median = Median(times[c.Name]);
            Console.WriteLine($"{c.Name,-22} median {median:F3} s  ({new FileInfo(file).Length / 1e6 / median:F0} MB/s)  runs: {string.Join(" ", times[c.Name].Select(t => t.ToString("F3")))}");
        }
        double ratio = Median(times["jq -c . FILE"]) / Median(times["csm-events get FILE"]);
        Console.WriteLine($"csm-events get is {ratio:F1}x faster than jq (target >= 6x)");
        return 0;
    }

    private static double RunOnce(string exe, string arguments)
    {
        var psi = new ProcessStartInfo(exe, arguments) { RedirectStandardOutput = true, UseShellExecute = false };
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var buffer = new byte[1 << 16];
        var output = process.StandardOutput.BaseStream;
        while (output.Read(buffer, 0, buffer.Length) > 0) { } // like > /dev/null
        process.WaitForExit();
        sw.Stop();
        if (process.ExitCode != 0) throw new InvalidOperationException(exe + " exited with " + process.ExitCode);
        return sw.Elapsed.TotalSeconds;
    }

    private static long RawScan(byte[] data)
    {
        long tokens = 0;
        var span = data.AsSpan();
        while (span.Length > 0)
        {
            int nl = span.IndexOf((byte)'\n');
            var line = nl < 0 ? span : span.Slice(0, nl);
            var reader = new Utf8JsonReader(line);
            while (reader.Read()) tokens++;
            span = nl < 0 ? default : span.Slice(nl + 1);
        }
        return tokens;
    }

    private static long TypedRead(byte[] data)
    {
        var sink = new CountingSink();
        new GetEventsRunner(new GetEventsOptions(), sink).ReadStream(new MemoryStream(data), "bench");
        if (sink.Errors > 0) throw new InvalidOperationException("generated events had errors");
        return sink.Events;
    }

    /// <summary>What csm-events get does per record, on one thread: parse, filter, write the compacted line.</summary>
    private static long ReadAndWrite(byte[] data)
    {
        var sink = new CountingSink();
        var statistics = new ReadStatistics();
        var writer = new StreamingLineWriter(Stream.Null, new EventFilter(), sink, statistics);
        GetEventsRunner.ReadStream(new MemoryStream(data), "bench", writer, statistics, null, default);
        writer.Flush();
        if (statistics.Errors > 0) throw new InvalidOperationException("generated events had errors");
        return statistics.EventsEmitted;
    }

    /// <summary>Thread-CPU seconds of each action per round, the actions taking turns, after two warm-up rounds.</summary>
    private static List<double[]> Interleaved(int rounds, params Func<long>[] actions)
    {
        for (int i = 0; i < 2; i++) foreach (var action in actions) action();
        var result = new List<double[]>();
        for (int round = 0; round < rounds; round++)
        {
            var times = new double[actions.Length];
            for (int k = 0; k < actions.Length; k++)
            {
                // This thread's CPU time: what the code costs, whatever else runs on the machine.
                double start = ThreadCpu.Seconds();
                actions[k]();
                times[k] = ThreadCpu.Seconds() - start;
            }
            result.Add(times);
        }
        return result;
    }


    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    private static void Report(string name, long bytes, int events, double seconds) =>
        Console.WriteLine($"{name,-40} {bytes / 1e6 / seconds,8:F0} MB/s {events / seconds,12:N0} events/s  (median {seconds * 1000:F0} ms)");
}
