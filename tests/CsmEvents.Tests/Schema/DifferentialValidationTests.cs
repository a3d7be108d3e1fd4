using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsmEvents.Schema;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Schema;

/// <summary>
/// Generated events (valid and mutated) judged by this engine and by Debian's python3-jsonschema must get the
/// same verdict and the same error locations: the set of (instance pointer, keyword) per event.
/// </summary>
public sealed class DifferentialValidationTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private const int EventsPerSchema = 1500;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "csm-schema-diff-" + Guid.NewGuid().ToString("N"));

    public DifferentialValidationTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WindowsSchemaAgreesWithPythonJsonschema()
    {
        string schemaPath = Path.Combine(_folder, "windows.schema.json");
        File.WriteAllText(schemaPath, EmbeddedSchemas.GetText("windows"));
        Compare(schemaPath, EmbeddedSchemas.Get("windows"), seed: 20250304);
    }

    [SharedFact]
    public void CurrentLinuxSchemaAgreesWithPythonJsonschema()
    {
        string schemaPath = RepoPaths.InShared("datadog-agent-schemas", "backend_linux.schema.json");
        Compare(schemaPath, SchemaCompiler.CompileFile(schemaPath), seed: 4242);
    }

    private void Compare(string schemaPath, CompiledSchema schema, int seed)
    {
        RequirePythonJsonschema();
        var generator = new SchemaEventGenerator(JsonNode.Parse(File.ReadAllText(schemaPath))!.AsObject(), seed);
        var events = new List<(string Json, string Mutations)>();
        for (int i = 0; i < EventsPerSchema; i++)
        {
            var (evt, mutations) = generator.Next(mutationProbability: 0.6);
            events.Add((evt.ToJsonString(), mutations));
        }
        string eventsPath = Path.Combine(_folder, "events.jsonl");
        File.WriteAllLines(eventsPath, events.Select(e => e.Json));

        var verdicts = RunPython(schemaPath, eventsPath);
        Assert.Equal(events.Count, verdicts.Count);

        var mismatches = new List<string>();
        int invalid = 0;
        for (int i = 0; i < events.Count; i++)
        {
            using var document = JsonDocument.Parse(events[i].Json);
            var result = schema.Validate(document.RootElement, SchemaValidationOptions.Events);
            var ours = result.Errors.Select(e => e.InstancePath + " " + e.Keyword).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
            var theirs = verdicts[i].Errors;
            if (!result.IsValid) invalid++;
            if (result.IsValid != verdicts[i].Valid || !ours.SequenceEqual(theirs))
            {
                mismatches.Add("event " + i + " (" + events[i].Mutations + "):\n    ours:   " + string.Join(", ", ours)
                               + "\n    python: " + string.Join(", ", theirs) + "\n    " + Shorten(events[i].Json));
            }
            Assert.Equal(result.IsValid, schema.IsValid(document.RootElement, SchemaValidationOptions.Events));
        }
        Assert.True(mismatches.Count == 0, mismatches.Count + " of " + events.Count + " events differ:\n" + string.Join("\n", mismatches.Take(10)));
        // The generator must exercise both outcomes substantially, or the comparison proves little.
        Assert.InRange(invalid, events.Count / 3, events.Count * 3 / 4);
    }

    private sealed record Verdict(bool Valid, List<string> Errors);

    private static List<Verdict> RunPython(string schemaPath, string eventsPath)
    {
        string script = RepoPaths.InRepo("tests", "CsmEvents.Tests", "Schema", "differential", "validate.py");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(schemaPath);
        start.ArgumentList.Add(eventsPath);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) != null) lines.Add(line);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "validate.py failed (exit " + process.ExitCode + "): " + stderr.Result);
        return lines.Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var errors = doc.RootElement.GetProperty("errors").EnumerateArray()
                .Select(e => e[0].GetString() + " " + e[1].GetString())
                .OrderBy(s => s, StringComparer.Ordinal).ToList();
            return new Verdict(doc.RootElement.GetProperty("valid").GetBoolean(), errors);
        }).ToList();
    }

    private static void RequirePythonJsonschema()
    {
        if (!File.Exists(Python)) Assert.Fail(Python + " is missing; the differential schema test needs it: apt-get install python3-jsonschema");
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import jsonschema");
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0) Assert.Fail("python3-jsonschema is not installed for " + Python + ": apt-get install python3-jsonschema");
    }

    private static string Shorten(string json) => json.Length <= 400 ? json : json.Substring(0, 400) + "...";
}
