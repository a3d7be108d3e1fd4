using System.Globalization;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;

namespace CsmEvents.Schema.Keywords;

/// <summary>minItems / maxItems.</summary>
internal sealed class ItemCountKeyword : KeywordEvaluator
{
    private readonly long _limit;
    private readonly bool _isMaximum;

    public ItemCountKeyword(string keyword, string location, long limit, bool isMaximum)
        : base(keyword, location)
    {
        _limit = limit;
        _isMaximum = isMaximum;
    }

    public override bool IsLeaf => true;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array) return true;
        long count = instance.GetArrayLength();
        bool ok = _isMaximum ? count <= _limit : count >= _limit;
        if (!ok && context.Collecting)
        {
            string message = "array has " + count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " item, " : " items, ")
                + (_isMaximum ? "more than the maximum " : "fewer than the minimum ") + _limit.ToString(CultureInfo.InvariantCulture);
            context.AddError(Location, Keyword, message, instance);
        }
        return ok;
    }
}
