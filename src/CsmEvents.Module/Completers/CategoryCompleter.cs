using System.Collections.Generic;
using CsmEvents.Conversion;

namespace CsmEvents.Completers;

/// <summary>Completes event categories (evt.category).</summary>
public sealed class CategoryCompleter : KnownValuesCompleter
{
    protected override IEnumerable<string> Values => KnownValues.Categories;
}
