using System.IO;
using CsmEvents.Schema.Cache;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Caching;

public class CachedSchemaSelectorTests
{
    private const string Schema = """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object"}""";

    private static TempFolder CacheWith(params string[] versions)
    {
        var folder = new TempFolder();
        foreach (string version in versions)
        {
            Directory.CreateDirectory(folder.File(version));
            File.WriteAllText(folder.File(version, SchemaCache.LinuxFile), Schema);
        }
        return folder;
    }

    [Theory]
    [InlineData("7.64.3", "backend_linux@7.64.3", CachedSchemaMatch.Exact)]
    [InlineData("7.68.0", "backend_linux@7.64.3", CachedSchemaMatch.Below)]
    [InlineData("7.64.2", "backend_linux@main", CachedSchemaMatch.NewestNoneBelow)]
    [InlineData("7.64.3-rc.2", "backend_linux@7.64.3-rc.1", CachedSchemaMatch.Below)]
    [InlineData("7.64.3-rc.1", "backend_linux@7.64.3-rc.1", CachedSchemaMatch.Exact)]
    [InlineData("7.66.0-devel+git.117.8b8bd7e", "backend_linux@7.64.3", CachedSchemaMatch.Below)]
    [InlineData("7.50.0", "backend_linux@main", CachedSchemaMatch.NewestNoneBelow)]
    [InlineData(null, "backend_linux@main", CachedSchemaMatch.NewestNoVersion)]
    [InlineData("", "backend_linux@main", CachedSchemaMatch.NewestNoVersion)]
    [InlineData("7.64", "backend_linux@main", CachedSchemaMatch.NewestNotAVersion)]
    [InlineData("main", "backend_linux@main", CachedSchemaMatch.Exact)]
    public void ChoosesTheNearestCachedVersionAtOrBelowTheEventsElseTheNewest(string? agentVersion, string expected, CachedSchemaMatch match)
    {
        // 7.64.2 < 7.64.3-rc.1 < 7.64.3 < 7.68.0 < main; a commit is never chosen automatically.
        using var cache = CacheWith("7.64.3", "7.64.3-rc.1", "main", "00640f703318c04e455f179a9af166ea4f426e80");
        var choice = new CachedSchemaSelector(new SchemaCache(cache.Path)).Choose(agentVersion);
        Assert.Equal(expected, choice.Name);
        Assert.Equal(match, choice.Match);
        Assert.NotNull(choice.Schema);
    }

    [Fact]
    public void WithoutMainTheNewestReleaseIsUsedForOlderAgents()
    {
        using var cache = CacheWith("7.64.3", "7.60.0");
        var choice = new CachedSchemaSelector(new SchemaCache(cache.Path)).Choose("7.50.1");
        Assert.Equal(("backend_linux@7.64.3", CachedSchemaMatch.NewestNoneBelow), (choice.Name, choice.Match));
    }

    [Fact]
    public void AnEmptyCacheChoosesNothing()
    {
        using var cache = CacheWith();
        var choice = new CachedSchemaSelector(new SchemaCache(cache.Path)).Choose("7.64.3");
        Assert.Equal(CachedSchemaMatch.NoneCached, choice.Match);
        Assert.Null(choice.Name);
        Assert.Null(choice.Schema);
    }

    [Fact]
    public void ABrokenCachedFileIsUnusableWithTheReason()
    {
        using var cache = CacheWith("7.64.3");
        File.WriteAllText(cache.File("7.64.3", SchemaCache.LinuxFile), "{\"type\": ");
        var choice = new CachedSchemaSelector(new SchemaCache(cache.Path)).Choose("7.64.3");
        Assert.Equal(CachedSchemaMatch.Unusable, choice.Match);
        Assert.Equal("backend_linux@7.64.3", choice.Name);
        Assert.Null(choice.Schema);
        Assert.StartsWith(cache.File("7.64.3", SchemaCache.LinuxFile) + ": ", choice.Failure);
    }

    [Fact]
    public void EachFileIsCompiledOnceAndChoicesAreShared()
    {
        using var cache = CacheWith("7.64.3");
        var selector = new CachedSchemaSelector(new SchemaCache(cache.Path));
        Assert.Same(selector.Choose("7.64.3").Schema, selector.Choose("7.68.0").Schema);
        Assert.Same(selector.Choose("7.68.0"), selector.Choose("7.68.0"));
    }
}
