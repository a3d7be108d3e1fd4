using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Cli;

/// <summary>`csm-events get`: reads events and writes each as one line of compact JSON (envelopes removed).</summary>
internal static class GetCommand
{
    public const string Usage =
        "usage: csm-events get [PATH ...] [--recurse] [--event-type NAME] [--category C] [--outcome O]\n" +
        "                      [--rule-id ID] [--after TIME] [--before TIME] [--platform windows|linux]\n" +
        "  Reads JSON, JSON arrays, JSON lines, gzip and Datadog Logs API pages; no PATH or '-' reads standard input.\n" +
        "  Writes each event's own JSON as one compact line (envelopes removed, values exactly as written).\n" +
        "  --event-type and --rule-id take wildcards (* ? [a-z]); options may repeat or take comma-separated lists.\n" +
        DatadogOptions.Usage + "\n" +
        "  Exit code: 0 all records read, 1 some records bad (good ones still written), 2 usage error or no input readable.";

    private static readonly string[] Valued = { "--event-type", "--category", "--outcome", "--rule-id", "--after", "--before", "--platform" };
    private static readonly string[] Flags = { "--recurse", "--verbose" };

    public static int Run(IReadOnlyList<string> args, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellation, Func<string, string?> environment)
    {
        var parsed = CliArguments.Parse(args, Concat(Valued, DatadogOptions.Valued), Concat(Flags, DatadogOptions.Flags));
        var filter = ReadFilter(parsed);
        var sink = new ConsoleSink(stderr, cancellation, parsed.Flag("--verbose"));
        var statistics = new ReadStatistics();
        // Not disposed: standard output stays open for the caller. Both writers write the same lines.
        var buffered = new BufferedStream(stdout, 1 << 16);
        if (DatadogOptions.Requested(parsed))
        {
            var writer = new StreamingLineWriter(buffered, filter, sink, statistics);
            DatadogOptions.Read(parsed, stdin, environment, (client, search) => GetEventsRunner.ReadDatadog(client, search, writer, sink, statistics, writer.Flush));
            writer.Flush();
        }
        else if (parsed.Positional.Count > 0 && !parsed.Positional.Contains("-"))
        {
            // Files: parse on every core, output in input order (throughput).
            var writer = new ParallelLineWriter(buffered, filter, sink, statistics);
            GetEventsRunner.ReadInputs(parsed.Positional, parsed.Flag("--recurse"), writer, sink, statistics);
            writer.Complete();
        }
        else
        {
            // Standard input (alone or among files): each event as soon as it is read.
            var writer = new StreamingLineWriter(buffered, filter, sink, statistics);
            ReadAll(writer, sink, statistics, parsed.Positional, parsed.Flag("--recurse"), stdin, writer.Flush);
            writer.Flush();
        }
        return ExitCode(statistics);
    }

    internal static string[] Concat(string[] a, string[] b)
    {
        var all = new string[a.Length + b.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        return all;
    }

    /// <summary>Reads the positional paths in order into a consumer, with '-' (or no path at all) meaning standard
    /// input; <paramref name="afterEachChunk"/> runs after each piece of standard input.</summary>
    internal static void ReadAll(IRecordConsumer consumer, ICommandSink sink, ReadStatistics statistics, IReadOnlyList<string> paths, bool recurse, Stream stdin, Action? afterEachChunk = null)
    {
        if (paths.Count == 0) paths = new[] { "-" };
        foreach (string path in paths)
        {
            if (path == "-") GetEventsRunner.ReadStream(stdin, "<stdin>", consumer, statistics, afterEachChunk, sink.Cancellation);
            else GetEventsRunner.ReadInputs(new[] { path }, recurse, consumer, sink, statistics);
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
        if (Text.TimeText.TryParse(text, DateTimeOffset.UtcNow, out var value)) return value;
        throw new CliUsageException("option " + option + ": '" + text + "' is not a time (" + Text.TimeText.Forms + ")");
    }

    private static CsmPlatform? ParsePlatform(string? text)
    {
        if (text == null) return null;
        if (text.Equals("windows", StringComparison.OrdinalIgnoreCase)) return CsmPlatform.Windows;
        if (text.Equals("linux", StringComparison.OrdinalIgnoreCase)) return CsmPlatform.Linux;
        throw new CliUsageException("option --platform: '" + text + "' is not windows or linux");
    }
}
