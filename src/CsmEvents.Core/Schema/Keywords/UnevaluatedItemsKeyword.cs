using System.Globalization;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>unevaluatedItems: applies to the items no prefixItems/items/contains of this schema (or its in-place subschemas) evaluated.</summary>
internal sealed class UnevaluatedItemsKeyword : KeywordEvaluator
{
    private readonly SchemaNode _schema;

    public UnevaluatedItemsKeyword(string location, SchemaNode schema)
        : base("unevaluatedItems", location)
    {
        _schema = schema;
    }

    internal SchemaNode Schema => _schema;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array) return true;
        bool valid = true;
        int index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            int current = index++;
            if (tracker != null && tracker.IsItemEvaluated(current)) continue;
            if (_schema.Constant == false)
            {
                valid = false;
                if (!context.Collecting) return false;
                context.AddError(Location, Keyword, "item " + current.ToString(CultureInfo.InvariantCulture) + " is not allowed (no subschema defines it)", JsonValueText.Render(item));
                continue;
            }
            context.PushIndex(current);
            bool ok = _schema.Evaluate(item, context, null);
            context.Pop();
            if (!ok)
            {
                valid = false;
                if (!context.Collecting) return false;
            }
        }
        if (valid) tracker?.MarkAllItems();
        return valid;
    }
}
