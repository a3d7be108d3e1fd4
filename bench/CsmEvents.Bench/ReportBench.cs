using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace CsmEvents.Bench;

/// <summary>
/// `report`: whole-process `csm-events report FILE -o PAGE` against `csm-events get FILE > /dev/null` on the same
/// generated file (100,000 events by default), in alternating runs after a warm-up; the target is a report in under
/// 5x the time of get. Also prints the page's size, and the size for a few thousand events.
/// </summary>
internal static class ReportBench
{
    public static int Run(string[] args)
    {
        string cli = args.Length > 0 && args[0].Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/CsmEvents.Cli/bin/Release/net10.0/csm-events"));
        int runs = args.Length > 1 ? int.Parse(args[1]) : 5;
        int count = args.Length > 2 ? int.Parse(args[2]) : 100_000;
        string dataDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../data"));
        Directory.CreateDirectory(dataDir);
        string file = Path.Combine(dataDir, "events-" + count + ".jsonl");
        string page = Path.Combine(dataDir, "report-" + count + ".html");
        WriteEvents(file, count);
        Console.WriteLine($"input: {file} ({new FileInfo(file).Length / 1e6:F1} MB, {count:N0} events); {runs} alternating runs each, after one warm-up");

        var commands = new List<(string Name, string Args)>
        {
            ("csm-events get FILE", $"get \"{file}\""),
            ("csm-events report FILE -o PAGE", $"report \"{file}\" -o \"{page}\""),
        };
        foreach (var c in commands) RunOnce(cli, c.Args);
        var times = commands.ToDictionary(c => c.Name, _ => new List<double>());
        var ratios = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            foreach (var c in commands) times[c.Name].Add(RunOnce(cli, c.Args));
            ratios.Add(times[commands[1].Name][i] / times[commands[0].Name][i]);
        }
        foreach (var c in commands)
        {
            Console.WriteLine($"{c.Name,-32} median {Median(times[c.Name]):F3} s  runs: {string.Join(" ", times[c.Name].Select(t => t.ToString("F3")))}");
        }
        Console.WriteLine($"report / get, pair by pair: median {Median(ratios):F2}x (runs: {string.Join(" ", ratios.Select(r => r.ToString("F2")))}; target < 5x)");
        Console.WriteLine($"page: {new FileInfo(page).Length / 1e6:F1} MB for {count:N0} events ({new FileInfo(file).Length / (double)new FileInfo(page).Length:F1}x smaller than the input)");

        foreach (int few in new[] { 1_000, 3_000 })
        {
            string small = Path.Combine(dataDir, "events-" + few + ".jsonl");
            string smallPage = Path.Combine(dataDir, "report-" + few + ".html");
            WriteEvents(small, few);
            RunOnce(cli, $"report \"{small}\" -o \"{smallPage}\"");
            Console.WriteLine($"page: {new FileInfo(smallPage).Length / 1e3:F0} KB for {few:N0} events ({new FileInfo(small).Length / 1e3:F0} KB of input)");
        }
        return 0;
    }

    private static void WriteEvents(string file, int count)
    {
        if (File.Exists(file)) return;
        using var output = File.Create(file);
        var generator = new EventGenerator(11);
        for (int i = 0; i < count; i++) generator.WriteLine(output, windows: i % 10 == 9);
    }

    private static double RunOnce(string exe, string arguments)
    {
        // Standard error is read too: generated lineages contradict each other, and each contradiction is a warning.
        var psi = new ProcessStartInfo(exe, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var errors = process.StandardError.ReadToEndAsync();
        var buffer = new byte[1 << 16];
        var output = process.StandardOutput.BaseStream;
        while (output.Read(buffer, 0, buffer.Length) > 0) { } // like > /dev/null
        process.WaitForExit();
        sw.Stop();
        errors.Wait();
        if (process.ExitCode != 0) throw new InvalidOperationException(exe + " " + arguments + " exited with " + process.ExitCode);
        return sw.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
