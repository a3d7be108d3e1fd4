using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using CsmEvents.Commands;

namespace CsmEvents.Cli;

/// <summary>`csm-events tree`: merges the lineages of many events into process trees.</summary>
internal static class TreeCommand
{
    public const string Usage =
        "usage: csm-events tree [PATH ...] [--recurse] [--pid N] [--name PATTERN] [--ancestry] [--depth N] [--host NAME]\n" +
        "                       [--format text|json|dot|mermaid] [get's filters: --event-type, --after, ...]\n" +
        "                       [--max-record-size SIZE] [--verbose]\n" +
        "       csm-events tree --query QUERY [get's Datadog options: --from, --max-events, ...] [the options above]\n" +
        "  Builds each host's process tree from the events' process, parent and ancestors. --pid and --name (wildcards, on\n" +
        "  comm or executable name) select nodes: their subtrees are shown, or with --ancestry the path from the root to\n" +
        "  them. Hosts come from the Datadog envelope (--query or API pages), else each input is one host: read the API\n" +
        "  with --query here rather than piping `csm-events get --query` (its output has no envelopes, hence no hosts).\n" +
        GetCommand.MaxRecordSizeUsage + "\n" +
        DatadogOptions.TimeUsage + "\n" +
        "  Exit code as for get.";

    private static readonly string[] Valued = { "--pid", "--name", "--depth", "--host", "--format", "--event-type", "--category", "--outcome", "--rule-id", "--after", "--before", "--platform", "--max-record-size" };
    private static readonly string[] Flags = { "--recurse", "--ancestry", "--verbose" };

    public static int Run(IReadOnlyList<string> args, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellation, Func<string, string?> environment)
    {
        var parsed = CliArguments.Parse(args, GetCommand.Concat(Valued, DatadogOptions.Valued), GetCommand.Concat(Flags, DatadogOptions.Flags));
        var options = new TreeCommandOptions
        {
            Read = new GetEventsOptions { Recurse = parsed.Flag("--recurse"), Filter = GetCommand.ReadFilter(parsed), MaxRecordBytes = GetCommand.MaxRecordBytes(parsed) },
            Output = Format(parsed.Single("--format")),
        };
        foreach (string pid in parsed.Many("--pid") ?? Array.Empty<string>()) options.Tree.Pids.Add(Number(pid, "--pid"));
        foreach (string name in parsed.Many("--name") ?? Array.Empty<string>()) options.Tree.Names.Add(name);
        foreach (string host in parsed.Many("--host") ?? Array.Empty<string>()) options.Tree.Hosts.Add(host);
        options.Tree.Ancestry = parsed.Flag("--ancestry");
        if (parsed.Single("--depth") is string depth) options.Tree.Depth = (int)Number(depth, "--depth");

        using var output = new StreamWriter(stdout, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var sink = new ConsoleSink(stderr, cancellation, parsed.Flag("--verbose"), item => output.WriteLine((string)item));
        TreeCommandRunner runner;
        try
        {
            runner = new TreeCommandRunner(options, sink, output);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        if (DatadogOptions.Requested(parsed)) DatadogOptions.Read(parsed, stdin, environment, runner.Reader.ReadDatadog);
        else GetCommand.ReadAll(runner.Reader, sink, runner.Reader.Statistics, parsed.Positional, parsed.Flag("--recurse"), stdin, null, runner.Reader.Files, options.Read.MaxRecordBytes);
        runner.Complete();
        output.Flush();
        return GetCommand.ExitCode(runner.Reader.Statistics);
    }

    private static TreeOutput Format(string? text) => (text ?? "text").ToLowerInvariant() switch
    {
        "text" => TreeOutput.Text,
        "json" => TreeOutput.Json,
        "dot" => TreeOutput.Dot,
        "mermaid" => TreeOutput.Mermaid,
        _ => throw new CliUsageException("option --format: '" + text + "' is not text, json, dot or mermaid"),
    };

    private static long Number(string text, string option)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)) return value;
        throw new CliUsageException("option " + option + ": '" + text + "' is not a whole number");
    }
}
