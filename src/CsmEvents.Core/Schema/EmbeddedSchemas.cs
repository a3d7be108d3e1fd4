using System;
using System.Collections.Generic;
using System.Linq;
using CsmEvents.Schema.Compilation;

namespace CsmEvents.Schema;

/// <summary>
/// The event schemas shipped inside CsmEvents, derived from Datadog's public schema documentation pages:
/// "windows" (current Windows format), "linux" (the old Linux format, before agent/title were added) and "base"
/// (the old multi-file base event format). Current Linux events fit none of them: they need Datadog's
/// backend_linux.schema.json, which changes with every agent release (see <see cref="EventSchemaSelector"/>).
/// </summary>
public static class EmbeddedSchemas
{
    /// <summary>Name of the Windows schema.</summary>
    public const string Windows = "windows";

    /// <summary>Name of the old Linux schema.</summary>
    public const string Linux = "linux";

    /// <summary>Name of the old base event format.</summary>
    public const string Base = "base";

    private const string ResourcePrefix = "CsmEvents.Schema.Embedded.";

    private sealed class Definition
    {
        public Definition(EmbeddedSchemaInfo info, (string File, string Uri, string Resource)[] documents)
        {
            Info = info;
            Documents = documents;
            Compiled = new Lazy<CompiledSchema>(Compile, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public EmbeddedSchemaInfo Info { get; }
        public (string File, string Uri, string Resource)[] Documents { get; }
        public Lazy<CompiledSchema> Compiled { get; }

        private CompiledSchema Compile()
        {
            var set = new SchemaSet();
            foreach (var (file, uri, resource) in Documents)
            {
                set.AddSource(uri, () => MetaSchemas.ReadResource(resource), "embedded schema " + Info.Name + " (" + file + ")");
            }
            return set.Compile(Info.EntryUri, Info.Name);
        }
    }

    private static readonly Definition[] Definitions =
    {
        new(new EmbeddedSchemaInfo(
                Windows,
                "Workload Protection Windows events (Datadog docs: \"Workload Protection Windows Events Formats\")",
                "2020-12",
                "Windows events: agent.os is \"windows\". Top level agent, title, evt, date, file, exit, process, container, registry, usr, "
                + "permission_change. The same JSON as the agent's backend_windows.schema.json (without its $schema line).",
                "urn:csm-events:embedded:windows.schema.json",
                new[] { "windows.schema.json" }),
            new[] { ("windows.schema.json", "urn:csm-events:embedded:windows.schema.json", ResourcePrefix + "windows.schema.json") }),
        new(new EmbeddedSchemaInfo(
                Linux,
                "Cloud Workload Security events, old Linux format (Datadog docs: \"Cloud Workload Security (CWS) Events\")",
                "draft-04",
                "Old Linux events without agent and title: only evt, file, selinux, bpf, usr, process, dd, container and date at the top level. "
                + "Current Linux events do not fit it; validate them against Datadog's backend_linux.schema.json.",
                "urn:csm-events:embedded:linux.schema.json",
                new[] { "linux.schema.json" }),
            new[] { ("linux.schema.json", "urn:csm-events:embedded:linux.schema.json", ResourcePrefix + "linux.schema.json") }),
        new(new EmbeddedSchemaInfo(
                Base,
                "Base event format, multi-file (Datadog docs: \"Event Attributes\")",
                "2020-12",
                "Events in the old agent test format: evt, date, file, usr, and a process context whose processes carry flat "
                + "executable_path/executable_inode/executable_mount_id fields; container context when in a container.",
                "file:///base-payload.json",
                BaseFiles),
            Array.ConvertAll(BaseFiles, f => (f, "file:///" + f, ResourcePrefix + "base." + f))),
    };

    private static string[] BaseFiles => new[]
    {
        "base-payload.json", "event.json", "agent.json", "file.json", "usr.json", "process_context.json", "process.json",
        "container.json", "container_path.json", "container_context.json",
    };

    /// <summary>The embedded schemas, in a stable order: windows, linux, base.</summary>
    public static IReadOnlyList<EmbeddedSchemaInfo> List { get; } = Definitions.Select(d => d.Info).ToArray();

    /// <summary>The compiled schema (compiled once, on first use, then shared).</summary>
    /// <exception cref="ArgumentException">No embedded schema has this name.</exception>
    public static CompiledSchema Get(string name) => Find(name).Compiled.Value;

    /// <summary>The JSON text of the schema's entry document.</summary>
    public static string GetText(string name) => MetaSchemas.ReadResource(Find(name).Documents[0].Resource);

    /// <summary>Every document of the schema (several for "base"), for export.</summary>
    public static IReadOnlyList<EmbeddedSchemaFile> GetFiles(string name) =>
        Find(name).Documents.Select(d => new EmbeddedSchemaFile(d.File, d.Uri, MetaSchemas.ReadResource(d.Resource))).ToArray();

    /// <summary>True when <paramref name="name"/> names an embedded schema.</summary>
    public static bool Exists(string name) => Definitions.Any(d => d.Info.Name == name);

    private static Definition Find(string name)
    {
        foreach (var d in Definitions)
        {
            if (d.Info.Name == name) return d;
        }
        throw new ArgumentException(
            "unknown embedded schema \"" + name + "\" (available: " + string.Join(", ", Definitions.Select(d => d.Info.Name)) + ")", nameof(name));
    }
}
