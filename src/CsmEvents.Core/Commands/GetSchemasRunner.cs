using System;
using System.Collections.Generic;
using System.Linq;
using CsmEvents.Schema;
using CsmEvents.Text;

namespace CsmEvents.Commands;

/// <summary>
/// Get-CsmSchema's logic: emits the embedded schemas (<see cref="EmbeddedSchemaInfo"/>) whose name matches one of
/// the patterns, each once, in the stable order of <see cref="EmbeddedSchemas.List"/>. A name without wildcards
/// that matches nothing is one <see cref="SchemaErrorIds.SchemaNotFound"/> error (as Get-Process -Name does); a
/// pattern that matches nothing is silent.
/// </summary>
public static class GetSchemasRunner
{
    /// <summary>Emits the matching schemas; no patterns (null or empty) means all of them.</summary>
    /// <exception cref="ArgumentException">A pattern is not a valid wildcard pattern.</exception>
    public static void Run(IReadOnlyList<string>? names, ICommandSink sink)
    {
        var patterns = (names ?? Array.Empty<string>()).Select(n => new Wildcard(n)).ToList();
        var matching = EmbeddedSchemas.List.Where(info => patterns.Count == 0 || patterns.Any(p => p.IsMatch(info.Name))).ToList();
        sink.Verbose("Embedded schemas" + (patterns.Count == 0 ? string.Empty : " matching " + string.Join(", ", patterns.Select(p => p.Pattern))) + ": " +
            (matching.Count == 0 ? "none" : string.Join(", ", matching.Select(i => i.Name))) + ".");
        foreach (var info in matching) sink.Emit(info);
        foreach (var pattern in patterns)
        {
            if (Wildcard.ContainsWildcard(pattern.Pattern) || EmbeddedSchemas.List.Any(i => pattern.IsMatch(i.Name))) continue;
            sink.Error(new CsmError(SchemaErrorIds.SchemaNotFound, CsmErrorCategory.ObjectNotFound,
                pattern.Pattern + ": no embedded schema has this name (embedded: " + string.Join(", ", EmbeddedSchemas.List.Select(i => i.Name)) + ")",
                pattern.Pattern));
        }
    }
}
