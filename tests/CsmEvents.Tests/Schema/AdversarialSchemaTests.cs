using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using CsmEvents.Schema;

namespace CsmEvents.Tests.Schema;

/// <summary>Schemas and instances built to hang or overflow the stack: each must end quickly with a clear result.</summary>
public class AdversarialSchemaTests
{
    // System.Text.Json's JsonDocument.Parse takes time quadratic in nesting depth (about 2 s for 20,000 levels,
    // 45 s for 100,000), so one deep instance is parsed once and shared. The engine's own cost is bounded by MaxDepth.
    private const int DeepLevels = 20_000;
    private static readonly Lazy<JsonElement> DeepInstance = new(() => Nested(DeepLevels));

    [Fact]
    public void SelfReferenceIsRejectedAtCompileTime()
    {
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaCompiler.CompileText("""{"$ref": "#"}""", "self"));
        Assert.Equal("/$ref", ex.Pointer);
        Assert.Equal("$ref cycle that never reaches a value: # -> # (each step applies to the same value, so evaluation would never end)", ex.Reason);
    }

    [Fact]
    public void MutualReferenceCycleIsRejectedAtCompileTime()
    {
        var ex = Assert.Throws<SchemaLoadException>(() => SchemaCompiler.CompileText(
            """{"properties": {"p": {"$ref": "#/$defs/a"}}, "$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/a"}]}}}""",
            "mutual"));
        Assert.Equal("/$defs/b/anyOf/1/$ref", ex.Pointer);
        Assert.Equal("$ref cycle that never reaches a value: #/$defs/a -> #/$defs/a/allOf/0 -> #/$defs/b -> #/$defs/b/anyOf/1 -> #/$defs/a"
                     + " (each step applies to the same value, so evaluation would never end)", ex.Reason);
    }

    [Fact]
    public void RecursionThroughTheInstanceIsFine()
    {
        var tree = SchemaCompiler.CompileText("""{"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#"}}}}""", "tree");
        Assert.True(tree.IsValid(Parse("""{"children": [{"children": []}, {"children": [{}]}]}""")));
        var error = Assert.Single(tree.Validate(Parse("""{"children": [{"children": [5]}]}""")).Errors);
        Assert.Equal("/children/0/children/0", error.InstancePath);
        Assert.Equal("#/type", error.SchemaLocation);
    }

    [Fact]
    public void DeeplyNestedArraysStopAtTheDepthLimitWithAClearError()
    {
        var schema = SchemaCompiler.CompileText("""{"items": {"$ref": "#"}}""", "nested");
        var instance = DeepInstance.Value;
        var result = schema.Validate(instance);
        var error = Assert.Single(result.Errors);
        Assert.Equal("$depth", error.Keyword);
        Assert.Equal("nesting is deeper than 400 levels of schema and value; validation stopped here", error.Message);
        // One schema level per array level (the "items" schema is only a $ref and forwards to its target): the
        // guard stops 400 arrays down.
        Assert.Equal(string.Concat(Enumerable.Repeat("/0", 400)), error.InstancePath);
        Assert.False(schema.IsValid(instance));
        // Within the limit the same schema simply works.
        Assert.True(schema.IsValid(Nested(350)));
    }

    [Fact]
    public void DeepInstancesDoNotOverflowEvenASmallThreadStack()
    {
        var schema = SchemaCompiler.CompileText("""{"items": {"$ref": "#"}, "uniqueItems": true}""", "nested");
        var instance = DeepInstance.Value;
        var deep = new SchemaValidationOptions(maxDepth: 1_000_000);
        SchemaValidationResult? result = null;
        var thread = new Thread(() => result = schema.Validate(instance, deep), 256 * 1024);
        thread.Start();
        thread.Join();
        var error = Assert.Single(result!.Errors);
        Assert.Equal("$depth", error.Keyword);
        Assert.StartsWith("nesting is deeper than 1000000 levels", error.Message);
    }

    [Fact]
    public void ComparingTwoDeepValuesForUniqueItemsIsBounded()
    {
        var schema = SchemaCompiler.CompileText("""{"uniqueItems": true}""", "unique");
        string deep = new string('[', 5000) + new string(']', 5000);
        var instance = Parse("[" + deep + "," + deep + "]");
        var error = Assert.Single(schema.Validate(instance).Errors);
        Assert.Equal("$depth", error.Keyword);
        Assert.Equal("the value is nested deeper than 400 levels and cannot be compared; validation stopped", error.Message);
        Assert.False(schema.IsValid(instance));
    }

    [Fact]
    public void CatastrophicPatternTimesOutAsAValidationError()
    {
        var set = new SchemaSet { PatternTimeout = TimeSpan.FromMilliseconds(200) };
        set.Add("urn:test:redos", """{"properties": {"cmd": {"pattern": "^(a+)+$"}}}""");
        var schema = set.Compile("urn:test:redos");
        var instance = Parse("{\"cmd\": \"" + new string('a', 40) + "!\"}");
        var watch = Stopwatch.StartNew();
        var result = schema.Validate(instance);
        watch.Stop();
        var error = Assert.Single(result.Errors);
        Assert.Equal("/cmd", error.InstancePath);
        Assert.Equal("pattern", error.Keyword);
        Assert.Equal("the pattern \"^(a+)+$\" took too long to match (more than 200 ms); the value is treated as not matching", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
        Assert.True(schema.IsValid(Parse("{\"cmd\": \"aaaa\"}")));
    }

    [Fact]
    public void CatastrophicPatternPropertyTimesOutAsAValidationError()
    {
        var set = new SchemaSet { PatternTimeout = TimeSpan.FromMilliseconds(200) };
        set.Add("urn:test:redos-names", """{"patternProperties": {"^(a|aa)+$": {"type": "string"}}}""");
        var schema = set.Compile("urn:test:redos-names");
        var error = Assert.Single(schema.Validate(Parse("{\"" + new string('a', 60) + "b\": 1}")).Errors);
        Assert.Equal("", error.InstancePath);
        Assert.Equal("patternProperties", error.Keyword);
        Assert.EndsWith("took too long to match (more than 200 ms); the value is treated as not matching", error.Message);
    }

    [Fact]
    public void HugeNumbersAreComparedExactly()
    {
        var schema = SchemaCompiler.CompileText("""{"properties": {"trace_id": {"type": "integer", "maximum": 18446744073709551615}, "ratio": {"multipleOf": 0.0001}}}""", "numbers");
        Assert.True(schema.IsValid(Parse("""{"trace_id": 18446744073709551615, "ratio": 0.0075}""")));
        var error = Assert.Single(schema.Validate(Parse("""{"trace_id": 18446744073709551616}""")).Errors);
        Assert.Equal("18446744073709551616 is greater than the maximum 18446744073709551615", error.Message);
        Assert.False(schema.IsValid(Parse("""{"ratio": 1e-5}""")));
        Assert.True(schema.IsValid(Parse("""{"trace_id": 1.8e19}""")));
        Assert.False(schema.IsValid(Parse("""{"trace_id": 1e400}""")));
    }

    private static JsonElement Nested(int depth)
    {
        var text = new StringBuilder(depth * 2);
        text.Append('[', depth).Append(']', depth);
        using var document = JsonDocument.Parse(text.ToString(), new JsonDocumentOptions { MaxDepth = depth + 1 });
        return document.RootElement.Clone();
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 20_000 });
        return document.RootElement.Clone();
    }
}
