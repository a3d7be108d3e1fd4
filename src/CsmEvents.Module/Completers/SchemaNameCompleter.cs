using System;
using System.Collections.Generic;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Completers;

/// <summary>Completes Test-CsmEvent -Schema: "auto", the embedded schema names and the cached Linux schemas.</summary>
public sealed class SchemaNameCompleter : KnownValuesCompleter
{
    protected override IEnumerable<string> Values =>
        new[] { TestEventsOptions.AutoSchema }.Concat(EmbeddedSchemas.List.Select(s => s.Name)).Concat(CachedSchemaNames.Linux());

    protected override string? ToolTip(string value) =>
        value == TestEventsOptions.AutoSchema ? "auto: per event, windows, old-format linux or base, or the cached Linux schema of its agent version"
        : EmbeddedSchemas.Exists(value) ? value + ": " + EmbeddedSchemas.List.First(s => s.Name == value).Title
        : value + ": Datadog's published schema, from the schema cache";
}

/// <summary>The names of the cached schemas, for completion (none when the cache cannot be read).</summary>
internal static class CachedSchemaNames
{
    public static IEnumerable<string> All() => List().Select(i => i.Name);

    public static IEnumerable<string> Linux() => List().Where(i => i.FileName == SchemaCache.LinuxFile).Select(i => i.Name);

    private static IReadOnlyList<CachedSchemaInfo> List()
    {
        try
        {
            return SchemaCache.FromEnvironment(Environment.GetEnvironmentVariable)?.List() ?? (IReadOnlyList<CachedSchemaInfo>)Array.Empty<CachedSchemaInfo>();
        }
        catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
        {
            return Array.Empty<CachedSchemaInfo>();
        }
    }
}
