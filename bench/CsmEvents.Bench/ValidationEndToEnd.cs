using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CsmEvents.Schema;

namespace CsmEvents.Bench;

/// <summary>
/// Whole-process validation: `csm-events test --schema windows FILE` against ajv 8 (bench/ajv/validate.js: Ajv2020,
/// allErrors, strict off, ajv-formats, schema compiled once, JSON.parse per line) on the same 20,000 generated
/// Windows events (5% with one injected violation), alternating runs. Both must report the same invalid events.
/// </summary>
internal static class ValidationEndToEnd
{
    public static int Run(string[] args)
    {
        string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        string cli = args.Length > 0 && args[0].Length > 0 ? args[0] : Path.Combine(root, "src/CsmEvents.Cli/bin/Release/net10.0/csm-events");
        int runs = args.Length > 1 ? int.Parse(args[1]) : 5;
        string script = Path.Combine(root, "bench/ajv/validate.js");
        if (!Directory.Exists(Path.Combine(root, "bench/ajv/node_modules")))
        {
            Console.Error.WriteLine("ajv is not installed: run `npm install` in bench/ajv first");
            return 2;
        }
        string data = Path.Combine(root, "bench/data");
        Directory.CreateDirectory(data);
        string events = Path.Combine(data, "windows-20000.jsonl");
        string schema = Path.Combine(data, "windows.schema.json");
        File.WriteAllLines(events, ValidationBench.EventFactory.Windows(20_000, 2026).Select(b => System.Text.Encoding.UTF8.GetString(b)));
        File.WriteAllText(schema, EmbeddedSchemas.GetText("windows"));
        Console.WriteLine($"input: {events} ({new FileInfo(events).Length / 1e6:F1} MB, 20,000 Windows events, 5% with one violation); {runs} alternating runs each after one warm-up");

        var commands = new (string Name, string Exe, string Args)[]
        {
            ("csm-events test --schema windows", cli, $"test --schema windows \"{events}\""),
            ("ajv 8 (node)", "node", $"\"{script}\" \"{schema}\" \"{events}\""),
        };
        var outputs = commands.Select(c => RunOnce(c.Exe, c.Args).Output).ToArray();
        var times = commands.ToDictionary(c => c.Name, _ => new List<double>());
        for (int i = 0; i < runs; i++)
        {
            foreach (var c in commands) times[c.Name].Add(RunOnce(c.Exe, c.Args).Seconds);
        }
        foreach (var c in commands)
        {
            double median = Median(times[c.Name]);
            Console.WriteLine($"{c.Name,-34} median {median:F3} s  ({20_000 / median:N0} events/s)  runs: {string.Join(" ", times[c.Name].Select(t => t.ToString("F3")))}");
        }
        Console.WriteLine($"csm-events test is {Median(times[commands[1].Name]) / Median(times[commands[0].Name]):F2}x faster than ajv (target >= 1.2x)");

        var ours = InvalidLines(outputs[0]);
        var theirs = InvalidLines(outputs[1]);
        Console.WriteLine($"invalid events: csm-events {ours.Count}, ajv {theirs.Count}; same set: {ours.SetEquals(theirs)}");
        return ours.SetEquals(theirs) ? 0 : 1;
    }

    private static HashSet<string> InvalidLines(string output) =>
        new(Regex.Matches(output, @":(\d+): ").Select(m => m.Groups[1].Value));

    private static (double Seconds, string Output) RunOnce(string exe, string arguments)
    {
        var psi = new ProcessStartInfo(exe, arguments) { RedirectStandardOutput = true, UseShellExecute = false };
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        sw.Stop();
        if (process.ExitCode > 1) throw new InvalidOperationException(exe + " exited with " + process.ExitCode);
        return (sw.Elapsed.TotalSeconds, output);
    }

    private static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
}
