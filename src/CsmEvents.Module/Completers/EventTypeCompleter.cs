using System.Collections.Generic;
using CsmEvents.Conversion;

namespace CsmEvents.Completers;

/// <summary>Completes event types (evt.name) of Windows and Linux; the tooltip says which platforms know the type.</summary>
public sealed class EventTypeCompleter : KnownValuesCompleter
{
    protected override IEnumerable<string> Values => KnownValues.EventTypes;

    protected override string? ToolTip(string value) => value + " (" + KnownValues.PlatformsOf(value) + ")";
}
