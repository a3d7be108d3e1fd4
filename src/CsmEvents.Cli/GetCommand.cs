using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Export;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Cli;

/// <summary>`csm-events get`: reads events and writes each as one line of compact JSON (envelopes removed, unless
/// --format datadog-log keeps them).</summary>
internal static class GetCommand
{
    public const string Usage =
        "usage: csm-events get [PATH ...] [--recurse] [--event-type NAME] [--category C] [--outcome O]\n" +
        "                      [--rule-id ID] [--after TIME] [--before TIME] [--platform windows|linux]\n" +
        "                      [--format json|timesketch|csv|datadog-log] [--max-record-size SIZE] [--verbose]\n" +
        "  Reads JSON, JSON arrays, JSON lines, gzip and Datadog Logs API pages; no PATH or '-' reads standard input.\n" +
        "  Writes each event's own JSON as one compact line (envelopes removed, values exactly as written).\n" +
        "  --format timesketch: one Timesketch JSON line per event (message, datetime, timestamp_desc and the timeline\n" +
        "  columns as attributes). --format csv: a flat timeline CSV (RFC 4180, UTF-8, CRLF) with the header\n" +
        "  time_utc,host,platform,rule_id,event_type,category,outcome,process_name,pid,ppid,user,command_line,target,source;\n" +
        "  a field starting with = + - @ tab or CR gets a leading ' so spreadsheets do not run it as a formula.\n" +
        "  --format datadog-log: each event inside the Datadog log record it came in (id, host, message, service,\n" +
        "  status, tags, timestamp), one per line: read back by get, tree, test and report, the events keep their hosts.\n" +
        "  --event-type and --rule-id take wildcards (* ? [a-z]); options may repeat or take comma-separated lists.\n" +
        "  Each file is read once, however often it is named. --verbose: on standard error, the folders and files read,\n" +
        "  records and bad records per file and in all, and the Datadog requests (files are then read on one core).\n" +
        MaxRecordSizeUsage + "\n" +
        DatadogOptions.Usage + "\n" +
        "  Exit code: 0 all records read, 1 some records bad (good ones still written), 2 usage error or no input readable.";

    /// <summary>The --max-record-size line of every reading command's usage.</summary>
    internal const string MaxRecordSizeUsage =
        "  --max-record-size SIZE: records larger than SIZE (bytes, or with K, M, G: 512K, 64M, 1G; default 256M, at\n" +
        "  most 1G) are skipped with one error each and reading goes on after them; memory stays bounded by it.";

    private static readonly string[] Valued = { "--event-type", "--category", "--outcome", "--rule-id", "--after", "--before", "--platform", "--format", "--max-record-size" };
    private static readonly string[] Flags = { "--recurse", "--verbose" };

    public static int Run(IReadOnlyList<string> args, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellation, Func<string, string?> environment)
    {
        var parsed = CliArguments.Parse(args, Concat(Valued, DatadogOptions.Valued), Concat(Flags, DatadogOptions.Flags));
        var filter = ReadFilter(parsed);
        var format = Format(parsed.Single("--format"));
        long maxRecordBytes = MaxRecordBytes(parsed);
        var sink = new ConsoleSink(stderr, cancellation, parsed.Flag("--verbose"));
        var statistics = new ReadStatistics();
        var files = new FileLedger(); // each file once, however often it is named
        // Not disposed: standard output stays open for the caller. Both writers write the same lines.
        var buffered = new BufferedStream(stdout, 1 << 16);
        if (format == EventTextFormat.Csv)
        {
            var header = System.Text.Encoding.UTF8.GetBytes(CsvTimeline.Header + "\r\n");
            buffered.Write(header, 0, header.Length);
        }
        try
        {
            Read(parsed, filter, format, maxRecordBytes, sink, statistics, files, buffered, stdin, environment);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: every line handed to the buffer is whole, but the buffer may have written only the start of
            // the last one. Write the rest, so that the output stops at a record boundary.
            buffered.Flush();
            throw;
        }
        sink.Verbose(ReadReport.Total(statistics, ReadReport.Count(statistics.EventsEmitted, "event") + " written"));
        return ExitCode(statistics);
    }

    private static void Read(CliArguments parsed, EventFilter filter, EventTextFormat format, long maxRecordBytes, ConsoleSink sink, ReadStatistics statistics, FileLedger files,
        BufferedStream buffered, Stream stdin, Func<string, string?> environment)
    {
        if (DatadogOptions.Requested(parsed))
        {
            var writer = new StreamingLineWriter(buffered, filter, sink, statistics, format);
            DatadogOptions.Read(parsed, stdin, environment, (client, search) => GetEventsRunner.ReadDatadog(client, search, writer, sink, statistics, writer.Flush));
            writer.Flush();
        }
        else if (parsed.Positional.Count > 0 && !parsed.Positional.Contains("-") && !sink.IsVerbose)
        {
            // Files: parse on every core, output in input order (throughput).
            var writer = new ParallelLineWriter(buffered, filter, sink, statistics, format: format);
            GetEventsRunner.ReadInputs(parsed.Positional, parsed.Flag("--recurse"), writer, sink, statistics, files, maxRecordBytes);
            writer.Complete();
        }
        else
        {
            // Standard input (alone or among files), or --verbose (whose per-file counts need records counted as
            // they are read): each event as soon as it is read.
            var writer = new StreamingLineWriter(buffered, filter, sink, statistics, format);
            ReadAll(writer, sink, statistics, parsed.Positional, parsed.Flag("--recurse"), stdin, writer.Flush, files, maxRecordBytes);
            writer.Flush();
        }
    }

    private static EventTextFormat Format(string? text) => (text ?? "json").ToLowerInvariant() switch
    {
        "json" => EventTextFormat.Json,
        "timesketch" => EventTextFormat.Timesketch,
        "csv" => EventTextFormat.Csv,
        "datadog-log" => EventTextFormat.DatadogLog,
        _ => throw new CliUsageException("option --format: '" + text + "' is not json, timesketch, csv or datadog-log"),
    };

    internal static string[] Concat(string[] a, string[] b)
    {
        var all = new string[a.Length + b.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        return all;
    }

    /// <summary>Reads the positional paths in order into a consumer, with '-' (or no path at all) meaning standard
    /// input; <paramref name="afterEachChunk"/> runs after each piece of standard input.</summary>
    internal static void ReadAll(IRecordConsumer consumer, ICommandSink sink, ReadStatistics statistics, IReadOnlyList<string> paths, bool recurse, Stream stdin, Action? afterEachChunk,
        FileLedger files, long maxRecordBytes = RecordSplitter.DefaultMaxRecordBytes)
    {
        if (paths.Count == 0) paths = new[] { "-" };
        foreach (string path in paths)
        {
            if (path == "-")
            {
                long records = statistics.Records, bad = statistics.Errors;
                GetEventsRunner.ReadStream(stdin, "<stdin>", consumer, statistics, afterEachChunk, sink.Cancellation, maxRecordBytes);
                sink.Verbose(ReadReport.Done("<stdin>", statistics.Records - records, statistics.Errors - bad));
            }
            else GetEventsRunner.ReadInputs(new[] { path }, recurse, consumer, sink, statistics, files, maxRecordBytes);
        }
    }

    /// <summary>--max-record-size: bytes, or a number with K, M or G (binary units).</summary>
    internal static long MaxRecordBytes(CliArguments parsed)
    {
        string? text = parsed.Single("--max-record-size");
        if (text == null) return RecordSplitter.DefaultMaxRecordBytes;
        if (!SizeText.TryParse(text, out long bytes) || bytes < RecordSplitter.MinMaxRecordBytes || bytes > RecordSplitter.MaxMaxRecordBytes)
        {
            throw new CliUsageException("option --max-record-size: '" + text + "' is not a size from " + SizeText.Format(RecordSplitter.MinMaxRecordBytes) +
                " to " + SizeText.Format(RecordSplitter.MaxMaxRecordBytes) + " (bytes, or a number with K, M or G such as 64M)");
        }
        return bytes;
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

    /// <summary>0 when every input was read without a bad record, 2 when no input could be read at all (missing,
    /// unreadable, a dangling link), else 1.</summary>
    internal static int ExitCode(ReadStatistics stats)
    {
        if (stats.NothingReadable) return 2;
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
