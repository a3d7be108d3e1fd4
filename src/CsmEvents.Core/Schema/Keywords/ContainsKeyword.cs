using System.Globalization;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;

namespace CsmEvents.Schema.Keywords;

/// <summary>contains with minContains/maxContains (draft-06+: at least one match; 2020-12: between min and max matches).</summary>
internal sealed class ContainsKeyword : KeywordEvaluator
{
    private readonly SchemaNode _schema;
    private readonly long _min;
    private readonly long? _max;
    private readonly string? _minLocation;
    private readonly string? _maxLocation;

    public ContainsKeyword(string location, SchemaNode schema, long min, string? minLocation, long? max, string? maxLocation)
        : base("contains", location)
    {
        _schema = schema;
        _min = min;
        _max = max;
        _minLocation = minLocation;
        _maxLocation = maxLocation;
    }

    internal SchemaNode Schema => _schema;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array) return true;
        bool collecting = context.Collecting;
        context.Collecting = false;
        long matches = 0;
        int index = 0;
        try
        {
            foreach (var item in instance.EnumerateArray())
            {
                context.PushIndex(index);
                bool ok = _schema.Evaluate(item, context, null);
                context.Pop();
                if (ok)
                {
                    matches++;
                    tracker?.AddItem(index);
                    // Nothing left to learn once the minimum is met and there is no maximum to exceed.
                    if (tracker == null && _max == null && matches >= _min) break;
                }
                index++;
            }
        }
        finally
        {
            context.Collecting = collecting;
        }

        if (matches < _min)
        {
            if (collecting)
            {
                if (_minLocation == null)
                    context.AddError(Location, Keyword, "array does not contain any item that matches the \"contains\" schema", instance);
                else
                    context.AddError(_minLocation, "minContains",
                        "array contains " + Count(matches) + ", fewer than minContains " + _min.ToString(CultureInfo.InvariantCulture), instance);
            }
            return false;
        }
        if (_max != null && matches > _max.Value)
        {
            if (collecting)
            {
                context.AddError(_maxLocation!, "maxContains",
                    "array contains " + Count(matches) + ", more than maxContains " + _max.Value.ToString(CultureInfo.InvariantCulture), instance);
            }
            return false;
        }
        return true;
    }

    private static string Count(long matches) =>
        matches.ToString(CultureInfo.InvariantCulture) + (matches == 1 ? " matching item" : " matching items");
}
