using System.Collections.Generic;
using System.Linq;
using CsmEvents.Schema;

namespace CsmEvents.Completers;

/// <summary>Completes Get-CsmSchema -Name: the embedded schema names, then the cached ones.</summary>
public sealed class EmbeddedSchemaCompleter : KnownValuesCompleter
{
    protected override IEnumerable<string> Values => EmbeddedSchemas.List.Select(s => s.Name).Concat(CachedSchemaNames.All());

    protected override string? ToolTip(string value) =>
        EmbeddedSchemas.Exists(value) ? value + ": " + EmbeddedSchemas.List.First(s => s.Name == value).Title : value + ": Datadog's published schema, from the schema cache";
}
