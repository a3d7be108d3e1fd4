using System.Globalization;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;

namespace CsmEvents.Schema.Keywords;

/// <summary>minProperties / maxProperties.</summary>
internal sealed class PropertyCountKeyword : KeywordEvaluator
{
    private readonly long _limit;
    private readonly bool _isMaximum;

    public PropertyCountKeyword(string keyword, string location, long limit, bool isMaximum)
        : base(keyword, location)
    {
        _limit = limit;
        _isMaximum = isMaximum;
    }

    public override bool IsLeaf => true;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object) return true;
        long count = 0;
        foreach (var _ in instance.EnumerateObject()) count++;
        bool ok = _isMaximum ? count <= _limit : count >= _limit;
        if (!ok && context.Collecting)
        {
            string message = "object has " + count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " property, " : " properties, ")
                + (_isMaximum ? "more than the maximum " : "fewer than the minimum ") + _limit.ToString(CultureInfo.InvariantCulture);
            context.AddError(Location, Keyword, message, instance);
        }
        return ok;
    }
}
