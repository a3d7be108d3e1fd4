using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Report;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Cli;

/// <summary>`csm-events report`: one self-contained HTML page (summary, timeline, process trees, event table).</summary>
internal static class ReportCommand
{
    public const string Usage =
        "usage: csm-events report [PATH ...] [--recurse] [-o|--output FILE] [--title TEXT]\n" +
        "                         [--validate [--schema auto|windows|linux|base|FILE] [--ignore-additional-properties]]\n" +
        "                         [get's filters: --event-type, --rule-id, --after, ...] [--max-record-size SIZE] [--verbose]\n" +
        "       csm-events report --query QUERY [get's Datadog options: --from, --max-events, ...] [the options above]\n" +
        "  Writes one HTML file that needs nothing else (no network, no fonts, no CDN; opens offline and prints): hosts,\n" +
        "  time range, rules in severity order and event types at a glance; a timeline per rule or host; the process tree\n" +
        "  of each host (as `csm-events tree` builds it) with search; an event table with filters, where each event shows\n" +
        "  its JSON as read and its place in the tree; with --validate, the validation results (as `csm-events test`).\n" +
        "  No PATH or '-' reads standard input. Without --output the page goes to standard output. The file is written\n" +
        "  only when the page is complete (an existing file is replaced, read-only or not).\n" +
        GetCommand.MaxRecordSizeUsage + "\n" +
        DatadogOptions.TimeUsage + "\n" +
        "  Exit code as for get (1 when some records were bad: they are listed in the page), 2 for an unusable schema.";

    private static readonly string[] Valued = { "--output", "--title", "--schema", "--event-type", "--category", "--outcome", "--rule-id", "--after", "--before", "--platform", "--max-record-size" };
    private static readonly string[] Flags = { "--recurse", "--validate", "--ignore-additional-properties", "--verbose" };

    public static int Run(IReadOnlyList<string> args, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellation, Func<string, string?> environment)
    {
        var parsed = CliArguments.Parse(ExpandShortOptions(args), GetCommand.Concat(Valued, DatadogOptions.Valued), GetCommand.Concat(Flags, DatadogOptions.Flags));
        bool validate = parsed.Flag("--validate");
        string? schema = parsed.Single("--schema");
        if (!validate && (schema != null || parsed.Flag("--ignore-additional-properties")))
        {
            throw new CliUsageException("--schema and --ignore-additional-properties need --validate");
        }
        var options = new ReportOptions
        {
            Read = new GetEventsOptions { Recurse = parsed.Flag("--recurse"), Filter = GetCommand.ReadFilter(parsed), MaxRecordBytes = GetCommand.MaxRecordBytes(parsed) },
            Title = parsed.Single("--title"),
            Validate = validate,
            ValidateInOrder = parsed.Flag("--verbose"),
            SchemaCache = SchemaCache.FromEnvironment(environment),
            FetchCommand = TestCommand.FetchCommand,
            IgnoreAdditionalProperties = parsed.Flag("--ignore-additional-properties"),
        };
        if (schema != null)
        {
            // As csm-events test reads --schema: auto, an embedded or cached schema name (NAME@VERSION), else a file.
            if (TestCommand.IsSchemaName(schema)) options.SchemaName = schema;
            else options.SchemaPath = schema;
        }
        string? output = parsed.Single("--output");
        if (output != null)
        {
            if (output.Length == 0) throw new CliUsageException("option --output: give a file name");
            output = Path.GetFullPath(output);
            // Before reading: a run that cannot write says so at once.
            if (ReportFile.Check(output, noClobber: false, force: true) is { } problem)
            {
                stderr.WriteLine("csm-events report: " + problem.Message);
                return 2;
            }
        }

        var sink = new ConsoleSink(stderr, cancellation, parsed.Flag("--verbose"));
        ReportRunner runner;
        try
        {
            runner = new ReportRunner(options, sink);
        }
        catch (SchemaLoadException ex)
        {
            stderr.WriteLine("csm-events report: unusable schema: " + ex.Message);
            return 2;
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        if (DatadogOptions.Requested(parsed)) DatadogOptions.Read(parsed, stdin, environment, runner.ReadDatadog);
        else ReadAll(runner, parsed.Positional, stdin);

        var statistics = runner.Statistics;
        if (statistics.InputsRequested > 0 && statistics.InputsUnreadable == statistics.InputsRequested) return 2;
        ReportResult result;
        if (output == null)
        {
            result = runner.Complete(stdout);
        }
        else if (ReportFile.Write(output, force: true, runner.Complete, out var written) is { } problem)
        {
            stderr.WriteLine("csm-events report: " + problem.Message);
            return 2;
        }
        else result = written!;
        sink.Verbose("report: " + result);
        return GetCommand.ExitCode(statistics);
    }

    /// <summary>`-o FILE` is `--output FILE` (the one short option, as compilers and curl spell it).</summary>
    private static List<string> ExpandShortOptions(IReadOnlyList<string> args)
    {
        var expanded = new List<string>(args.Count);
        bool optionsEnded = false;
        foreach (string arg in args)
        {
            if (arg == "--") optionsEnded = true;
            expanded.Add(!optionsEnded && arg == "-o" ? "--output" : arg);
        }
        return expanded;
    }

    private static void ReadAll(ReportRunner runner, IReadOnlyList<string> paths, Stream stdin)
    {
        if (paths.Count == 0) paths = new[] { "-" };
        foreach (string path in paths)
        {
            if (path == "-") runner.ReadStream(stdin, "<stdin>");
            else runner.ReadPaths(new[] { path });
        }
    }
}
