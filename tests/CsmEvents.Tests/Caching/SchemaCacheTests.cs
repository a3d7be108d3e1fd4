using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsmEvents.Schema.Cache;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Caching;

public class SchemaCacheTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.TryGetValue(name, out var value) ? value : null;
    }

    [Fact]
    public void TheVariableNamesTheFolderOnEveryPlatform()
    {
        var env = Env(("CSMEVENTS_SCHEMA_CACHE", "/srv/schemas"), ("HOME", "/home/ada"), ("LOCALAPPDATA", @"C:\Users\ada\AppData\Local"));
        Assert.Equal(Path.GetFullPath("/srv/schemas"), SchemaCache.DefaultFolder(env, windows: false));
        Assert.Equal(Path.GetFullPath("/srv/schemas"), SchemaCache.DefaultFolder(env, windows: true));
        // A relative value is the user's choice too: it is resolved, never ignored.
        Assert.Equal(Path.GetFullPath("schemas"), SchemaCache.DefaultFolder(Env(("CSMEVENTS_SCHEMA_CACHE", "schemas"), ("HOME", "/home/ada")), windows: false));
    }

    [Fact]
    public void LinuxAndMacOSUseTheXdgDataFolder()
    {
        Assert.Equal(Path.Combine("/data", "csm-events", "schemas"), SchemaCache.DefaultFolder(Env(("XDG_DATA_HOME", "/data"), ("HOME", "/home/ada")), windows: false));
        Assert.Equal(Path.Combine("/home/ada", ".local", "share", "csm-events", "schemas"), SchemaCache.DefaultFolder(Env(("HOME", "/home/ada")), windows: false));
        // The XDG specification says a relative XDG_DATA_HOME is invalid and must be ignored.
        Assert.Equal(Path.Combine("/home/ada", ".local", "share", "csm-events", "schemas"), SchemaCache.DefaultFolder(Env(("XDG_DATA_HOME", "data"), ("HOME", "/home/ada")), windows: false));
        Assert.Null(SchemaCache.DefaultFolder(Env(), windows: false));
        Assert.Null(SchemaCache.FromEnvironment(Env()));
    }

    [Fact]
    public void WindowsUsesLocalAppData()
    {
        string local = Path.GetFullPath("/local-app-data");
        Assert.Equal(Path.Combine(local, "CsmEvents", "schemas"), SchemaCache.DefaultFolder(Env(("LOCALAPPDATA", local), ("HOME", "/home/ada")), windows: true));
        Assert.Null(SchemaCache.DefaultFolder(Env(("HOME", "/home/ada")), windows: true));
    }

    [Fact]
    public void TheSourceDefaultsToTheAgentRepositoryUnlessTheVariableNamesAMirror()
    {
        Assert.Equal("https://raw.githubusercontent.com/DataDog/datadog-agent", SchemaCache.SourceFromEnvironment(Env()));
        Assert.Equal("https://mirror.example.net/datadog-agent", SchemaCache.SourceFromEnvironment(Env(("CSMEVENTS_SCHEMA_SOURCE", " https://mirror.example.net/datadog-agent "))));
    }

    [Theory]
    [InlineData("7.64.3", true)]
    [InlineData("7.64.3-rc.1", true)]
    [InlineData("main", true)]
    [InlineData("00640f703318c04e455f179a9af166ea4f426e80", true)]
    [InlineData("..", false)]
    [InlineData("../etc", false)]
    [InlineData("7.64.3/", false)]
    [InlineData("a..b", false)]
    [InlineData("release/7.64", false)]
    [InlineData(".hidden", false)]
    [InlineData("trailing.", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void VersionNamesAreSafeFolderNames(string? version, bool valid)
    {
        Assert.Equal(valid, SchemaCache.IsValidVersionName(version));
    }

    [Fact]
    public void ListsNewestVersionFirstWithWhatSourcesJsonRecords()
    {
        using var folder = new TempFolder();
        foreach (string version in new[] { "7.64.3", "main", "7.64.3-rc.1", "7.65.0", "00640f70" })
        {
            Directory.CreateDirectory(folder.File(version));
            File.WriteAllText(folder.File(version, "backend_linux.schema.json"), "{}");
        }
        File.WriteAllText(folder.File("7.64.3", "backend_windows.schema.json"), "{}");
        File.WriteAllText(folder.File("7.64.3", "sources.json"), """
            {"backend_linux.schema.json": {"address": "https://example.net/7.64.3/docs/cloud-workload-security/backend_linux.schema.json", "fetchedAt": "2026-01-02T03:04:05Z", "sha256": "ab12"}}
            """);
        // Not versions: a temporary download and a folder with a name no version has are skipped.
        File.WriteAllText(folder.File("7.64.3", ".backend_linux.schema.json.123.tmp"), "{");
        Directory.CreateDirectory(folder.File("not..a.version"));

        var list = new SchemaCache(folder.Path).List();
        Assert.Equal(new[] { "backend_linux@main", "backend_linux@7.65.0", "backend_linux@7.64.3", "backend_windows@7.64.3", "backend_linux@7.64.3-rc.1", "backend_linux@00640f70" }, list.Select(i => i.Name));
        var linux = list.Single(i => i.Name == "backend_linux@7.64.3");
        Assert.Equal("https://example.net/7.64.3/docs/cloud-workload-security/backend_linux.schema.json", linux.Source);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), linux.FetchedAt);
        Assert.Equal("ab12", linux.Sha256);
        Assert.Equal("linux", linux.Platform);
        var windows = list.Single(i => i.Name == "backend_windows@7.64.3");
        Assert.Null(windows.Source);
        Assert.Equal("windows", windows.Platform);
        Assert.Equal(folder.File("7.64.3", "backend_windows.schema.json"), windows.Path);
        Assert.Equal("backend_linux@7.65.0", new SchemaCache(folder.Path).Find("backend_linux@7.65.0")!.Name);
        Assert.Null(new SchemaCache(folder.Path).Find("backend_linux@7.0.0"));
    }

    [Fact]
    public void AMissingFolderIsAnEmptyCache()
    {
        Assert.Empty(new SchemaCache(Path.Combine(Path.GetTempPath(), "csm-none-" + Guid.NewGuid().ToString("N"))).List());
    }
}
