using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>
/// anyOf: at least one branch must pass. Branches are first tried on the fast path (no error details); only when
/// all fail are they evaluated again to collect their errors, which are nested under the anyOf error. So a valid
/// instance costs no error objects, and a branch that passed never contributes errors.
/// </summary>
internal sealed class AnyOfKeyword : KeywordEvaluator
{
    private readonly SchemaNode[] _branches;

    public AnyOfKeyword(string location, SchemaNode[] branches)
        : base("anyOf", location)
    {
        _branches = branches;
    }

    internal SchemaNode[] Branches => _branches;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        bool collecting = context.Collecting;
        bool any = false;
        context.Collecting = false;
        foreach (var branch in _branches)
        {
            if (tracker == null)
            {
                if (branch.Evaluate(instance, context, null)) { any = true; break; }
                continue;
            }
            // unevaluated* needs the annotations of every passing branch, so no short cut here.
            var branchTracker = context.RentTracker();
            if (branch.Evaluate(instance, context, branchTracker))
            {
                any = true;
                tracker.MergeFrom(branchTracker);
            }
            context.ReturnTracker(branchTracker);
        }
        context.Collecting = collecting;
        if (any) return true;
        if (collecting)
        {
            var details = BranchErrors.Collect(_branches, instance, context, null);
            context.AddError(Location, Keyword,
                "the value does not match any of the " + _branches.Length.ToString(CultureInfo.InvariantCulture) + " alternatives (anyOf)",
                JsonValueText.Render(instance), details);
        }
        return false;
    }
}

/// <summary>Re-evaluates failing branches with error collection on, into a list of their own.</summary>
internal static class BranchErrors
{
    public static List<SchemaError> Collect(SchemaNode[] branches, JsonElement instance, EvaluationContext context, bool[]? only)
    {
        var details = new List<SchemaError>();
        var saved = context.Errors;
        context.Errors = details;
        try
        {
            for (int i = 0; i < branches.Length; i++)
            {
                if (only != null && !only[i]) continue;
                branches[i].Evaluate(instance, context, null);
            }
        }
        finally
        {
            context.Errors = saved;
        }
        return details;
    }
}
