using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Drift;
using CsmEvents.Model.Json;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;
using CsmEvents.Text;

namespace CsmEvents.Cli;

/// <summary>`csm-events test`: validates events against the event schemas, from files, stdin or the Datadog API.</summary>
internal static class TestCommand
{
    public const string Usage =
        "usage: csm-events test [PATH ...] [--recurse] [--schema auto|windows|linux|base|NAME@VERSION|FILE]\n" +
        "                       [--ignore-additional-properties] [--json] [--summary] [--baseline FILE [--update-baseline]]\n" +
        "                       [--junit FILE] [--max-record-size SIZE] [--verbose]\n" +
        "       csm-events test --query QUERY [get's Datadog options: --from, --to, --api-url, ...] [the options above]\n" +
        "  Validates each event. auto picks per event: windows (agent.os windows), linux or base (old formats), and for\n" +
        "  current Linux events the cached backend_linux schema of their agent.version (the nearest cached version at or\n" +
        "  below it, else the newest); fetch schemas once with `csm-events schemas --fetch VERSION`. Without --json: one\n" +
        "  line per invalid event (PATH:LINE: /instance/path: message) and a count; with --json: one JSON object per\n" +
        "  event, in input order. --summary prints the problems grouped by schema, keyword and path (array indexes as *),\n" +
        "  largest first (with --json: one JSON document). --baseline FILE accepts the groups FILE lists (--update-baseline\n" +
        "  writes the run's groups to FILE); --junit FILE writes a JUnit XML report. Both imply --summary.\n" +
        "  Unreadable records (invalid JSON or UTF-8, duplicate members, ...) are errors on standard error, as for get.\n" +
        GetCommand.MaxRecordSizeUsage + "\n" +
        DatadogOptions.TimeUsage + "\n" +
        "  --verbose: on standard error, the schema choice, the files read, and per file the records, bad records,\n" +
        "  schemas used and verdicts (files are then validated on one core).\n" +
        "  Exit code: 0 all valid (with --baseline: every problem in a known group), 1 some invalid, unreadable or not\n" +
        "  validated (with --baseline: a new group) or an input failed, 2 usage error, unusable schema or baseline, no\n" +
        "  input readable, or a report not written.";

    private static readonly string[] Valued = { "--schema", "--baseline", "--junit", "--max-record-size" };
    private static readonly string[] Flags = { "--recurse", "--ignore-additional-properties", "--json", "--verbose", "--summary", "--update-baseline" };

    public const string FetchCommand = "csm-events schemas --fetch {0}";

    public static int Run(IReadOnlyList<string> args, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellation, Func<string, string?> environment)
    {
        var parsed = CliArguments.Parse(args, GetCommand.Concat(Valued, DatadogOptions.Valued), GetCommand.Concat(Flags, DatadogOptions.Flags));
        string schema = parsed.Single("--schema") ?? TestEventsOptions.AutoSchema;
        var options = new TestEventsOptions
        {
            Detailed = true,
            Recurse = parsed.Flag("--recurse"),
            IgnoreAdditionalProperties = parsed.Flag("--ignore-additional-properties"),
            SchemaCache = SchemaCache.FromEnvironment(environment),
            FetchCommand = FetchCommand,
            Summary = parsed.Flag("--summary"),
            BaselinePath = parsed.Single("--baseline"),
            UpdateBaseline = parsed.Flag("--update-baseline"),
            JUnitPath = parsed.Single("--junit"),
            MaxRecordBytes = GetCommand.MaxRecordBytes(parsed),
        };
        if (options.UpdateBaseline && options.BaselinePath == null) throw new CliUsageException("--update-baseline needs --baseline FILE (the file to write)");
        if (options.Summarizes) options.Detailed = false;
        if (IsSchemaName(schema)) options.SchemaName = schema;
        else options.SchemaPath = schema;

        using var output = new StreamWriter(stdout, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        bool json = parsed.Flag("--json");
        var sink = new ConsoleSink(stderr, cancellation, parsed.Flag("--verbose"), item => Write(item, output, json));
        TestEventsRunner runner;
        try
        {
            runner = new TestEventsRunner(options, sink);
        }
        catch (SchemaLoadException ex)
        {
            stderr.WriteLine("csm-events test: unusable schema: " + ex.Message);
            return 2;
        }
        catch (BaselineLoadException ex)
        {
            stderr.WriteLine("csm-events test: unusable baseline: " + TerminalText.Escape(ex.Message));
            return 2;
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        try
        {
            if (DatadogOptions.Requested(parsed))
            {
                // Pages are validated as they arrive, in order, on this thread: the search is slower than validation,
                // and a search that fails after some pages must see the records already counted (then it is not "no
                // input").
                DatadogOptions.Read(parsed, stdin, environment, (client, search) => GetEventsRunner.ReadDatadog(client, search, runner, sink, runner.Reading));
            }
            else if (parsed.Positional.Count > 0 && !parsed.Positional.Contains("-") && !sink.IsVerbose)
            {
                // Files: validate on every core, verdicts in input order.
                var consumer = runner.CreateParallelConsumer();
                GetEventsRunner.ReadInputs(parsed.Positional, options.Recurse, consumer, sink, runner.Reading, runner.Files, options.MaxRecordBytes);
                consumer.Complete();
            }
            // Standard input, or --verbose (per-file schemas and counts need each verdict as its record is read).
            else GetCommand.ReadAll(runner, sink, runner.Reading, parsed.Positional, options.Recurse, stdin, null, runner.Files, options.MaxRecordBytes);
        }
        catch (OperationCanceledException)
        {
            output.Flush(); // whole lines only, as get (Ctrl+C)
            throw;
        }
        runner.ReportTotals();
        int exitCode = runner.Complete();
        var v = runner.Validation;
        if (!json && !options.Summarizes)
        {
            output.WriteLine($"{v.Valid + v.Invalid + v.WithoutSchema} events: {v.Valid} valid, {v.Invalid} invalid"
                + (v.WithoutSchema > 0 ? $", {v.WithoutSchema} not validated (no schema fits)" : "")
                + (v.Unreadable > 0 ? $", {v.Unreadable} unreadable records" : ""));
        }
        output.Flush();
        return exitCode;
    }

    /// <summary>auto, an embedded name, or a cached name (backend_linux@7.64.3) unless a file of that name exists.</summary>
    internal static bool IsSchemaName(string schema) =>
        schema.Equals(TestEventsOptions.AutoSchema, StringComparison.OrdinalIgnoreCase) || EmbeddedSchemas.Exists(schema)
        || (schema.IndexOf('@') > 0 && schema.IndexOfAny(new[] { '/', '\\' }) < 0 && !File.Exists(schema));

    private static void Write(object item, TextWriter output, bool json)
    {
        if (item is CsmDriftSummary summary)
        {
            output.Write(json ? DriftSummaryJson.Write(summary) + "\n" : summary.ToText());
            return;
        }
        WriteResult((CsmValidationResult)item, output, json);
    }

    private static void WriteResult(CsmValidationResult result, TextWriter output, bool json)
    {
        if (json)
        {
            output.WriteLine(ToJson(result));
            return;
        }
        if (result.IsValid) return;
        var first = result.Errors[0];
        string more = result.Errors.Length > 1 ? " (+" + (result.Errors.Length - 1) + " more)" : "";
        output.WriteLine(TerminalText.Escape(result.Source.Location + ": " + (first.InstancePath.Length == 0 ? "/" : first.InstancePath) + ": " + first.Message + more));
    }

    /// <summary>{"source":"PATH:LINE","valid":false,"schema":"windows","errors":[{"instancePath":...,"schemaLocation":...,"keyword":...,"message":...,"value":...}]}</summary>
    internal static string ToJson(CsmValidationResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions(indented: false)))
        {
            w.WriteStartObject();
            w.WriteString("source", result.Source.Location);
            w.WriteBoolean("valid", result.IsValid);
            if (result.Schema != null) w.WriteString("schema", result.Schema);
            else w.WriteNull("schema");
            w.WriteStartArray("errors");
            foreach (var error in result.Errors) WriteError(w, error);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteError(Utf8JsonWriter w, SchemaError error)
    {
        w.WriteStartObject();
        w.WriteString("instancePath", error.InstancePath);
        w.WriteString("schemaLocation", error.SchemaLocation);
        w.WriteString("keyword", error.Keyword);
        w.WriteString("message", error.Message);
        if (error.Value != null) w.WriteString("value", error.Value);
        if (error.Details.Count > 0)
        {
            w.WriteStartArray("details");
            foreach (var detail in error.Details) WriteError(w, detail);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
