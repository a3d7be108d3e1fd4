using System;
using System.Globalization;

namespace CsmEvents.Bench;

/// <summary>`--name value` options of the benchmarks.</summary>
internal static class BenchOptions
{
    public static string? String(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback) =>
        String(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static double Double(string[] args, string name, double fallback) =>
        String(args, name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
