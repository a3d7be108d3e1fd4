using System.Collections.Generic;
using CsmEvents.Schema;

namespace CsmEvents.Report;

/// <summary>The verdicts of a report's validation: counts, and the errors of the events that are not valid (the
/// first <see cref="MaxListed"/> of them, with at most <see cref="MaxErrorsPerEvent"/> errors each).</summary>
internal sealed class ReportValidation
{
    internal const int MaxListed = 10_000;
    internal const int MaxErrorsPerEvent = 20;

    public ReportValidation(string schema, bool ignoreAdditionalProperties)
    {
        Schema = schema;
        IgnoreAdditionalProperties = ignoreAdditionalProperties;
    }

    public string Schema { get; }
    public bool IgnoreAdditionalProperties { get; }
    public long Valid { get; private set; }
    public long Invalid { get; private set; }
    public long WithoutSchema { get; private set; }
    public long NotValid => Invalid + WithoutSchema;

    /// <summary>Event index → verdict, for the events that are not valid.</summary>
    public readonly List<(int Event, CsmValidationResult Result)> Listed = new();

    public void Add(int eventIndex, CsmValidationResult result)
    {
        if (result.IsValid)
        {
            Valid++;
            return;
        }
        if (result.Schema == null) WithoutSchema++;
        else Invalid++;
        if (Listed.Count < MaxListed) Listed.Add((eventIndex, result));
    }
}
