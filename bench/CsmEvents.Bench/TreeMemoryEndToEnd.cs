using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace CsmEvents.Bench;

/// <summary>
/// Whole-process peak memory of <c>csm-events tree</c>, measured by <c>/usr/bin/time -v</c> (maximum resident set
/// size) on generated files of one-line records <c>{"process":{"pid":N}}</c>:
/// <code>dotnet run -c Release --project bench/CsmEvents.Bench -- tree-e2e [--cli PATH] [--baseline PATH] [--records 1000000] [--runs 1]</code>
/// Three files: as many processes as records (the worst case: every record a new process), a fifth of that, and
/// the same number of records over 1,000 processes. Tree memory must follow the number of processes, not of
/// records. <c>--baseline</c> runs another build of csm-events on the same files, interleaved, for before/after.
/// </summary>
public static class TreeMemoryEndToEnd
{
    public static int Run(string[] args)
    {
        string cli = Option(args, "--cli") ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/CsmEvents.Cli/bin/Release/net10.0/csm-events"));
        string? baseline = Option(args, "--baseline");
        int records = BenchOptions.Int(args, "--records", 1_000_000);
        int runs = BenchOptions.Int(args, "--runs", 1);
        if (!File.Exists("/usr/bin/time"))
        {
            Console.Error.WriteLine("needs /usr/bin/time (GNU time: apt-get install time)");
            return 2;
        }
        string folder = Path.Combine(Path.GetTempPath(), "csm-tree-e2e-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        try
        {
            var files = new List<(string Name, string Path, int Processes)>
            {
                ($"{records:N0} records, {records:N0} processes", Generate(folder, "distinct.jsonl", records, records), records),
                ($"{records / 5:N0} records, {records / 5:N0} processes", Generate(folder, "fifth.jsonl", records / 5, records / 5), records / 5),
                ($"{records:N0} records, 1,000 processes", Generate(folder, "few.jsonl", records, 1000), 1000),
            };
            var builds = new List<(string Name, string Cli)> { ("this build", cli) };
            if (baseline != null) builds.Insert(0, ("baseline", baseline));
            Console.WriteLine("| build | input | format | peak RSS (MiB) | wall (s) | output (MiB) |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var (name, path, _) in files)
            {
                foreach (string format in new[] { "text", "json" })
                {
                    for (int run = 0; run < runs; run++)
                    {
                        foreach (var (buildName, buildCli) in builds)
                        {
                            var (rssKib, wall, output) = Measure(buildCli, path, format);
                            Console.WriteLine($"| {buildName} | {name} | {format} | {rssKib / 1024.0:N0} | {wall:F1} | {output / 1024.0 / 1024.0:N0} |");
                        }
                    }
                }
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Writes <paramref name="records"/> lines whose pids cycle through 1..<paramref name="processes"/>.</summary>
    private static string Generate(string folder, string name, int records, int processes)
    {
        string path = Path.Combine(folder, name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        for (int i = 0; i < records; i++)
        {
            writer.Write("{\"process\":{\"pid\":");
            writer.Write((i % processes + 1).ToString(CultureInfo.InvariantCulture));
            writer.Write("}}\n");
        }
        return path;
    }

    /// <summary>Runs <c>/usr/bin/time -v CLI tree FILE --format F</c>; returns the maximum resident set size (KiB),
    /// the wall time and the bytes written to standard output (counted, not kept).</summary>
    private static (long RssKib, double Wall, long Output) Measure(string cli, string file, string format)
    {
        var psi = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "-v", cli, "tree", file, "--format", format }) psi.ArgumentList.Add(arg);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        long output = 0;
        var buffer = new byte[1 << 16];
        int read;
        var stdout = process.StandardOutput.BaseStream;
        while ((read = stdout.Read(buffer, 0, buffer.Length)) > 0) output += read;
        process.WaitForExit();
        watch.Stop();
        string report = stderr.Result;
        if (process.ExitCode != 0) throw new InvalidOperationException(cli + " tree " + file + " failed:\n" + report);
        string line = report.Split('\n').First(l => l.Contains("Maximum resident set size", StringComparison.Ordinal));
        long rss = long.Parse(line.Substring(line.LastIndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
        return (rss, watch.Elapsed.TotalSeconds, output);
    }
}
