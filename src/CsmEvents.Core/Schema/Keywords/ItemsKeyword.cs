using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>
/// Array items, whatever the dialect spells them: 2020-12 prefixItems + items, or draft-04/07 items (one schema
/// for all, or an array of positional schemas) + additionalItems. A false schema for the remaining items is
/// reported once, at the array.
/// </summary>
internal sealed class ItemsKeyword : KeywordEvaluator
{
    private readonly SchemaNode[] _prefix;
    private readonly SchemaNode? _rest;
    private readonly string? _restKeyword;
    private readonly string? _restLocation;

    public ItemsKeyword(string location, SchemaNode[] prefix, SchemaNode? rest, string? restKeyword, string? restLocation)
        : base("items", location)
    {
        _prefix = prefix;
        _rest = rest;
        _restKeyword = restKeyword;
        _restLocation = restLocation;
    }

    internal IEnumerable<SchemaNode> Subschemas()
    {
        foreach (var p in _prefix) yield return p;
        if (_rest != null) yield return _rest;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array) return true;
        bool collecting = context.Collecting;
        bool valid = true;
        int index = 0;
        int prefixCount = _prefix.Length;
        foreach (var item in instance.EnumerateArray())
        {
            SchemaNode? schema = index < prefixCount ? _prefix[index] : _rest;
            if (schema == null) break;
            if (schema.Constant == false && index >= prefixCount)
            {
                valid = false;
                if (collecting)
                {
                    int length = instance.GetArrayLength();
                    context.AddError(_restLocation!, _restKeyword!,
                        "array has " + length.ToString(CultureInfo.InvariantCulture) + " items, but only " + prefixCount.ToString(CultureInfo.InvariantCulture)
                        + (prefixCount == 1 ? " is" : " are") + " allowed",
                        JsonValueText.Render(item));
                }
                break;
            }
            var target = schema.Resolved;
            if (!schema.AcceptsAll && !(target.IsQuickLeaf && target.QuickAccepts(item, context)))
            {
                context.PushIndex(index);
                bool ok = target.Evaluate(item, context, null);
                context.Pop();
                if (!ok)
                {
                    valid = false;
                    if (!collecting) return false;
                }
            }
            index++;
        }
        if (tracker != null)
        {
            tracker.MarkPrefix(prefixCount);
            if (_rest != null) tracker.MarkAllItems();
        }
        return valid;
    }
}
