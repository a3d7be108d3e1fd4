using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsmEvents.Schema;
using CsmEvents.Tests.Support;
using static CsmEvents.Tests.Schema.SchemaTestHelpers;

namespace CsmEvents.Tests.Schema;

public class EmbeddedSchemaTests
{
    [Fact]
    public void ListsTheThreeEmbeddedSchemasWithTheirDialects()
    {
        var list = EmbeddedSchemas.List;
        Assert.Equal(new[] { "windows", "linux", "base" }, list.Select(s => s.Name).ToArray());
        Assert.Equal(new[] { "2020-12", "draft-04", "2020-12" }, list.Select(s => s.Dialect).ToArray());
        Assert.Equal(new[] { "windows.schema.json" }, list[0].Files);
        Assert.Equal(10, list[2].Files.Count);
        Assert.All(list, s => Assert.False(string.IsNullOrWhiteSpace(s.Description)));
    }

    [Fact]
    public void EachEmbeddedSchemaCompilesAndReportsItsDialect()
    {
        Assert.Equal("2020-12", EmbeddedSchemas.Get("windows").Dialect);
        Assert.Equal("draft-04", EmbeddedSchemas.Get("linux").Dialect);
        Assert.Equal("2020-12", EmbeddedSchemas.Get("base").Dialect);
        Assert.Same(EmbeddedSchemas.Get("windows"), EmbeddedSchemas.Get("windows"));
    }

    [Fact]
    public void UnknownNameIsAClearError()
    {
        var ex = Assert.Throws<System.ArgumentException>(() => EmbeddedSchemas.Get("macos"));
        Assert.StartsWith("unknown embedded schema \"macos\" (available: windows, linux, base)", ex.Message);
    }

    [Fact]
    public void ExportsTheTextOfEveryDocument()
    {
        var files = EmbeddedSchemas.GetFiles("base");
        Assert.Equal("base-payload.json", files[0].FileName);
        Assert.Equal("file:///base-payload.json", files[0].Uri);
        Assert.Equal(EmbeddedSchemas.GetText("base"), files[0].Text);
        foreach (var file in files) JsonDocument.Parse(file.Text).Dispose();
        Assert.Contains("\"$id\": \"usr.json\"", files.Single(f => f.FileName == "usr.json").Text);
    }

    [Fact]
    public void RealisticWindowsEventsAreValid()
    {
        var schema = EmbeddedSchemas.Get("windows");
        foreach (var json in new[] { SampleEvents.WindowsExec, SampleEvents.WindowsRegistry })
        {
            var result = schema.Validate(SampleEvents.Parse(json), SchemaValidationOptions.Events);
            Assert.True(result.IsValid, Dump(result));
        }
    }

    [Fact]
    public void OldLinuxEventIsValidAgainstTheLinuxSchemaAndCurrentOnesAreNot()
    {
        var schema = EmbeddedSchemas.Get("linux");
        var old = schema.Validate(SampleEvents.Parse(SampleEvents.OldLinuxOpen), SchemaValidationOptions.Events);
        Assert.True(old.IsValid, Dump(old));

        var current = schema.Validate(SampleEvents.Parse(SampleEvents.CurrentLinuxExec), SchemaValidationOptions.Events);
        Assert.Equal(new[]
        {
            " | #/additionalProperties | additionalProperties | property \"agent\" is not allowed | {\"rule_id\":\"shell_from_webserver\",\"rule_version\":\"2\",\"policy_name\":\"default\",...",
            " | #/additionalProperties | additionalProperties | property \"title\" is not allowed | \"Shell spawned by a web server\"",
        }, Describe(current).Take(2).ToArray());
    }

    [Fact]
    public void BaseFormatEventIsValidAndMissingFieldsAreReportedInsideTheAnyOf()
    {
        var schema = EmbeddedSchemas.Get("base");
        var ok = schema.Validate(SampleEvents.Parse(SampleEvents.BaseFormatOpen), SchemaValidationOptions.Events);
        Assert.True(ok.IsValid, Dump(ok));

        var node = JsonNode.Parse(SampleEvents.BaseFormatOpen)!;
        node["process"]!.AsObject().Remove("executable_path");
        var bad = schema.Validate(SampleEvents.Parse(node.ToJsonString()));
        var error = Assert.Single(bad.Errors);
        Assert.Equal("anyOf", error.Keyword);
        Assert.Equal("#/anyOf", error.SchemaLocation);
        Assert.Equal("the value does not match any of the 2 alternatives (anyOf)", error.Message);
        // Each branch fails for the same reason; the branch errors point into process.json.
        // Branch 0 (the container variant) also misses the container context; branch 1 only the process field.
        Assert.Equal(new[]
        {
            "/process | file:///process.json#/required | required | missing required property \"executable_path\"",
            " | file:///container_context.json#/required | required | missing required property \"container\"",
            "/process | file:///process.json#/required | required | missing required property \"executable_path\"",
        }, error.Details.Select(d => d.InstancePath + " | " + d.SchemaLocation + " | " + d.Keyword + " | " + d.Message).ToArray());
    }

    [SharedFact]
    public void WindowsSchemaIsTheSeedJsonOfPages000_001_And004()
    {
        var embedded = JsonNode.Parse(EmbeddedSchemas.GetText("windows"))!;
        foreach (string seed in new[] { "000_bf0df510e36bab4b.txt", "001_f2b125e2bfd0efa0.txt", "004_a842d299d2f91b2b.txt" })
        {
            string text = File.ReadAllText(RepoPaths.InShared("seeds", seed));
            var block = JsonNode.Parse(FirstSchemaBlock(text))!;
            Assert.True(JsonNode.DeepEquals(embedded, block), seed + " differs from the embedded windows schema");
        }
        // And the agent's backend_windows.schema.json is the same JSON plus its $schema line.
        var agentFile = JsonNode.Parse(File.ReadAllText(RepoPaths.InShared("datadog-agent-schemas", "backend_windows.schema.json")))!.AsObject();
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)agentFile["$schema"]);
        agentFile.Remove("$schema");
        Assert.True(JsonNode.DeepEquals(embedded, agentFile));
    }

    [SharedFact]
    public void LinuxSchemaIsSeed003AssembledWithItsSectionsAsDefinitions()
    {
        string text = File.ReadAllText(RepoPaths.InShared("seeds", "003_b7c9c8412681b6e4.txt"));
        var sections = Regex.Split(text, @"^## `(\w+)`\s*$", RegexOptions.Multiline);
        var embedded = JsonNode.Parse(EmbeddedSchemas.GetText("linux"))!.AsObject();

        var top = JsonNode.Parse(FirstSchemaBlock(sections[0]))!.AsObject();
        Assert.Equal("http://json-schema.org/draft-04/schema#", (string?)embedded["$schema"]);
        foreach (var member in top) Assert.True(JsonNode.DeepEquals(member.Value, embedded[member.Key]), "top-level " + member.Key);

        var definitions = embedded["definitions"]!.AsObject();
        var names = new List<string>();
        for (int i = 1; i < sections.Length; i += 2)
        {
            names.Add(sections[i]);
            var section = JsonNode.Parse(FirstSchemaBlock(sections[i + 1]))!;
            Assert.True(JsonNode.DeepEquals(section, definitions[sections[i]]), "definition " + sections[i]);
        }
        Assert.Equal(16, names.Count);
        Assert.Equal(names, definitions.Select(d => d.Key).ToList());
        Assert.Equal(top.Count + 3, embedded.Count); // + $schema, $comment, definitions
    }

    [SharedFact]
    public void BaseSchemaIsSeed002WithItsThreeDocumentedFixesAndThreeAuthoredFiles()
    {
        string text = File.ReadAllText(RepoPaths.InShared("seeds", "002_a7013c371e5d8127.txt"));
        var blocks = Regex.Matches(text, "```json\n(.*?)\n```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        string[] order = { "base-payload.json", "event.json", "agent.json", "file.json", "process_context.json", "process.json", "usr.json" };
        Assert.Equal(order.Length, blocks.Count);
        var files = EmbeddedSchemas.GetFiles("base").ToDictionary(f => f.FileName, f => JsonNode.Parse(f.Text)!);

        // The page's process context block lacks its final brace.
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(blocks[4]));
        blocks[4] = blocks[4].TrimEnd() + "\n}";
        for (int i = 0; i < order.Length; i++)
        {
            var seed = JsonNode.Parse(blocks[i])!.AsObject();
            if (order[i] == "usr.json")
            {
                Assert.Equal("file.json", (string?)seed["$id"]); // the page reuses file.json's id
                seed["$id"] = "usr.json";
            }
            if (order[i] == "process.json")
            {
                var dependencies = seed["dependencies"]!.DeepClone();
                seed.Remove("dependencies");
                seed["dependentRequired"] = dependencies; // draft-07 spelling, 2020-12 keyword
            }
            Assert.True(JsonNode.DeepEquals(seed, files[order[i]]), order[i] + " differs from seed 002 (after the documented fixes)");
        }
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"container.json","type":"object","properties":{"id":{"type":"string"}},"required":["id"]}""",
            files["container.json"].ToJsonString());
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"container_path.json","type":"string","pattern":".*docker.*"}""",
            files["container_path.json"].ToJsonString());
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"container_context.json","type":"object","properties":{"container":{"$ref":"file:///container.json"}},"required":["container"]}""",
            files["container_context.json"].ToJsonString());
    }

    [SharedFact]
    public void FormatExampleBIsAValidWindowsEvent()
    {
        var example = FormatExample("Illustrative example B");
        Assert.Equal("windows", EventSchemaSelector.SelectEmbedded(example));
        var result = EmbeddedSchemas.Get("windows").Validate(example, SchemaValidationOptions.Events);
        Assert.True(result.IsValid, Dump(result));
    }

    [SharedFact]
    public void FormatExampleAFitsNoEmbeddedSchemaAndFailsTheCurrentLinuxSchemaOnlyInItsAbbreviatedAncestors()
    {
        var example = FormatExample("Illustrative example A");
        Assert.Null(EventSchemaSelector.SelectEmbedded(example));
        var schema = SchemaCompiler.CompileFile(RepoPaths.InShared("datadog-agent-schemas", "backend_linux.schema.json"));
        var result = schema.Validate(example, SchemaValidationOptions.Events);
        // The example abbreviates its ancestors: a "..." placeholder key, and no uid/gid (required for every
        // Process). python3-jsonschema reports the same nine errors.
        string Missing(int i, string p) => "/process/ancestors/" + i + " | #/$defs/Process/required | required | missing required property \"" + p + "\"";
        var expected = new List<string> { Missing(0, "uid"), Missing(0, "gid"),
            "/process/ancestors/0 | #/$defs/Process/additionalProperties | additionalProperties | property \"...\" is not allowed" };
        for (int i = 1; i <= 3; i++) { expected.Add(Missing(i, "uid")); expected.Add(Missing(i, "gid")); }
        Assert.Equal(expected, result.Errors.Select(e => e.InstancePath + " | " + e.SchemaLocation + " | " + e.Keyword + " | " + e.Message).ToList());
        Assert.Equal("\"same object as parent\"", result.Errors[2].Value);
    }

    [SharedFact]
    public void CurrentLinuxSampleIsValidAgainstDatadogsSchemaFile()
    {
        var schema = SchemaCompiler.CompileFile(RepoPaths.InShared("datadog-agent-schemas", "backend_linux.schema.json"));
        Assert.Equal("2020-12", schema.Dialect);
        Assert.Equal("backend_linux.schema.json", schema.Name);
        var result = schema.Validate(SampleEvents.Parse(SampleEvents.CurrentLinuxExec), SchemaValidationOptions.Events);
        Assert.True(result.IsValid, Dump(result));
    }

    private static string FirstSchemaBlock(string page)
    {
        var fenced = Regex.Match(page, "```json\n(.*?)\n```", RegexOptions.Singleline);
        var hugo = Regex.Match(page, "\\{\\{< code-block lang=\"json\"[^>]*>\\}\\}\n(.*?)\n\\{\\{< /code-block >\\}\\}", RegexOptions.Singleline);
        if (fenced.Success && (!hugo.Success || fenced.Index < hugo.Index)) return fenced.Groups[1].Value;
        Assert.True(hugo.Success, "no JSON block found");
        return hugo.Groups[1].Value;
    }

    internal static JsonElement FormatExample(string heading)
    {
        string text = File.ReadAllText(RepoPaths.InShared("FORMAT.md"));
        int at = text.IndexOf(heading, System.StringComparison.Ordinal);
        Assert.True(at >= 0, heading + " not found in FORMAT.md");
        var block = Regex.Match(text.Substring(at), "```json\n(.*?)\n```", RegexOptions.Singleline);
        return SampleEvents.Parse(block.Groups[1].Value);
    }
}
