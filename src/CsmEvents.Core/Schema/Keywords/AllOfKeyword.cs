using System.Text.Json;
using CsmEvents.Schema.Evaluation;

namespace CsmEvents.Schema.Keywords;

/// <summary>allOf: every branch must pass; branch errors are reported as they are (each carries its own location).</summary>
internal sealed class AllOfKeyword : KeywordEvaluator
{
    private readonly SchemaNode[] _branches;

    public AllOfKeyword(string location, SchemaNode[] branches)
        : base("allOf", location)
    {
        _branches = branches;
    }

    internal SchemaNode[] Branches => _branches;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        bool valid = true;
        foreach (var branch in _branches)
        {
            if (branch.Evaluate(instance, context, tracker)) continue;
            valid = false;
            if (!context.Collecting) return false;
        }
        return valid;
    }
}
