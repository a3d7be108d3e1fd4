using System;
using System.Collections.Generic;
using System.Linq;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;
using CsmEvents.Text;

namespace CsmEvents.Commands;

/// <summary>
/// Get-CsmSchema's logic: emits the embedded schemas (<see cref="EmbeddedSchemaInfo"/>) whose name matches one of
/// the patterns, each once, in the stable order of <see cref="EmbeddedSchemas.List"/>, then the cached schemas
/// (<see cref="CachedSchemaInfo"/>, backend_linux@7.64.3 ...) that match, newest version first. A name without
/// wildcards that matches nothing is one <see cref="SchemaErrorIds.SchemaNotFound"/> error (as Get-Process -Name
/// does); a pattern that matches nothing is silent.
/// </summary>
public static class GetSchemasRunner
{
    /// <summary>Emits the matching embedded schemas; no patterns (null or empty) means all of them.</summary>
    /// <exception cref="ArgumentException">A pattern is not a valid wildcard pattern.</exception>
    public static void Run(IReadOnlyList<string>? names, ICommandSink sink) => Run(names, null, sink);

    /// <summary>Emits the matching embedded and cached schemas.</summary>
    /// <exception cref="ArgumentException">A pattern is not a valid wildcard pattern.</exception>
    public static void Run(IReadOnlyList<string>? names, SchemaCache? cache, ICommandSink sink)
    {
        var patterns = (names ?? Array.Empty<string>()).Select(n => new Wildcard(n)).ToList();
        var all = EmbeddedSchemas.List.Select(i => (Name: i.Name, Item: (object)i)).ToList();
        var cached = Cached(cache, sink);
        foreach (var info in cached) all.Add((info.Name, info));
        var matching = all.Where(i => patterns.Count == 0 || patterns.Any(p => p.IsMatch(i.Name))).ToList();
        sink.Verbose("Embedded and cached schemas" + (patterns.Count == 0 ? string.Empty : " matching " + string.Join(", ", patterns.Select(p => p.Pattern))) + ": " +
            (matching.Count == 0 ? "none" : string.Join(", ", matching.Select(i => i.Name))) + ".");
        foreach (var (_, item) in matching) sink.Emit(item);
        foreach (var pattern in patterns)
        {
            if (Wildcard.ContainsWildcard(pattern.Pattern) || all.Any(i => pattern.IsMatch(i.Name))) continue;
            sink.Error(new CsmError(SchemaErrorIds.SchemaNotFound, CsmErrorCategory.ObjectNotFound,
                pattern.Pattern + ": no embedded or cached schema has this name (embedded: " + string.Join(", ", EmbeddedSchemas.List.Select(i => i.Name))
                + "; cached: " + (cached.Count == 0 ? "none" : string.Join(", ", cached.Select(i => i.Name))) + ")",
                pattern.Pattern));
        }
    }

    private static IReadOnlyList<CachedSchemaInfo> Cached(SchemaCache? cache, ICommandSink sink)
    {
        if (cache == null) return Array.Empty<CachedSchemaInfo>();
        try
        {
            return cache.List();
        }
        catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
        {
            sink.Warning(cache.Folder + ": cannot list the schema cache: " + ex.Message);
            return Array.Empty<CachedSchemaInfo>();
        }
    }
}
