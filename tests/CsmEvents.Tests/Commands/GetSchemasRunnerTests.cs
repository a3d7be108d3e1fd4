using System;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Schema;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Commands;

public class GetSchemasRunnerTests
{
    private static RecordingSink Run(params string[]? names)
    {
        var sink = new RecordingSink();
        GetSchemasRunner.Run(names, sink);
        return sink;
    }

    [Fact]
    public void WithoutNamesListsEverySchemaInOrder()
    {
        Assert.Equal(new[] { "windows", "linux", "base" }, Run(null).EmittedOf<EmbeddedSchemaInfo>().Select(s => s.Name));
        Assert.Equal(new[] { "windows", "linux", "base" }, Run().EmittedOf<EmbeddedSchemaInfo>().Select(s => s.Name));
    }

    [Fact]
    public void PatternsMatchCaseInsensitivelyAndEachSchemaComesOnce()
    {
        var sink = Run("*n*", "WINDOWS");
        Assert.Equal(new[] { "windows", "linux" }, sink.EmittedOf<EmbeddedSchemaInfo>().Select(s => s.Name));
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public void ANameThatMatchesNothingIsAnErrorAPatternIsSilent()
    {
        var sink = Run("mac*", "macos", "base");
        Assert.Equal(new[] { "base" }, sink.EmittedOf<EmbeddedSchemaInfo>().Select(s => s.Name));
        var error = Assert.Single(sink.Errors);
        Assert.Equal(SchemaErrorIds.SchemaNotFound, error.ErrorId);
        Assert.Equal(CsmErrorCategory.ObjectNotFound, error.Category);
        Assert.Equal("macos: no embedded or cached schema has this name (embedded: windows, linux, base; cached: none)", error.Message);
        Assert.Equal("macos", error.Target);
    }

    [Fact]
    public void CachedSchemasFollowTheEmbeddedOnesNewestFirstAndMatchPatterns()
    {
        using var folder = new TempFolder();
        foreach (string version in new[] { "7.64.3", "main" })
        {
            System.IO.Directory.CreateDirectory(folder.File(version));
            System.IO.File.WriteAllText(folder.File(version, "backend_linux.schema.json"), """{"$schema":"https://json-schema.org/draft/2020-12/schema"}""");
        }
        var cache = new CsmEvents.Schema.Cache.SchemaCache(folder.Path);
        var all = new RecordingSink();
        GetSchemasRunner.Run(null, cache, all);
        Assert.Equal(new[] { "windows", "linux", "base", "backend_linux@main", "backend_linux@7.64.3" }, all.Emitted.Select(o => o.ToString()));
        var cached = all.EmittedOf<CsmEvents.Schema.Cache.CachedSchemaInfo>();
        Assert.Equal(new[] { "2020-12", "2020-12" }, cached.Select(c => c.Dialect));
        Assert.Equal("Datadog's published Linux schema of agent main", cached[0].Title);
        var some = new RecordingSink();
        GetSchemasRunner.Run(new[] { "backend_*@7*", "backend_linux@6.0.0" }, cache, some);
        Assert.Equal(new[] { "backend_linux@7.64.3" }, some.Emitted.Select(o => o.ToString()));
        Assert.Equal("backend_linux@6.0.0: no embedded or cached schema has this name (embedded: windows, linux, base; cached: backend_linux@main, backend_linux@7.64.3)", Assert.Single(some.Errors).Message);
    }

    [Fact]
    public void AnInvalidPatternThrowsBeforeAnythingIsEmitted()
    {
        var sink = new RecordingSink();
        var ex = Assert.Throws<ArgumentException>(() => GetSchemasRunner.Run(new[] { "windows", "[" }, sink));
        Assert.Contains("[", ex.Message);
        Assert.Empty(sink.Emitted);
    }

    [Fact]
    public void TextExportsTheSchemaThatValidates()
    {
        var windows = Run("windows").EmittedOf<EmbeddedSchemaInfo>().Single();
        Assert.Equal(EmbeddedSchemas.GetText("windows"), windows.Text);
        Assert.Equal("windows", windows.ToString());
        // The exported text compiles to a schema that gives the same verdicts as the embedded one.
        var exported = SchemaCompiler.CompileText(windows.Text, "windows.schema.json");
        using var doc = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllLines(System.IO.Path.Combine(RepoPaths.Samples, "windows", "incident-ws01.jsonl"))[0]);
        Assert.True(exported.Validate(doc.RootElement, SchemaValidationOptions.Events).IsValid);
        var files = Run("base").EmittedOf<EmbeddedSchemaInfo>().Single().Documents;
        Assert.Equal(10, files.Count);
        Assert.Equal("base-payload.json", files[0].FileName);
    }
}
