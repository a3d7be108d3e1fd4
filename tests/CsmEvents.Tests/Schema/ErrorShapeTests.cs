using System.Linq;
using System.Text.Json.Nodes;
using CsmEvents.Schema;
using static CsmEvents.Tests.Schema.SchemaTestHelpers;

namespace CsmEvents.Tests.Schema;

/// <summary>The exact errors a user sees for typical mistakes in Windows events (embedded schema).</summary>
public class ErrorShapeTests
{
    private static SchemaValidationResult ValidateWindows(System.Action<JsonNode> mutate, SchemaValidationOptions? options = null)
    {
        var node = JsonNode.Parse(SampleEvents.WindowsExec)!;
        mutate(node);
        return EmbeddedSchemas.Get("windows").Validate(SampleEvents.Parse(node.ToJsonString()), options ?? SchemaValidationOptions.Events);
    }

    [Fact]
    public void WrongType()
    {
        var result = ValidateWindows(e => e["process"]!["pid"] = "12");
        var error = Assert.Single(result.Errors);
        Assert.Equal("/process/pid", error.InstancePath);
        Assert.Equal("#/$defs/ProcessContext/properties/pid/type", error.SchemaLocation);
        Assert.Equal("type", error.Keyword);
        Assert.Equal("expected integer, got string \"12\"", error.Message);
        Assert.Equal("\"12\"", error.Value);
        Assert.Empty(error.Details);
    }

    [Fact]
    public void MissingRequiredPropertyIsReportedAtTheObjectThatLacksIt()
    {
        var result = ValidateWindows(e => e["agent"]!.AsObject().Remove("rule_id"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("/agent", error.InstancePath);
        Assert.Equal("#/$defs/AgentContext/required", error.SchemaLocation);
        Assert.Equal("required", error.Keyword);
        Assert.Equal("missing required property \"rule_id\"", error.Message);
        Assert.Equal("{\"rule_version\":\"3\",\"policy_name\":\"windows_default\",\"policy_version\":\"1.4.0\",...", error.Value);
    }

    [Fact]
    public void UnknownPropertyIsReportedAtTheObjectWithTheNameInTheMessage()
    {
        var result = ValidateWindows(e => e["process"]!["parent"]!["integrity_level"] = "high");
        var error = Assert.Single(result.Errors);
        Assert.Equal("/process/parent", error.InstancePath);
        Assert.Equal("#/$defs/Process/additionalProperties", error.SchemaLocation);
        Assert.Equal("additionalProperties", error.Keyword);
        Assert.Equal("property \"integrity_level\" is not allowed", error.Message);
        Assert.Equal("\"high\"", error.Value);
    }

    [Fact]
    public void BadDateWhenFormatsAreAsserted()
    {
        var result = ValidateWindows(e => e["date"] = "2026-13-01T00:00:00Z");
        var error = Assert.Single(result.Errors);
        Assert.Equal("/date", error.InstancePath);
        Assert.Equal("#/properties/date/format", error.SchemaLocation);
        Assert.Equal("format", error.Keyword);
        Assert.Equal("\"2026-13-01T00:00:00Z\" is not a valid date-time (RFC 3339)", error.Message);
        Assert.Equal("\"2026-13-01T00:00:00Z\"", error.Value);
    }

    [Fact]
    public void BadDateIsOnlyAnAnnotationWithTheDefaultOptions()
    {
        var result = ValidateWindows(e => e["date"] = "yesterday", SchemaValidationOptions.Default);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void NestedArrayItem()
    {
        var result = ValidateWindows(e => e["process"]!["ancestors"]![1]!["pid"] = true);
        var error = Assert.Single(result.Errors);
        Assert.Equal("/process/ancestors/1/pid", error.InstancePath);
        Assert.Equal("#/$defs/Process/properties/pid/type", error.SchemaLocation);
        Assert.Equal("expected integer, got boolean true", error.Message);
        Assert.Equal("true", error.Value);
    }

    [Fact]
    public void AllErrorsAreCollectedInDocumentOrder()
    {
        var result = ValidateWindows(e =>
        {
            e.AsObject().Remove("title");
            e["evt"]!["async"] = "yes";
            e["process"]!["exec_time"] = "2025-03-04 09:15:27";
            e["process"]!["ancestors"]![3]!["executable"]!["name"] = 4;
            e["usr"]!["domain"] = "CONTOSO";
        });
        Assert.Equal(new[]
        {
            " | #/required | required | missing required property \"title\" | {\"agent\":{\"rule_id\":\"powershell_encoded_command\",\"rule_version\":\"3\",\"policy_n...",
            "/evt/async | #/$defs/EventContext/properties/async/type | type | expected boolean, got string \"yes\" | \"yes\"",
            "/process/exec_time | #/$defs/ProcessContext/properties/exec_time/format | format | \"2025-03-04 09:15:27\" is not a valid date-time (RFC 3339) | \"2025-03-04 09:15:27\"",
            "/process/ancestors/3/executable/name | #/$defs/File/properties/name/type | type | expected string, got integer 4 | 4",
            "/usr | #/$defs/UserContext/additionalProperties | additionalProperties | property \"domain\" is not allowed | \"CONTOSO\"",
        }, Describe(result));
    }

    [Fact]
    public void RelaxedModeIgnoresOnlyAdditionalProperties()
    {
        var relaxed = new SchemaValidationOptions(ignoreAdditionalProperties: true, assertFormat: true);
        var result = ValidateWindows(e =>
        {
            e["agent"]!["original_rule_id"] = "x";
            e["process"]!["is_kthread"] = false;
            e["process"]!["pid"] = -1.5;
        }, relaxed);
        Assert.Equal(new[]
        {
            "/process/pid | #/$defs/ProcessContext/properties/pid/type | type | expected integer, got number -1.5 | -1.5",
        }, Describe(result));
        var strict = ValidateWindows(e => e["agent"]!["original_rule_id"] = "x");
        Assert.Equal("property \"original_rule_id\" is not allowed", Assert.Single(strict.Errors).Message);
    }

    [Fact]
    public void LongValuesAreShortenedTo80CharactersWithAnEllipsis()
    {
        string longText = new string('x', 200);
        var withLong = ValidateWindows(e => e["usr"]!["name"] = new JsonArray(longText));
        var error = Assert.Single(withLong.Errors);
        Assert.Equal(80, error.Value!.Length);
        Assert.Equal("[\"" + new string('x', 75) + "...", error.Value);
        Assert.Equal("expected string, got array", error.Message);
    }

    [Fact]
    public void AnyOfReportsTheBranchErrorsAsDetailsAndNeverThoseOfAPassingBranch()
    {
        var schema = SchemaCompiler.CompileText("""
            {
              "$defs": {
                "path": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
                "key":  {"type": "object", "properties": {"key_path": {"type": "string"}}, "required": ["key_path"]}
              },
              "properties": {"target": {"anyOf": [{"$ref": "#/$defs/path"}, {"$ref": "#/$defs/key"}]}}
            }
            """, "anyof-test");
        Assert.True(schema.Validate(SampleEvents.Parse("""{"target": {"path": "C:\\x", "key_path": 5}}""")).IsValid);

        var result = schema.Validate(SampleEvents.Parse("""{"target": {"key_path": 5}}"""));
        var error = Assert.Single(result.Errors);
        Assert.Equal("/target", error.InstancePath);
        Assert.Equal("#/properties/target/anyOf", error.SchemaLocation);
        Assert.Equal("anyOf", error.Keyword);
        Assert.Equal("the value does not match any of the 2 alternatives (anyOf)", error.Message);
        Assert.Equal("{\"key_path\":5}", error.Value);
        Assert.Equal(new[]
        {
            "/target | #/$defs/path/required | required | missing required property \"path\" | {\"key_path\":5}",
            "/target/key_path | #/$defs/key/properties/key_path/type | type | expected string, got integer 5 | 5",
        }, error.Details.Select(d => d.InstancePath + " | " + d.SchemaLocation + " | " + d.Keyword + " | " + d.Message + " | " + d.Value).ToArray());
    }

    [Fact]
    public void OneOfWithNoMatchNestsBranchErrorsAndWithTwoMatchesNamesThem()
    {
        var schema = SchemaCompiler.CompileText("""
            {"oneOf": [{"properties": {"pid": {"enum": [1]}}, "required": ["pid"]},
                       {"properties": {"pid": {"minimum": 2}, "ppid": {"type": "integer"}}, "required": ["pid"]}]}
            """, "oneof-test");
        Assert.True(schema.IsValid(SampleEvents.Parse("""{"pid": 1}""")));

        var none = Assert.Single(schema.Validate(SampleEvents.Parse("""{"pid": 0}""")).Errors);
        Assert.Equal("", none.InstancePath);
        Assert.Equal("#/oneOf", none.SchemaLocation);
        Assert.Equal("the value does not match any of the 2 alternatives (oneOf: exactly one must match)", none.Message);
        Assert.Equal(new[]
        {
            "/pid | #/oneOf/0/properties/pid/enum | enum | integer 0 is not one of the allowed values: 1",
            "/pid | #/oneOf/1/properties/pid/minimum | minimum | 0 is less than the minimum 2",
        }, none.Details.Select(d => d.InstancePath + " | " + d.SchemaLocation + " | " + d.Keyword + " | " + d.Message).ToArray());

        var schema2 = SchemaCompiler.CompileText("""{"oneOf": [{"type": "integer"}, {"minimum": 2}, {"maximum": 0}]}""", "oneof-two");
        var two = Assert.Single(schema2.Validate(SampleEvents.Parse("5")).Errors);
        Assert.Equal("the value matches 2 alternatives (0 and 1), but oneOf allows exactly one", two.Message);
        Assert.Empty(two.Details);
    }

    [Fact]
    public void ErrorsOfSchemasInOtherDocumentsCarryThatDocumentsBaseUri()
    {
        var set = new SchemaSet();
        set.Add("https://example.test/schemas/process.json", """{"type": "object", "properties": {"pid": {"type": "integer"}}}""");
        set.Add("https://example.test/schemas/event.json", """{"properties": {"process": {"$ref": "process.json"}}}""");
        var schema = set.Compile("https://example.test/schemas/event.json", "event");
        var error = Assert.Single(schema.Validate(SampleEvents.Parse("""{"process": {"pid": "x"}}""")).Errors);
        Assert.Equal("/process/pid", error.InstancePath);
        Assert.Equal("https://example.test/schemas/process.json#/properties/pid/type", error.SchemaLocation);
    }

    [Fact]
    public void PointerTokensAreEscapedInInstancePaths()
    {
        var schema = SchemaCompiler.CompileText("""{"additionalProperties": {"type": "string"}}""", "escape");
        var error = Assert.Single(schema.Validate(SampleEvents.Parse("""{"a/b~c": 1}""")).Errors);
        Assert.Equal("/a~1b~0c", error.InstancePath);
        Assert.Equal("#/additionalProperties/type", error.SchemaLocation);
    }

    [Fact]
    public void ValidationIsThreadSafeAndDeterministic()
    {
        var schema = EmbeddedSchemas.Get("windows");
        var bad = JsonNode.Parse(SampleEvents.WindowsExec)!;
        bad["process"]!["pid"] = "x";
        bad["usr"]!["extra"] = 1;
        var good = SampleEvents.Parse(SampleEvents.WindowsExec);
        var badElement = SampleEvents.Parse(bad.ToJsonString());
        string expected = Dump(schema.Validate(badElement, SchemaValidationOptions.Events));
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        System.Threading.Tasks.Parallel.For(0, 2000, i =>
        {
            if (i % 2 == 0)
            {
                if (!schema.IsValid(good, SchemaValidationOptions.Events)) failures.Add("good event judged invalid");
            }
            else if (Dump(schema.Validate(badElement, SchemaValidationOptions.Events)) != expected) failures.Add("different errors");
        });
        Assert.Empty(failures);
        Assert.Equal(2, expected.Split('\n').Length);
    }
}
