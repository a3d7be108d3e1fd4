using System.Collections.Generic;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>type: the JSON type(s) allowed. "integer" accepts any number without a fractional part (1.0 included).</summary>
internal sealed class TypeKeyword : KeywordEvaluator
{
    [System.Flags]
    public enum JsonTypes
    {
        None = 0, Null = 1, Boolean = 2, Object = 4, Array = 8, Number = 16, String = 32, Integer = 64,
    }

    private readonly JsonTypes _allowed;
    private readonly string _expected;

    public TypeKeyword(string location, JsonTypes allowed, IReadOnlyList<string> names)
        : base("type", location)
    {
        _allowed = allowed;
        _expected = JoinWords(names);
    }

    public static JsonTypes Parse(string name)
    {
        switch (name)
        {
            case "null": return JsonTypes.Null;
            case "boolean": return JsonTypes.Boolean;
            case "object": return JsonTypes.Object;
            case "array": return JsonTypes.Array;
            case "number": return JsonTypes.Number;
            case "string": return JsonTypes.String;
            case "integer": return JsonTypes.Integer;
            default: return JsonTypes.None;
        }
    }

    public override bool IsLeaf => true;

    public override bool HasQuickCheck => true;

    public override bool Accepts(JsonElement instance, EvaluationContext context)
    {
        switch (instance.ValueKind)
        {
            case JsonValueKind.Object: return (_allowed & JsonTypes.Object) != 0;
            case JsonValueKind.Array: return (_allowed & JsonTypes.Array) != 0;
            case JsonValueKind.String: return (_allowed & JsonTypes.String) != 0;
            case JsonValueKind.Number:
                return (_allowed & JsonTypes.Number) != 0
                       || ((_allowed & JsonTypes.Integer) != 0 && JsonNumberKinds.IsInteger(instance));
            case JsonValueKind.True:
            case JsonValueKind.False: return (_allowed & JsonTypes.Boolean) != 0;
            default: return (_allowed & JsonTypes.Null) != 0;
        }
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        bool ok = Accepts(instance, context);
        if (!ok && context.Collecting)
        {
            context.AddError(Location, Keyword, "expected " + _expected + ", got " + JsonValueText.Describe(instance), instance);
        }
        return ok;
    }

    /// <summary>"a", "a or b", "a, b or c".</summary>
    internal static string JoinWords(IReadOnlyList<string> words)
    {
        if (words.Count == 1) return words[0];
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < words.Count; i++)
        {
            if (i > 0) sb.Append(i == words.Count - 1 ? " or " : ", ");
            sb.Append(words[i]);
        }
        return sb.ToString();
    }
}
