using System;
using System.Text.Json;

namespace CsmEvents.Schema.Json;

/// <summary>
/// JSON value equality as JSON Schema defines it (enum, const, uniqueItems): numbers compare by value
/// (1 equals 1.0), objects ignore member order, arrays compare in order.
/// </summary>
internal static class JsonEquality
{
    /// <summary>Deep equality; <paramref name="depthBudget"/> bounds recursion on absurdly nested values.</summary>
    public static bool DeepEquals(JsonElement a, JsonElement b, int depthBudget)
    {
        var kindA = Normalize(a.ValueKind);
        if (kindA != Normalize(b.ValueKind)) return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return a.ValueKind == b.ValueKind;
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            case JsonValueKind.Number:
                if (a.TryGetInt64(out long la) && b.TryGetInt64(out long lb)) return la == lb;
                return JsonNumberKinds.ToExact(a).Equals(JsonNumberKinds.ToExact(b));
            case JsonValueKind.Array:
            {
                if (depthBudget <= 0) throw new EvaluationTooDeepException();
                if (a.GetArrayLength() != b.GetArrayLength()) return false;
                var ea = a.EnumerateArray();
                var eb = b.EnumerateArray();
                while (ea.MoveNext() && eb.MoveNext())
                {
                    if (!DeepEquals(ea.Current, eb.Current, depthBudget - 1)) return false;
                }
                return true;
            }
            case JsonValueKind.Object:
            {
                if (depthBudget <= 0) throw new EvaluationTooDeepException();
                int countA = 0;
                foreach (var pa in a.EnumerateObject())
                {
                    countA++;
                    if (!JsonPointer.TryGetLastProperty(b, pa.Name, out var vb)) return false;
                    if (!DeepEquals(pa.Value, vb, depthBudget - 1)) return false;
                }
                int countB = 0;
                foreach (var _ in b.EnumerateObject()) countB++;
                return countA == countB;
            }
            default:
                return false;
        }
    }

    /// <summary>A hash consistent with <see cref="DeepEquals"/>, cheap and shallow (nested values add only their kind and size).</summary>
    public static int ShallowHash(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String: return StringComparer.Ordinal.GetHashCode(value.GetString()!);
            case JsonValueKind.Number:
                return value.TryGetDouble(out double d) ? d.GetHashCode() : 17;
            case JsonValueKind.Array: return 31 * value.GetArrayLength() + 1;
            case JsonValueKind.Object:
            {
                int count = 0;
                foreach (var _ in value.EnumerateObject()) count++;
                return 37 * count + 2;
            }
            default: return (int)Normalize(value.ValueKind);
        }
    }

    private static JsonValueKind Normalize(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;
}

/// <summary>Thrown inside evaluation when a value or schema is nested beyond the allowed depth; turned into a validation error.</summary>
internal sealed class EvaluationTooDeepException : Exception
{
}
