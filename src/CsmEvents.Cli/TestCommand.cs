using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Model.Json;
using CsmEvents.Schema;
using CsmEvents.Text;

namespace CsmEvents.Cli;

/// <summary>`csm-events test`: validates events against the event schemas.</summary>
internal static class TestCommand
{
    public const string Usage =
        "usage: csm-events test [PATH ...] [--recurse] [--schema auto|windows|linux|base|FILE] [--ignore-additional-properties] [--json]\n" +
        "                       [--max-record-size SIZE]\n" +
        "  Validates each event. auto picks windows (agent.os windows) or linux (old-format events) per event; current\n" +
        "  Linux events need Datadog's backend_linux.schema.json given as FILE. Without --json: one line per invalid event\n" +
        "  (PATH:LINE: /instance/path: message) and a summary; with --json: one JSON object per event, in input order.\n" +
        "  Unreadable records (invalid JSON or UTF-8, duplicate members, ...) are errors on standard error, as for get.\n" +
        GetCommand.MaxRecordSizeUsage + "\n" +
        "  Exit code: 0 all valid, 1 some invalid, unreadable or not validated, 2 usage error or unusable schema.";

    private static readonly string[] Valued = { "--schema", "--max-record-size" };
    private static readonly string[] Flags = { "--recurse", "--ignore-additional-properties", "--json", "--verbose" };

    public static int Run(IReadOnlyList<string> args, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var parsed = CliArguments.Parse(args, Valued, Flags);
        string schema = parsed.Single("--schema") ?? TestEventsOptions.AutoSchema;
        var options = new TestEventsOptions
        {
            Detailed = true,
            Recurse = parsed.Flag("--recurse"),
            IgnoreAdditionalProperties = parsed.Flag("--ignore-additional-properties"),
            MaxRecordBytes = GetCommand.MaxRecordBytes(parsed),
        };
        if (EmbeddedSchemas.Exists(schema) || schema.Equals(TestEventsOptions.AutoSchema, StringComparison.OrdinalIgnoreCase)) options.SchemaName = schema;
        else options.SchemaPath = schema;

        using var output = new StreamWriter(stdout, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        bool json = parsed.Flag("--json");
        var sink = new ConsoleSink(stderr, cancellation, parsed.Flag("--verbose"),
            item => WriteResult((CsmValidationResult)item, output, json));
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
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        try
        {
            if (parsed.Positional.Count > 0 && !parsed.Positional.Contains("-"))
            {
                // Files: validate on every core, verdicts in input order.
                var consumer = runner.CreateParallelConsumer();
                GetEventsRunner.ReadInputs(parsed.Positional, options.Recurse, consumer, sink, runner.Reading, options.MaxRecordBytes);
                consumer.Complete();
            }
            else GetCommand.ReadAll(runner, sink, runner.Reading, parsed.Positional, options.Recurse, stdin, null, options.MaxRecordBytes);
        }
        catch (OperationCanceledException)
        {
            output.Flush(); // whole lines only, as get (Ctrl+C)
            throw;
        }
        var v = runner.Validation;
        if (!json)
        {
            output.WriteLine($"{v.Valid + v.Invalid + v.WithoutSchema} events: {v.Valid} valid, {v.Invalid} invalid"
                + (v.WithoutSchema > 0 ? $", {v.WithoutSchema} not validated (no schema fits)" : "")
                + (v.Unreadable > 0 ? $", {v.Unreadable} unreadable records" : ""));
        }
        output.Flush();
        if (runner.Reading.NothingReadable) return 2;
        return v.Invalid > 0 || v.Unreadable > 0 || v.WithoutSchema > 0 ? 1 : 0;
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
        output.WriteLine(TerminalText.Escape(result.Source + ": " + (first.InstancePath.Length == 0 ? "/" : first.InstancePath) + ": " + first.Message + more));
    }

    /// <summary>{"source":"PATH:LINE","valid":false,"schema":"windows","errors":[{"instancePath":...,"schemaLocation":...,"keyword":...,"message":...,"value":...}]}</summary>
    internal static string ToJson(CsmValidationResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions(indented: false)))
        {
            w.WriteStartObject();
            w.WriteString("source", result.Source.ToString());
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
