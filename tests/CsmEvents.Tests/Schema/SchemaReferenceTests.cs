using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using CsmEvents.Schema;
using CsmEvents.Tests.Support;
using static CsmEvents.Tests.Schema.SchemaTestHelpers;

namespace CsmEvents.Tests.Schema;

/// <summary>$ref resolution to files beside a schema, Datadog's test schemas, and compile-time errors.</summary>
public sealed class SchemaReferenceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "csm-schema-refs-" + Guid.NewGuid().ToString("N"));

    public SchemaReferenceTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string json)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void FileUriRelativeAndRootedReferencesAllFindFilesBesideTheSchema()
    {
        Write("pid.json", """{"type": "integer", "minimum": 0}""");
        Write("name.json", """{"type": "string"}""");
        Write("time.json", """{"type": "string", "format": "date-time"}""");
        string main = Write("main.json", """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "properties": {"pid": {"$ref": "file:///pid.json"}, "name": {"$ref": "name.json"}, "date": {"$ref": "/schemas/time.json"}}}
            """);
        var schema = SchemaCompiler.CompileFile(main);
        Assert.True(schema.IsValid(SampleEvents.Parse("""{"pid": 1, "name": "x", "date": "2025-01-01T00:00:00Z"}"""), SchemaValidationOptions.Events));
        var result = schema.Validate(SampleEvents.Parse("""{"pid": -1, "name": 2, "date": "never"}"""), SchemaValidationOptions.Events);
        Assert.Equal(new[]
        {
            "/pid | file:///pid.json#/minimum | minimum | -1 is less than the minimum 0 | -1",
            "/name | " + new Uri(Path.Combine(_folder, "name.json")).AbsoluteUri + "#/type | type | expected string, got integer 2 | 2",
            "/date | file:///schemas/time.json#/format | format | \"never\" is not a valid date-time (RFC 3339) | \"never\"",
        }, Describe(result));
    }

    [Fact]
    public void MissingReferencedFileIsALoadErrorNamingTheFileAndPointer()
    {
        string main = Write("main.json", """{"properties": {"a": {"$ref": "file:///nowhere.json"}}}""");
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaCompiler.CompileFile(main));
        Assert.Equal(main, ex.SchemaFile);
        Assert.Equal("/properties/a/$ref", ex.Pointer);
        Assert.Equal(main + ": /properties/a/$ref: unknown $ref target \"file:///nowhere.json\": no schema is known as file:///nowhere.json"
                     + " (references resolve offline only: within the schema, to registered or embedded schemas, and to files beside the schema file)", ex.Message);
    }

    [Fact]
    public void UnknownInternalTargetIsALoadError()
    {
        string main = Write("main.json", """{"$defs": {"Yes": {}}, "properties": {"a": {"$ref": "#/$defs/Nope"}}}""");
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaCompiler.CompileFile(main));
        Assert.Equal("/properties/a/$ref", ex.Pointer);
        Assert.Equal("unknown $ref target \"#/$defs/Nope\": nothing at /$defs/Nope in " + main, ex.Reason);
    }

    [Fact]
    public void NetworkReferencesAreNeverFetched()
    {
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaCompiler.CompileText("""{"$ref": "https://json-schema.example/remote.json"}""", "net"));
        Assert.Equal("/$ref", ex.Pointer);
        Assert.StartsWith("unknown $ref target \"https://json-schema.example/remote.json\": no schema is known as https://json-schema.example/remote.json", ex.Reason);
    }

    [Fact]
    public void MissingSchemaFileIsALoadError()
    {
        string path = Path.Combine(_folder, "absent.json");
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaCompiler.CompileFile(path));
        Assert.Equal(path + ": (root): schema file not found", ex.Message);
    }

    [Fact]
    public void MalformedJsonNamesTheLine()
    {
        string path = Write("broken.json", "{\n  \"type\": \"object\",\n  \"properties\": {\n}\n");
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaCompiler.CompileFile(path));
        Assert.Equal(path, ex.SchemaFile);
        Assert.Equal("", ex.Pointer);
        Assert.StartsWith("not valid JSON at line 5, byte 1:", ex.Reason);
    }

    [Theory]
    [InlineData("""{"properties": {"a": {"type": 5}}}""", "/properties/a/type", "unknown type 5 (expected one of null, boolean, object, array, number, string, integer)")]
    [InlineData("""{"type": ["string", "text"]}""", "/type/1", "unknown type \"text\" (expected one of null, boolean, object, array, number, string, integer)")]
    [InlineData("""{"minLength": -1}""", "/minLength", "minLength must be a non-negative integer")]
    [InlineData("""{"required": ["a", 1]}""", "/required/1", "required must contain only strings")]
    [InlineData("""{"items": 3}""", "/items", "items must be a schema (an object or a boolean), found a number")]
    [InlineData("""{"anyOf": []}""", "/anyOf", "anyOf must be a non-empty array of schemas")]
    [InlineData("""{"patternProperties": {"(": {}}}""", "/patternProperties/(", "invalid regular expression \"(\": ")]
    [InlineData("""{"$schema": "https://json-schema.org/draft/2019-09/schema"}""", "/$schema", "$schema \"https://json-schema.org/draft/2019-09/schema\" names a draft this engine does not implement (supported: draft-04, draft-06, draft-07, 2020-12)")]
    [InlineData("""{"$schema": "https://example.test/my-meta"}""", "/$schema", "unknown $schema \"https://example.test/my-meta\": not a supported draft, and no such meta-schema is registered or found beside the schema")]
    [InlineData("""{"$defs": {"x": 1}, "$ref": "#/$defs/x"}""", "/$ref", "$ref \"#/$defs/x\" points to a number at /$defs/x in inline, not to a schema")]
    public void InvalidKeywordValuesAreLoadErrorsAtTheirPointer(string json, string pointer, string reasonStart)
    {
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaCompiler.CompileText(json, "inline"));
        Assert.Equal("inline", ex.SchemaFile);
        Assert.Equal(pointer, ex.Pointer);
        Assert.StartsWith(reasonStart, ex.Reason);
    }

    [Fact]
    public void DuplicateKeysInSchemasKeepTheLastValueLikeGo()
    {
        var schema = SchemaCompiler.CompileText("""{"type": "string", "properties": {"a": {"type": "string"}}, "type": "object", "properties": {"a": {"type": "integer"}}}""", "dup");
        Assert.True(schema.IsValid(SampleEvents.Parse("""{"a": 1}""")));
        Assert.False(schema.IsValid(SampleEvents.Parse("""{"a": "1"}""")));
        Assert.False(schema.IsValid(SampleEvents.Parse("\"text\"")));
    }

    [Fact]
    public void PointerReferencesResolveInEveryDialect()
    {
        foreach (string dialect in new[] { "http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-07/schema#", "https://json-schema.org/draft/2020-12/schema" })
        {
            var schema = SchemaCompiler.CompileText("{\"$schema\": \"" + dialect + "\", \"definitions\": {\"X\": {\"type\": \"integer\"}}, \"$defs\": {\"Y\": {\"type\": \"string\"}},"
                                                    + " \"properties\": {\"x\": {\"$ref\": \"#/definitions/X\"}, \"y\": {\"$ref\": \"#/$defs/Y\"}}}", "dialects");
            Assert.True(schema.IsValid(SampleEvents.Parse("""{"x": 1, "y": "s"}""")), dialect);
            Assert.Equal(new[] { "/x", "/y" }, schema.Validate(SampleEvents.Parse("""{"x": "1", "y": 2}""")).Errors.Select(e => e.InstancePath).ToArray());
        }
    }

    [SharedFact]
    public void DatadogAgentTestSchemasCompileWithTheirFileReferencesAndCustomFormat()
    {
        var exec = SchemaCompiler.CompileFile(RepoPaths.InShared("datadog-agent-schemas", "tests-schemas", "exec.schema.json"));
        var open = SchemaCompiler.CompileFile(RepoPaths.InShared("datadog-agent-schemas", "tests-schemas", "open.schema.json"));
        var hostEvent = JsonNode.Parse(AgentTestEvent)!;
        Assert.True(exec.IsValid(SampleEvents.Parse(hostEvent.ToJsonString()), SchemaValidationOptions.Events), Dump(exec.Validate(SampleEvents.Parse(hostEvent.ToJsonString()))));
        // open requires file.flags; this exec event has none.
        var openResult = open.Validate(SampleEvents.Parse(hostEvent.ToJsonString()));
        Assert.Equal(new[] { "/file | #/allOf/0/properties/file/required | required | missing required property \"flags\"" },
            openResult.Errors.Select(e => e.InstancePath + " | " + e.SchemaLocation + " | " + e.Keyword + " | " + e.Message).ToArray());

        // The Go zero time is rejected by datetime.json's "not" pattern; a process with exit_time by exec's not/required.
        hostEvent["date"] = "0001-01-01T00:00:00Z";
        hostEvent["process"]!["exit_time"] = "2025-03-04T10:20:31Z";
        var bad = exec.Validate(SampleEvents.Parse(hostEvent.ToJsonString()));
        var anyOf = bad.Errors.Single(e => e.Keyword == "anyOf");
        Assert.Contains(anyOf.Details, d => d.InstancePath == "/date" && d.Keyword == "not" && d.SchemaLocation.EndsWith("datetime.json#/allOf/1/not", StringComparison.Ordinal));
        Assert.Contains(bad.Errors, e => e.InstancePath == "/process" && e.Keyword == "not" && e.SchemaLocation == "#/allOf/0/properties/process/not");
    }

    private const string AgentTestEvent = """
        {
          "evt": {"name": "exec", "category": "Process Activity", "outcome": "Success", "async": false},
          "date": "2025-03-04T10:20:30.123456789Z",
          "file": {"path": "/usr/bin/id", "name": "id", "inode": 1835080, "mode": 33261, "mount_id": 27, "filesystem": "ext4",
                   "modification_time": "2024-11-02T08:00:00Z", "change_time": "2024-11-02T08:00:00Z"},
          "usr": {"id": "root", "group": "root"},
          "process": {
            "pid": 4300, "ppid": 4242, "tid": 4300, "uid": 0, "gid": 0, "comm": "id", "tty": "pts1",
            "fork_time": "2025-03-04T10:20:30.1Z", "exec_time": "2025-03-04T10:20:30.12Z",
            "credentials": {"uid": 0, "gid": 0, "euid": 0, "egid": 0, "fsuid": 0, "fsgid": 0, "cap_effective": ["CAP_SYS_ADMIN"], "cap_permitted": ["CAP_SYS_ADMIN"]},
            "executable": {"path": "/usr/bin/id", "name": "id", "inode": 1835080, "mode": 33261, "mount_id": 27, "filesystem": "ext4", "uid": 0, "gid": 0,
                           "modification_time": "2024-11-02T08:00:00Z", "change_time": "2024-11-02T08:00:00Z"},
            "parent": {"pid": 1, "tid": 1, "uid": 0, "gid": 0, "comm": "systemd",
                       "credentials": {"uid": 0, "gid": 0, "euid": 0, "egid": 0, "fsuid": 0, "fsgid": 0, "cap_effective": [], "cap_permitted": []},
                       "executable": {"path": "/usr/lib/systemd/systemd", "name": "systemd", "inode": 1835001, "mode": 33261, "mount_id": 27, "filesystem": "ext4",
                                      "uid": 0, "gid": 0, "modification_time": "2024-11-02T08:00:00Z", "change_time": "2024-11-02T08:00:00Z"}},
            "ancestors": []
          }
        }
        """;
}
