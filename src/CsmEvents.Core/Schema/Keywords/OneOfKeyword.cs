using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>
/// oneOf: exactly one branch must pass. No branch passing: the branches' errors are nested under the oneOf error.
/// Several passing: the error names them and has no details (nothing inside them failed).
/// </summary>
internal sealed class OneOfKeyword : KeywordEvaluator
{
    private readonly SchemaNode[] _branches;

    public OneOfKeyword(string location, SchemaNode[] branches)
        : base("oneOf", location)
    {
        _branches = branches;
    }

    internal SchemaNode[] Branches => _branches;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        bool collecting = context.Collecting;
        context.Collecting = false;
        List<int>? passing = null;
        int passCount = 0;
        EvaluatedTracker? winner = null;
        for (int i = 0; i < _branches.Length; i++)
        {
            var branchTracker = tracker != null ? context.RentTracker() : null;
            bool ok = _branches[i].Evaluate(instance, context, branchTracker);
            if (ok)
            {
                passCount++;
                if (collecting) (passing ??= new List<int>()).Add(i);
                if (branchTracker != null && winner == null) { winner = branchTracker; branchTracker = null; }
            }
            if (branchTracker != null) context.ReturnTracker(branchTracker);
            if (passCount > 1 && !collecting) break;
        }
        context.Collecting = collecting;
        if (winner != null)
        {
            if (passCount == 1) tracker!.MergeFrom(winner);
            context.ReturnTracker(winner);
        }
        if (passCount == 1) return true;
        if (!collecting) return false;
        if (passCount == 0)
        {
            var details = BranchErrors.Collect(_branches, instance, context, null);
            context.AddError(Location, Keyword,
                "the value does not match any of the " + _branches.Length.ToString(CultureInfo.InvariantCulture) + " alternatives (oneOf: exactly one must match)",
                JsonValueText.Render(instance), details);
        }
        else
        {
            var names = new List<string>();
            foreach (int i in passing!) names.Add(i.ToString(CultureInfo.InvariantCulture));
            context.AddError(Location, Keyword,
                "the value matches " + passCount.ToString(CultureInfo.InvariantCulture) + " alternatives (" + TypeKeyword.JoinWords(names).Replace(" or ", " and ") + "), but oneOf allows exactly one",
                JsonValueText.Render(instance));
        }
        return false;
    }
}
