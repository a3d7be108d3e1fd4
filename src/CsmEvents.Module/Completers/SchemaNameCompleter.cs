using System.Collections.Generic;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Schema;

namespace CsmEvents.Completers;

/// <summary>Completes Test-CsmEvent -Schema: "auto" and the embedded schema names.</summary>
public sealed class SchemaNameCompleter : KnownValuesCompleter
{
    protected override IEnumerable<string> Values => new[] { TestEventsOptions.AutoSchema }.Concat(EmbeddedSchemas.List.Select(s => s.Name));

    protected override string? ToolTip(string value) =>
        value == TestEventsOptions.AutoSchema ? "auto: windows or old-format linux, chosen per event" : value + ": " + EmbeddedSchemas.List.First(s => s.Name == value).Title;
}
