using System;
using System.IO;
using System.Text;

namespace CsmEvents.Bench;

/// <summary>
/// `generate FILE --windows-events N | --bytes B`: writes benchmark input for the PowerShell benchmark
/// (bench/pwsh). Windows events are the validation benchmark's (5% with one schema violation), written in chunks;
/// --bytes streams the reading benchmark's mixed Linux/Windows events up to a size, never holding them in memory.
/// </summary>
internal static class GenerateCommand
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--"))
        {
            Console.Error.WriteLine("usage: generate FILE --windows-events N | --bytes B");
            return 2;
        }
        string file = Path.GetFullPath(args[0]);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        int windows = BenchOptions.Int(args, "--windows-events", 0);
        if (windows > 0)
        {
            const int Chunk = 10_000;
            for (int start = 0, seed = 2026; start < windows; start += Chunk, seed++)
            {
                foreach (byte[] line in ValidationBench.EventFactory.Windows(Math.Min(Chunk, windows - start), seed))
                {
                    output.Write(line, 0, line.Length);
                    output.WriteByte((byte)'\n');
                }
            }
        }
        else
        {
            long bytes = long.Parse(BenchOptions.String(args, "--bytes") ?? throw new ArgumentException("--windows-events or --bytes"), System.Globalization.CultureInfo.InvariantCulture);
            new GeneratedEventStream(bytes, asArray: false).CopyTo(output, 1 << 20);
        }
        Console.WriteLine($"{file}: {output.Length / 1e6:F1} MB");
        return 0;
    }
}
