using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace CsmEvents.Cli;

/// <summary>The `csm-events` command line, callable in-process so tests can run it with captured streams.</summary>
public static class CliApp
{
    private const string Usage =
        "usage: csm-events <command> [options]\n" +
        "commands:\n" +
        "  get      read events and write them as JSON lines\n" +
        "  test     validate events against the event schemas\n" +
        "  tree     merge the events' process lineages into process trees\n" +
        "  report   write one self-contained HTML incident report (timeline, process trees, events)\n" +
        "  schemas  list, export or fetch the event schemas (Datadog's, by agent version)\n" +
        "  help     show help for a command (csm-events help get)\n" +
        "  version  show the version";

    public static int Run(string[] args, Stream stdin, Stream stdout, TextWriter stderr) => Run(args, stdin, stdout, stderr, CancellationToken.None);

    public static int Run(string[] args, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellation)
        => Run(args, stdin, stdout, stderr, cancellation, System.Environment.GetEnvironmentVariable);

    /// <summary>Runs a command; <paramref name="environment"/> looks up environment variables (tests pass their own).</summary>
    public static int Run(string[] args, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellation, Func<string, string?> environment)
    {
        if (args.Length == 0)
        {
            stderr.WriteLine(Usage);
            return 2;
        }
        string command = args[0];
        var rest = new List<string>(args).GetRange(1, args.Length - 1);
        try
        {
            switch (command)
            {
                case "get":
                    if (rest.Contains("--help") || rest.Contains("-h")) return PrintHelp(stdout, GetCommand.Usage);
                    return GetCommand.Run(rest, stdin, stdout, stderr, cancellation, environment);
                case "test":
                    if (rest.Contains("--help") || rest.Contains("-h")) return PrintHelp(stdout, TestCommand.Usage);
                    return TestCommand.Run(rest, stdin, stdout, stderr, cancellation, environment);
                case "tree":
                    if (rest.Contains("--help") || rest.Contains("-h")) return PrintHelp(stdout, TreeCommand.Usage);
                    return TreeCommand.Run(rest, stdin, stdout, stderr, cancellation, environment);
                case "report":
                    if (rest.Contains("--help") || rest.Contains("-h")) return PrintHelp(stdout, ReportCommand.Usage);
                    return ReportCommand.Run(rest, stdin, stdout, stderr, cancellation, environment);
                case "schemas":
                    if (rest.Contains("--help") || rest.Contains("-h")) return PrintHelp(stdout, SchemasCommand.Usage);
                    return WithWriter(stdout, w => SchemasCommand.Run(rest, w, stderr, environment, cancellation));
                case "help":
                case "--help":
                case "-h":
                    return PrintHelp(stdout, rest.Count == 0 ? Usage : rest[0] switch
                    {
                        "get" => GetCommand.Usage,
                        "test" => TestCommand.Usage,
                        "schemas" => SchemasCommand.Usage,
                        "tree" => TreeCommand.Usage,
                        "report" => ReportCommand.Usage,
                        _ => Usage,
                    });
                case "version":
                case "--version":
                    return PrintHelp(stdout, "csm-events " + typeof(CliApp).Assembly.GetName().Version!.ToString(3));
                default:
                    stderr.WriteLine("csm-events: unknown command '" + command + "'");
                    stderr.WriteLine(Usage);
                    return 2;
            }
        }
        catch (CliUsageException ex)
        {
            stderr.WriteLine("csm-events " + command + ": " + ex.Message);
            return 2;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("csm-events: cancelled");
            return 130;
        }
    }

    private static int WithWriter(Stream stdout, Func<TextWriter, int> command)
    {
        using var writer = new StreamWriter(stdout, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        int code = command(writer);
        writer.Flush();
        return code;
    }

    private static int PrintHelp(Stream stdout, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text + "\n");
        stdout.Write(bytes, 0, bytes.Length);
        stdout.Flush();
        return 0;
    }
}
