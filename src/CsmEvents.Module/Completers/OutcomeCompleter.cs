using System.Collections.Generic;
using CsmEvents.Conversion;

namespace CsmEvents.Completers;

/// <summary>Completes event outcomes (evt.outcome).</summary>
public sealed class OutcomeCompleter : KnownValuesCompleter
{
    protected override IEnumerable<string> Values => KnownValues.Outcomes;
}
