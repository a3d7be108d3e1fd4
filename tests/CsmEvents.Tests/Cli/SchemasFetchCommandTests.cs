using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsmEvents.Tests.Caching;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Cli;

/// <summary>`csm-events schemas --fetch` and `test` with the schema cache, against a loopback copy of Datadog's published schemas.</summary>
public class SchemasFetchCommandTests
{
    private static string Sample(params string[] parts) => Path.Combine(RepoPaths.Samples, Path.Combine(parts));

    [SharedFact]
    public void FetchListExportAndValidateOfflineAfterwards()
    {
        using var mirror = SchemaMirror.OfSharedSchemas("7.68.0");
        using var cache = new TempFolder();
        var env = new Dictionary<string, string> { ["CSMEVENTS_SCHEMA_CACHE"] = cache.Path };

        var fetch = CliRun.Run(new[] { "schemas", "--fetch", "7.68.0", "--source", mirror.BaseUrl }, environment: env);
        Assert.Equal(0, fetch.ExitCode);
        Assert.Equal("", fetch.Stderr);
        Assert.Equal(new[] { "saved backend_linux@7.68.0 to " + cache.File("7.68.0", "backend_linux.schema.json"), "saved backend_windows@7.68.0 to " + cache.File("7.68.0", "backend_windows.schema.json") },
            fetch.StdoutLines.Select(l => l.Substring(0, l.IndexOf(" (sha256 "))));

        var list = CliRun.Run(new[] { "schemas" }, environment: env);
        Assert.Contains("cached in " + cache.Path + ":", list.StdoutLines);
        Assert.Contains(list.StdoutLines, l => l.StartsWith("backend_linux@7.68.0 ") && l.EndsWith(" " + mirror.BaseUrl + "/7.68.0/docs/cloud-workload-security/backend_linux.schema.json"));

        var export = CliRun.Run(new[] { "schemas", "--export", "backend_linux@7.68.0" }, environment: env);
        Assert.Equal(File.ReadAllText(RepoPaths.InShared("datadog-agent-schemas", "backend_linux.schema.json")), export.Stdout);

        // The README's line, as written, after that one fetch; the mirror is gone, so nothing can be fetched now.
        mirror.Dispose();
        int requests = mirror.Requests.Count;
        var relaxed = CliRun.Run(new[] { "test", Sample("linux", "newer-agent.jsonl"), "--ignore-additional-properties" }, environment: env);
        Assert.Equal((0, "3 events: 3 valid, 0 invalid", ""), (relaxed.ExitCode, relaxed.StdoutLines.Last(), relaxed.Stderr));
        var strict = CliRun.Run(new[] { "test", "--json", Sample("linux", "newer-agent.jsonl") }, environment: env);
        Assert.Equal(1, strict.ExitCode);
        Assert.All(strict.StdoutLines, l => Assert.Contains("\"valid\":false,\"schema\":\"backend_linux@7.68.0\"", l));
        var named = CliRun.Run(new[] { "test", "--schema", "backend_linux@7.68.0", "--ignore-additional-properties", Sample("linux", "incident-web01.jsonl") }, environment: env);
        Assert.Equal((0, "31 events: 31 valid, 0 invalid"), (named.ExitCode, named.StdoutLines.Last()));
        Assert.Equal(requests, mirror.Requests.Count);
    }

    [Fact]
    public void AFailedFetchIsExitCodeTwoWithTheAddressAndStatus()
    {
        using var mirror = new SchemaMirror(Path.GetTempPath());
        using var cache = new TempFolder();
        var env = new Dictionary<string, string> { ["CSMEVENTS_SCHEMA_CACHE"] = cache.Path, ["CSMEVENTS_SCHEMA_SOURCE"] = mirror.BaseUrl };
        var run = CliRun.Run(new[] { "schemas", "--fetch", "7.99.0" }, environment: env);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(new[] { "csm-events schemas: cannot fetch backend_linux.schema.json of agent 7.99.0: " + mirror.BaseUrl + "/7.99.0/docs/cloud-workload-security/backend_linux.schema.json: HTTP 404 Not Found (no such agent version or file at this source)" }, run.StderrLines);
        Assert.Equal("", run.Stdout);
        Assert.Equal(2, CliRun.Run(new[] { "schemas", "--fetch", "7.99.0", "--source", "http://example.net" }, environment: env).ExitCode);
        Assert.Equal(2, CliRun.Run(new[] { "schemas", "--fetch", "../up" }, environment: env).ExitCode);
        var noCache = CliRun.Run(new[] { "schemas", "--fetch", "7.64.3" });
        Assert.Equal((2, "csm-events schemas: no schema cache folder is known: set CSMEVENTS_SCHEMA_CACHE to a folder (or HOME, or LOCALAPPDATA on Windows)"), (noCache.ExitCode, noCache.StderrLines.Single()));
        Assert.Equal(2, CliRun.Run(new[] { "schemas", "--source", mirror.BaseUrl }, environment: env).ExitCode);
    }
}
