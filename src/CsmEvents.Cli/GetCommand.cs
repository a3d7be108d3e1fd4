using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Model;

namespace CsmEvents.Cli;

/// <summary>`csm-events get`: reads events and writes each as one line of compact JSON (envelopes removed).</summary>
internal static class GetCommand
{
    public const string Usage =
        "usage: csm-events get [PATH ...] [--recurse] [--event-type NAME] [--category C] [--outcome O]\n" +
        "                      [--rule-id ID] [--after TIME] [--before TIME] [--platform windows|linux]\n" +
        "  Reads JSON, JSON arrays, JSON lines, gzip and Datadog Logs API pages; no PATH or '-' reads standard input.\n" +
        "  --event-type and --rule-id take wildcards (* ? [a-z]); options may repeat or take comma-separated lists.\n" +
        DatadogOptions.Usage + "\n" +
        "  Exit code: 0 all records read, 1 some records bad (good ones still written), 2 usage error or no input readable.";

    private static readonly string[] Valued = { "--event-type", "--category", "--outcome", "--rule-id", "--after", "--before", "--platform" };
    private static readonly string[] Flags = { "--recurse", "--verbose" };

    public static int Run(IReadOnlyList<string> args, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellation, Func<string, string?> environment)
    {
        var parsed = CliArguments.Parse(args, Concat(Valued, DatadogOptions.Valued), Concat(Flags, DatadogOptions.Flags));
        var options = new GetEventsOptions { Recurse = parsed.Flag("--recurse"), Filter = ReadFilter(parsed) };
        using var sink = new ConsoleSink(stdout, stderr, cancellation, parsed.Flag("--verbose"));
        var runner = new GetEventsRunner(options, sink);
        if (DatadogOptions.Requested(parsed))
        {
            if (parsed.Positional.Count > 0) throw new CliUsageException("paths and --query cannot be combined: read files or the Datadog API, not both");
            try
            {
                var search = DatadogOptions.Search(parsed);
                var credentials = DatadogOptions.Credentials(parsed, stdin, environment);
                using var client = new Datadog.DatadogLogsClient(credentials, DatadogOptions.Client(parsed, environment));
                runner.ReadDatadog(client, search);
            }
            catch (Datadog.DatadogConfigurationException ex)
            {
                throw new CliUsageException(ex.Message);
            }
        }
        else if (parsed.Positional.Count > 0 && !parsed.Positional.Contains("-"))
        {
            // Files: parse and serialise on every core, output in input order (throughput).
            var buffered = new BufferedStream(stdout, 1 << 16); // flushed by Complete; not disposed: stdout stays open
            var writer = new ParallelLineWriter(buffered, options.Filter, sink, runner.Statistics);
            GetEventsRunner.ReadInputs(parsed.Positional, options.Recurse, writer, sink, runner.Statistics);
            writer.Complete();
        }
        else ReadAll(runner, parsed.Positional, stdin); // standard input streams: each event as soon as it is read
        sink.Flush();
        return ExitCode(runner.Statistics);
    }

    private static string[] Concat(string[] a, string[] b)
    {
        var all = new string[a.Length + b.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        return all;
    }

    /// <summary>Reads the positional paths, with '-' (or no path at all) meaning standard input.</summary>
    internal static void ReadAll(GetEventsRunner runner, IReadOnlyList<string> paths, Stream stdin)
    {
        if (paths.Count == 0)
        {
            runner.ReadStream(stdin, "<stdin>");
            return;
        }
        foreach (string path in paths)
        {
            if (path == "-") runner.ReadStream(stdin, "<stdin>");
            else runner.ReadPaths(new[] { path });
        }
    }

    internal static EventFilter ReadFilter(CliArguments parsed) => new EventFilter
    {
        EventTypes = parsed.Many("--event-type"),
        Categories = parsed.Many("--category"),
        Outcomes = parsed.Many("--outcome"),
        RuleIds = parsed.Many("--rule-id"),
        After = ParseTime(parsed.Single("--after"), "--after"),
        Before = ParseTime(parsed.Single("--before"), "--before"),
        Platform = ParsePlatform(parsed.Single("--platform")),
    };

    /// <summary>0 when every input was read without a bad record, 2 when no input could be read at all, else 1.</summary>
    internal static int ExitCode(ReadStatistics stats)
    {
        if (stats.InputsRequested > 0 && stats.InputsUnreadable == stats.InputsRequested) return 2;
        return stats.Errors > 0 ? 1 : 0;
    }

    private static DateTimeOffset? ParseTime(string? text, string option)
    {
        if (text == null) return null;
        if (CliTime.TryParse(text, DateTimeOffset.UtcNow, out var value)) return value;
        throw new CliUsageException("option " + option + ": '" + text + "' is not a time (use RFC 3339 such as 2026-11-20T10:00:00Z, a date, or now-6h)");
    }

    private static CsmPlatform? ParsePlatform(string? text)
    {
        if (text == null) return null;
        if (text.Equals("windows", StringComparison.OrdinalIgnoreCase)) return CsmPlatform.Windows;
        if (text.Equals("linux", StringComparison.OrdinalIgnoreCase)) return CsmPlatform.Linux;
        throw new CliUsageException("option --platform: '" + text + "' is not windows or linux");
    }
}
