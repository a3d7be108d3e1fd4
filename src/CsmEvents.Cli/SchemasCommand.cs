using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;
using CsmEvents.Text;

namespace CsmEvents.Cli;

/// <summary>`csm-events schemas`: lists the embedded and cached event schemas, prints one with --export NAME, or
/// fetches Datadog's published schemas of an agent version into the schema cache with --fetch VERSION.</summary>
internal static class SchemasCommand
{
    public const string Usage =
        "usage: csm-events schemas [--export NAME]\n" +
        "       csm-events schemas --fetch VERSION [--source URL] [--verbose]\n" +
        "  Lists the embedded event schemas (name, dialect, what they fit) and the cached ones (name, source, time,\n" +
        "  SHA-256), or writes one schema's JSON text (an embedded name, or a cached one such as backend_linux@7.64.3).\n" +
        "  --fetch downloads backend_linux.schema.json and backend_windows.schema.json of an agent version (7.64.3,\n" +
        "  7.64.3-rc.1, or main for the newest) from URL/VERSION/docs/cloud-workload-security/ into the schema cache;\n" +
        "  `test` then validates current Linux events against the schema of their agent.version (never online).\n" +
        "  URL: default " + SchemaCache.SourceVariable + ", else " + SchemaCache.DefaultSource + ".\n" +
        "  Cache: " + SchemaCache.FolderVariable + ", else $XDG_DATA_HOME/csm-events/schemas or ~/.local/share/csm-events/schemas\n" +
        "  (%LOCALAPPDATA%\\CsmEvents\\schemas on Windows).\n" +
        "  Exit code: 0 done, 2 usage error, download failed (the message names the address and HTTP status) or cache not writable.";

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellation)
    {
        var parsed = CliArguments.Parse(args, new[] { "--export", "--fetch", "--source" }, new[] { "--verbose" });
        if (parsed.Positional.Count > 0) throw new CliUsageException("unexpected argument '" + parsed.Positional[0] + "'");
        var cache = SchemaCache.FromEnvironment(environment);
        var fetch = parsed.Many("--fetch");
        if (fetch != null) return Fetch(fetch, parsed, cache, stdout, stderr, environment, cancellation);
        if (parsed.Single("--source") != null) throw new CliUsageException("--source goes with --fetch");
        if (parsed.Single("--export") is string export) return Export(export, cache, stdout);
        List(cache, stdout);
        return 0;
    }

    private static int Fetch(IReadOnlyList<string> versions, CliArguments parsed, SchemaCache? cache, TextWriter stdout, TextWriter stderr,
        Func<string, string?> environment, CancellationToken cancellation)
    {
        if (versions.Count == 0) throw new CliUsageException("--fetch needs an agent version such as 7.64.3, or main");
        if (parsed.Single("--export") != null) throw new CliUsageException("--fetch and --export cannot be combined");
        var options = new SaveSchemaOptions { Cache = cache, Source = parsed.Single("--source") ?? SchemaCache.SourceFromEnvironment(environment) };
        var sink = new ConsoleSink(stderr, cancellation, parsed.Flag("--verbose"), item => WriteSaved((CachedSchemaInfo)item, stdout));
        try
        {
            using var runner = new SaveSchemaRunner(options, sink);
            foreach (string version in versions) runner.Save(version);
        }
        catch (SchemaSaveException ex)
        {
            stderr.WriteLine("csm-events schemas: " + TerminalText.Escape(ex.Error.Message));
            return 2;
        }
        return 0;
    }

    private static void WriteSaved(CachedSchemaInfo info, TextWriter stdout) =>
        stdout.WriteLine("saved " + info.Name + " to " + info.Path + " (sha256 " + info.Sha256 + ")");

    private static int Export(string name, SchemaCache? cache, TextWriter stdout)
    {
        if (EmbeddedSchemas.Exists(name))
        {
            stdout.Write(EmbeddedSchemas.GetText(name));
            return 0;
        }
        var cached = cache?.Find(name) ?? throw new CliUsageException("no embedded or cached schema named '" + name + "' (csm-events schemas lists them)");
        stdout.Write(cached.Text);
        return 0;
    }

    private static void List(SchemaCache? cache, TextWriter stdout)
    {
        foreach (var info in EmbeddedSchemas.List)
        {
            stdout.WriteLine($"{info.Name,-8} {info.Dialect,-14} {info.Title}");
            stdout.WriteLine($"         {info.Description}");
        }
        if (cache == null)
        {
            stdout.WriteLine("no schema cache: set " + SchemaCache.FolderVariable + " (or HOME) to keep Datadog's published schemas");
            return;
        }
        var cached = cache.List();
        if (cached.Count == 0)
        {
            stdout.WriteLine("no cached schemas in " + cache.Folder + " (fetch some with: csm-events schemas --fetch VERSION)");
            return;
        }
        stdout.WriteLine("cached in " + cache.Folder + ":");
        foreach (var info in cached)
        {
            string fetched = info.FetchedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "(time not recorded)";
            stdout.WriteLine($"{info.Name,-28} {fetched} {info.Source ?? "(source not recorded)"}");
            if (info.Sha256 != null) stdout.WriteLine($"{"",-28} sha256 {info.Sha256}");
        }
    }
}
