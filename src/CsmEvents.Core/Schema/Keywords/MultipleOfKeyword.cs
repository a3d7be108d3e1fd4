using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>multipleOf, in exact decimal arithmetic (0.0075 is a multiple of 0.0001; binary floating point says no).</summary>
internal sealed class MultipleOfKeyword : KeywordEvaluator
{
    private readonly NumberLimit _divisor;

    public MultipleOfKeyword(string location, JsonElement divisor)
        : base("multipleOf", location)
    {
        _divisor = new NumberLimit(divisor);
    }

    public override bool IsLeaf => true;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Number) return true;
        bool ok;
        if (_divisor.IsInt64 && instance.TryGetInt64(out long value)) ok = value % _divisor.Int64 == 0;
        else ok = ExactNumber.IsMultipleOf(JsonNumberKinds.ToExact(instance), _divisor.Exact);
        if (!ok && context.Collecting)
        {
            context.AddError(Location, Keyword, instance.GetRawText() + " is not a multiple of " + _divisor.Text, instance);
        }
        return ok;
    }
}
