using System.Collections.Generic;
using System.Linq;
using CsmEvents.Schema;

namespace CsmEvents.Completers;

/// <summary>Completes Get-CsmSchema -Name: the embedded schema names.</summary>
public sealed class EmbeddedSchemaCompleter : KnownValuesCompleter
{
    protected override IEnumerable<string> Values => EmbeddedSchemas.List.Select(s => s.Name);

    protected override string? ToolTip(string value) => value + ": " + EmbeddedSchemas.List.First(s => s.Name == value).Title;
}
