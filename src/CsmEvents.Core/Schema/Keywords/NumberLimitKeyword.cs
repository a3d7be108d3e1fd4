using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>minimum, maximum, exclusiveMinimum, exclusiveMaximum (and draft-04's boolean exclusive forms), compared exactly.</summary>
internal sealed class NumberLimitKeyword : KeywordEvaluator
{
    private readonly NumberLimit _limit;
    private readonly bool _isMaximum;
    private readonly bool _exclusive;

    public NumberLimitKeyword(string keyword, string location, JsonElement limit, bool isMaximum, bool exclusive)
        : base(keyword, location)
    {
        _limit = new NumberLimit(limit);
        _isMaximum = isMaximum;
        _exclusive = exclusive;
    }

    public override bool IsLeaf => true;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Number) return true;
        int cmp = JsonNumberKinds.Compare(instance, _limit);
        bool ok = _isMaximum ? (_exclusive ? cmp < 0 : cmp <= 0) : (_exclusive ? cmp > 0 : cmp >= 0);
        if (!ok && context.Collecting)
        {
            string value = instance.GetRawText();
            string message = _isMaximum
                ? (_exclusive ? value + " is not less than the exclusive maximum " + _limit.Text : value + " is greater than the maximum " + _limit.Text)
                : (_exclusive ? value + " is not greater than the exclusive minimum " + _limit.Text : value + " is less than the minimum " + _limit.Text);
            context.AddError(Location, Keyword, message, instance);
        }
        return ok;
    }
}
