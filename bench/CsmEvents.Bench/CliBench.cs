using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CsmEvents.Schema;

namespace CsmEvents.Bench;

/// <summary>
/// `cli`: the whole-process targets of the native (ahead-of-time compiled) `csm-events`, each command against its
/// baseline in alternating runs: start-up on a one-event file (against the JIT build), `get` against `jq -c .` on
/// 20,000 generated Windows events and on the 80 MB Linux file, `test --schema windows` against ajv 8 (allErrors) on
/// the same Windows events (both must find the same invalid events). Every run goes through /usr/bin/time, which
/// gives wall time, CPU time (user + system) and peak resident memory of the whole process; output is drained
/// through a pipe for every command alike. Medians are quoted, and the ratio of each pair of runs.
/// </summary>
internal static class CliBench
{
    private sealed record Command(string Name, string Exe, string Arguments);

    private sealed record Timing(double Wall, double Cpu, long PeakKb, string Output);

    public static int Run(string[] args)
    {
        string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        string native = BenchOptions.String(args, "--native") ?? Path.Combine(root, "out/csm-events-linux-x64/csm-events");
        string jit = BenchOptions.String(args, "--jit") ?? Path.Combine(root, "src/CsmEvents.Cli/bin/Release/net10.0/csm-events");
        int runs = BenchOptions.Int(args, "--runs", 7);
        string only = BenchOptions.String(args, "--only") ?? "startup,get,test";
        foreach (string exe in new[] { native, jit })
        {
            if (!File.Exists(exe))
            {
                Console.Error.WriteLine($"{exe} is missing: run `dotnet publish src/CsmEvents.Cli -c Release -r linux-x64 -o out/csm-events-linux-x64` and `dotnet build -c Release` first");
                return 2;
            }
        }
        if (!File.Exists("/usr/bin/time"))
        {
            Console.Error.WriteLine("/usr/bin/time is missing (Debian package `time`)");
            return 2;
        }

        string data = Path.Combine(root, "bench/data");
        Directory.CreateDirectory(data);
        string one = Path.Combine(root, "samples/windows/single-event.json");
        string windows = Path.Combine(data, "windows-20000.jsonl");
        string linux = Path.Combine(data, "events-20000.jsonl");
        string schema = Path.Combine(data, "windows.schema.json");
        File.WriteAllLines(windows, ValidationBench.EventFactory.Windows(20_000, 2026).Select(b => System.Text.Encoding.UTF8.GetString(b)));
        File.WriteAllBytes(linux, new EventGenerator(11).Lines(20_000));
        File.WriteAllText(schema, EmbeddedSchemas.GetText("windows"));
        Console.WriteLine($"native: {native}\njit:    {jit}\n{runs} alternating runs per comparison after one warm-up; load average now {LoadAverage()}");
        int failures = 0;

        if (only.Contains("startup"))
        {
            var s = Compare("start-up, one-event file", new Command("csm-events get (native)", native, $"get \"{one}\""),
                new Command("csm-events get (JIT)", jit, $"get \"{one}\""), runs * 3);
            bool met = s.Median.Wall <= 0.020 && s.MaxPeakKb <= 20 * 1024;
            Console.WriteLine($"  target: native <= 20 ms wall and <= 20 MB peak: {(met ? "met" : "NOT met")}");
            // Instructions executed: the same on a loaded machine as on a quiet one (valgrind's callgrind).
            if (File.Exists("/usr/bin/valgrind"))
            {
                Console.WriteLine($"  instructions (callgrind): native {Instructions(native, $"get \"{one}\""):N0}, JIT {Instructions(jit, $"get \"{one}\""):N0}");
            }
        }
        if (only.Contains("get"))
        {
            foreach (var (label, file) in new[] { ("20,000 Windows events", windows), ("20,000 Linux events", linux) })
            {
                var g = Compare($"get, {label} ({new FileInfo(file).Length / 1e6:F1} MB)", new Command("csm-events get (native)", native, $"get \"{file}\""),
                    new Command("jq -c .", "jq", $"-c . \"{file}\""), runs);
                Console.WriteLine($"  target: >= 10x jq (wall): {(g.Ratio >= 10 ? "met" : "NOT met")}");
            }
        }
        if (only.Contains("test"))
        {
            string script = Path.Combine(root, "bench/ajv/validate.js");
            if (!Directory.Exists(Path.Combine(root, "bench/ajv/node_modules")))
            {
                Console.Error.WriteLine("ajv is not installed: run `npm install` in bench/ajv first");
                return 2;
            }
            var t = Compare($"test --schema windows, 20,000 Windows events ({new FileInfo(windows).Length / 1e6:F1} MB)",
                new Command("csm-events test (native)", native, $"test --schema windows \"{windows}\""),
                new Command("ajv 8 allErrors (node)", "node", $"\"{script}\" \"{schema}\" \"{windows}\""), runs);
            var ours = InvalidLines(t.FirstOutput);
            var theirs = InvalidLines(t.BaselineOutput);
            bool same = ours.SetEquals(theirs);
            Console.WriteLine($"  invalid events: csm-events {ours.Count}, ajv {theirs.Count}; same set: {same}");
            Console.WriteLine($"  target: >= 2.5x ajv (wall), same invalid events: {(t.Ratio >= 2.5 && same ? "met" : "NOT met")}");
            if (!same) failures++;
        }
        return failures == 0 ? 0 : 1;
    }

    private sealed record Comparison(Timing Median, long MaxPeakKb, double Ratio, string FirstOutput, string BaselineOutput);

    /// <summary>Runs two commands in turn <paramref name="runs"/> times and prints both and their ratios.</summary>
    private static Comparison Compare(string title, Command subject, Command baseline, int runs)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        var first = new[] { Measure(subject), Measure(baseline) }; // warm-up: file cache, and the outputs compared
        var mine = new List<Timing>();
        var theirs = new List<Timing>();
        for (int i = 0; i < runs; i++)
        {
            mine.Add(Measure(subject));
            theirs.Add(Measure(baseline));
        }
        Print(subject.Name, mine);
        Print(baseline.Name, theirs);
        double wallRatio = Median(theirs.Select(r => r.Wall)) / Median(mine.Select(r => r.Wall));
        double pairRatio = Median(mine.Zip(theirs, (m, t) => t.Wall / m.Wall));
        double cpuRatio = Median(theirs.Select(r => r.Cpu)) / Median(mine.Select(r => r.Cpu));
        Console.WriteLine($"  ratio {baseline.Name} / {subject.Name}: wall {wallRatio:F1}x (median of pairs {pairRatio:F1}x), CPU {cpuRatio:F1}x");
        var median = new Timing(Median(mine.Select(r => r.Wall)), Median(mine.Select(r => r.Cpu)), 0, "");
        return new Comparison(median, mine.Max(r => r.PeakKb), wallRatio, first[0].Output, first[1].Output);
    }

    private static void Print(string name, List<Timing> runs) =>
        Console.WriteLine($"  {name,-26} wall median {Median(runs.Select(r => r.Wall)) * 1000,8:F1} ms  CPU median {Median(runs.Select(r => r.Cpu)) * 1000,8:F1} ms" +
                          $"  peak {runs.Max(r => r.PeakKb) / 1024.0,6:F1} MB   walls: {string.Join(" ", runs.Select(r => (r.Wall * 1000).ToString("F0", CultureInfo.InvariantCulture)))}");

    /// <summary>One run under /usr/bin/time: wall, user + system CPU and peak RSS of the command's process.</summary>
    private static Timing Measure(Command command)
    {
        string report = Path.GetTempFileName();
        try
        {
            var psi = new ProcessStartInfo("/usr/bin/time", $"-f \"%e %U %S %M\" -o \"{report}\" \"{command.Exe}\" {command.Arguments}")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            var wall = Stopwatch.StartNew();
            using var process = Process.Start(psi)!;
            // Drained as bytes (like > /dev/null, but through a pipe for every command alike); small outputs kept.
            var kept = new MemoryStream();
            var buffer = new byte[1 << 16];
            var stdout = process.StandardOutput.BaseStream;
            int read;
            while ((read = stdout.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (kept.Length < (4 << 20)) kept.Write(buffer, 0, read);
            }
            string output = System.Text.Encoding.UTF8.GetString(kept.ToArray());
            process.WaitForExit();
            wall.Stop();
            if (process.ExitCode > 1) throw new InvalidOperationException($"{command.Exe} {command.Arguments} exited with {process.ExitCode}");
            var fields = File.ReadAllLines(report).Last().Split(' ');
            double cpu = double.Parse(fields[1], CultureInfo.InvariantCulture) + double.Parse(fields[2], CultureInfo.InvariantCulture);
            long peak = long.Parse(fields[3], CultureInfo.InvariantCulture);
            // /usr/bin/time reports wall time in hundredths; the stopwatch around it is finer (and adds only the
            // start of /usr/bin/time itself, the same for every command).
            return new Timing(wall.Elapsed.TotalSeconds, cpu, peak, output);
        }
        finally
        {
            File.Delete(report);
        }
    }

    /// <summary>Instructions the whole process executes, counted by valgrind --tool=callgrind.</summary>
    private static long Instructions(string exe, string arguments)
    {
        var psi = new ProcessStartInfo("/usr/bin/valgrind", $"--tool=callgrind --callgrind-out-file=/dev/null \"{exe}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string log = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var match = Regex.Match(log, @"Collected : (\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    private static HashSet<string> InvalidLines(string output) => new(Regex.Matches(output, @":(\d+): ").Select(m => m.Groups[1].Value));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
