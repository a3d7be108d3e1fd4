using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>uniqueItems: no two items may be equal (by JSON value: 1 equals 1.0, member order does not matter).</summary>
internal sealed class UniqueItemsKeyword : KeywordEvaluator
{
    public UniqueItemsKeyword(string location)
        : base("uniqueItems", location)
    {
    }

    public override bool IsLeaf => true;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array) return true;
        int count = instance.GetArrayLength();
        if (count < 2) return true;
        // Bucket by a cheap hash so that long arrays are not compared pairwise.
        var buckets = new Dictionary<int, List<int>>();
        for (int i = 0; i < count; i++)
        {
            var item = instance[i];
            int hash = JsonEquality.ShallowHash(item);
            if (!buckets.TryGetValue(hash, out var indexes))
            {
                buckets[hash] = new List<int> { i };
                continue;
            }
            foreach (int earlier in indexes)
            {
                if (!JsonEquality.DeepEquals(instance[earlier], item, context.RemainingDepth)) continue;
                if (context.Collecting)
                {
                    context.AddError(Location, Keyword,
                        "items " + earlier.ToString(CultureInfo.InvariantCulture) + " and " + i.ToString(CultureInfo.InvariantCulture) + " are equal; all items must be unique",
                        instance);
                }
                return false;
            }
            indexes.Add(i);
        }
        return true;
    }
}
