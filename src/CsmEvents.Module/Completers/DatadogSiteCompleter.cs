using System.Collections.Generic;
using CsmEvents.Datadog;

namespace CsmEvents.Completers;

/// <summary>Completes Datadog sites (-Site): the sites -Site accepts.</summary>
public sealed class DatadogSiteCompleter : KnownValuesCompleter
{
    protected override IEnumerable<string> Values => DatadogEndpoint.KnownSites;
}
