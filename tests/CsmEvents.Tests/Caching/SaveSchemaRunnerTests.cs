using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using CsmEvents.Commands;
using CsmEvents.Schema.Cache;
using CsmEvents.Tests.Datadog;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Caching;

public class SaveSchemaRunnerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 30, 15, 600, TimeSpan.Zero);
    private const string TinySchema = """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object"}""";

    private static SaveSchemaOptions Options(TempFolder cache, string source) =>
        new() { Cache = new SchemaCache(cache.Path), Source = source, Clock = () => Now, Timeout = TimeSpan.FromSeconds(20) };

    private static (RecordingSink Sink, SchemaSaveException? Error) Save(SaveSchemaOptions options, string version)
    {
        var sink = new RecordingSink();
        using var runner = new SaveSchemaRunner(options, sink);
        try
        {
            runner.Save(version);
            return (sink, null);
        }
        catch (SchemaSaveException ex)
        {
            return (sink, ex);
        }
    }

    [SharedFact]
    public void SavesBothPublishedSchemasWithWhereAndWhenTheyCameFrom()
    {
        using var mirror = SchemaMirror.OfSharedSchemas("7.64.3");
        using var cache = new TempFolder();
        var (sink, error) = Save(Options(cache, mirror.BaseUrl), "7.64.3");
        Assert.Null(error);
        var saved = sink.EmittedOf<CachedSchemaInfo>();
        Assert.Equal(new[] { "backend_linux@7.64.3", "backend_windows@7.64.3" }, saved.Select(s => s.Name));
        foreach (var (info, file) in saved.Zip(new[] { "backend_linux.schema.json", "backend_windows.schema.json" }))
        {
            byte[] original = File.ReadAllBytes(RepoPaths.InShared("datadog-agent-schemas", file));
            Assert.Equal(original, File.ReadAllBytes(cache.File("7.64.3", file)));
            Assert.Equal(mirror.BaseUrl + "/7.64.3/docs/cloud-workload-security/" + file, info.Source);
            Assert.Equal(Convert.ToHexString(SHA256.HashData(original)).ToLowerInvariant(), info.Sha256);
            Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 30, 15, TimeSpan.Zero), info.FetchedAt);
        }
        Assert.Equal(new[] { "/7.64.3/docs/cloud-workload-security/backend_linux.schema.json", "/7.64.3/docs/cloud-workload-security/backend_windows.schema.json" }, mirror.Requests);
        // A later listing shows the same provenance, read back from sources.json.
        var listed = new SchemaCache(cache.Path).List();
        Assert.Equal(saved.Select(s => (s.Name, s.Source, s.FetchedAt, s.Sha256)), listed.Select(s => (s.Name, s.Source, s.FetchedAt, s.Sha256)));
        Assert.Equal(new[] { "backend_linux.schema.json", "backend_windows.schema.json", "sources.json" }, Directory.GetFiles(cache.File("7.64.3")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Empty(sink.Warnings);
        Assert.Equal(new[] { "GET " + mirror.BaseUrl + "/7.64.3/docs/cloud-workload-security/backend_linux.schema.json", "GET " + mirror.BaseUrl + "/7.64.3/docs/cloud-workload-security/backend_windows.schema.json" }, sink.VerboseMessages);
    }

    [Fact]
    public void AMissingVersionIsAnErrorThatNamesTheAddressAndTheStatusAndLeavesTheCacheEmpty()
    {
        using var mirror = new SchemaMirror(Path.GetTempPath());
        using var cache = new TempFolder();
        var (sink, error) = Save(Options(cache, mirror.BaseUrl + "/"), "9.9.9");
        Assert.NotNull(error);
        Assert.Equal(SchemaErrorIds.SchemaDownloadFailed, error!.Error.ErrorId);
        Assert.Equal(CsmErrorCategory.ObjectNotFound, error.Error.Category);
        string address = mirror.BaseUrl + "/9.9.9/docs/cloud-workload-security/backend_linux.schema.json";
        Assert.Equal("cannot fetch backend_linux.schema.json of agent 9.9.9: " + address + ": HTTP 404 Not Found (no such agent version or file at this source)", error.Error.Message);
        Assert.Equal(address, error.Error.Target);
        Assert.Empty(sink.Emitted);
        Assert.Empty(new SchemaCache(cache.Path).List());
    }

    [Fact]
    public void AVersionWithoutAWindowsSchemaSavesTheLinuxOneWithAWarning()
    {
        using var mirror = new SchemaMirror(Path.GetTempPath());
        mirror.Override("7.40.0", "backend_linux.schema.json", 200, TinySchema);
        using var cache = new TempFolder();
        var (sink, error) = Save(Options(cache, mirror.BaseUrl), "7.40.0");
        Assert.Null(error);
        Assert.Equal(new[] { "backend_linux@7.40.0" }, sink.EmittedOf<CachedSchemaInfo>().Select(s => s.Name));
        Assert.Equal(new[] { mirror.BaseUrl + "/7.40.0/docs/cloud-workload-security/backend_windows.schema.json: HTTP 404 Not Found (no such agent version or file at this source): agent 7.40.0 has no published Windows schema at this source; only the Linux schema is saved" }, sink.Warnings);
        Assert.Equal(TinySchema, File.ReadAllText(cache.File("7.40.0", "backend_linux.schema.json")));
    }

    [Fact]
    public void ADownloadThatIsNotASchemaNeverReplacesTheCachedOne()
    {
        using var mirror = new SchemaMirror(Path.GetTempPath());
        mirror.Override("main", "backend_linux.schema.json", 200, TinySchema);
        mirror.Override("main", "backend_windows.schema.json", 200, TinySchema);
        using var cache = new TempFolder();
        Assert.Null(Save(Options(cache, mirror.BaseUrl), "main").Error);
        // Later a captive portal answers with a page; then a server sends half a file.
        mirror.Override("main", "backend_linux.schema.json", 200, "<html><body>Please log in</body></html>");
        var (sink, error) = Save(Options(cache, mirror.BaseUrl), "main");
        Assert.Equal(SchemaErrorIds.SchemaDownloadFailed, error!.Error.ErrorId);
        Assert.StartsWith(mirror.BaseUrl + "/main/docs/cloud-workload-security/backend_linux.schema.json: the download is not a usable JSON schema: ", error.Error.Message);
        mirror.Override("main", "backend_linux.schema.json", 200, TinySchema.Substring(0, 30));
        Assert.Equal(SchemaErrorIds.SchemaDownloadFailed, Save(Options(cache, mirror.BaseUrl), "main").Error!.Error.ErrorId);
        Assert.Empty(sink.Emitted);
        Assert.Equal(TinySchema, File.ReadAllText(cache.File("main", "backend_linux.schema.json")));
        Assert.Equal(new[] { "backend_linux.schema.json", "backend_windows.schema.json", "sources.json" }, Directory.GetFiles(cache.File("main")).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void AnUnreachableSourceIsAnErrorThatNamesTheAddress()
    {
        using var cache = new TempFolder();
        string source = "http://127.0.0.1:" + LoopbackServer.UnusedPort();
        var error = Save(Options(cache, source), "7.64.3").Error!;
        Assert.Equal(SchemaErrorIds.SchemaDownloadFailed, error.Error.ErrorId);
        Assert.Equal(CsmErrorCategory.ConnectionError, error.Error.Category);
        Assert.StartsWith("cannot fetch backend_linux.schema.json of agent 7.64.3: " + source + "/7.64.3/docs/cloud-workload-security/backend_linux.schema.json: cannot connect: ", error.Error.Message);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("7.64.3/../../x")]
    [InlineData("")]
    public void AVersionThatCannotNameAFolderIsRefusedBeforeAnyRequest(string version)
    {
        using var mirror = new SchemaMirror(Path.GetTempPath());
        using var cache = new TempFolder();
        var error = Save(Options(cache, mirror.BaseUrl), version).Error!;
        Assert.Equal(SchemaErrorIds.InvalidAgentVersion, error.Error.ErrorId);
        Assert.Equal("'" + version + "' is not an agent version: use a release such as 7.64.3 (or 7.64.3-rc.1), or main for the newest schema", error.Error.Message);
        Assert.Empty(mirror.Requests);
    }

    [Theory]
    [InlineData("http://schemas.example.net/datadog-agent", "uses plain http:// to another machine")]
    [InlineData("ftp://127.0.0.1/x", "is not an http(s) address")]
    [InlineData("raw.githubusercontent.com/DataDog/datadog-agent", "is not an http(s) address")]
    [InlineData("https://mirror.example.net/agent?token=1", "without ?query or #fragment")]
    public void ASourceThatIsNotASafeAddressIsRefused(string source, string reason)
    {
        using var cache = new TempFolder();
        var ex = Assert.Throws<SchemaSaveException>(() => new SaveSchemaRunner(Options(cache, source), new RecordingSink()));
        Assert.Equal(SchemaErrorIds.InvalidSchemaSource, ex.Error.ErrorId);
        Assert.Contains(reason, ex.Error.Message);
        Assert.Contains("'" + source + "'", ex.Error.Message);
    }

    [Fact]
    public void WithoutACacheFolderNothingCanBeSaved()
    {
        var ex = Assert.Throws<SchemaSaveException>(() => new SaveSchemaRunner(new SaveSchemaOptions { Cache = null }, new RecordingSink()));
        Assert.Equal(SchemaErrorIds.SchemaCacheUnavailable, ex.Error.ErrorId);
        Assert.Equal("no schema cache folder is known: set CSMEVENTS_SCHEMA_CACHE to a folder (or HOME, or LOCALAPPDATA on Windows)", ex.Error.Message);
    }

    [Fact]
    public void DescribeSaysWhatWouldBeFetchedAndWhere()
    {
        using var cache = new TempFolder();
        using var runner = new SaveSchemaRunner(Options(cache, "https://raw.githubusercontent.com/DataDog/datadog-agent/"), new RecordingSink());
        var (target, action) = runner.Describe("7.64.3-rc.1");
        Assert.Equal("agent 7.64.3-rc.1 from https://raw.githubusercontent.com/DataDog/datadog-agent/7.64.3-rc.1/docs/cloud-workload-security/ into " + cache.File("7.64.3-rc.1"), target);
        Assert.Equal("Save backend_linux.schema.json and backend_windows.schema.json", action);
        Assert.False(Directory.Exists(cache.File("7.64.3-rc.1")));
    }
}
