using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>
/// enum and const: the instance must equal one of the listed values. Strings are compared as UTF-8 bytes
/// against the instance without allocating; numbers by value; objects and arrays deeply.
/// </summary>
internal sealed class EnumKeyword : KeywordEvaluator
{
    private readonly JsonElement[] _values;
    private readonly byte[]?[] _utf8Strings;
    private readonly string _allowedText;

    public EnumKeyword(string keyword, string location, IReadOnlyList<JsonElement> values)
        : base(keyword, location)
    {
        _values = new JsonElement[values.Count];
        _utf8Strings = new byte[values.Count][];
        var text = new StringBuilder();
        for (int i = 0; i < values.Count; i++)
        {
            _values[i] = values[i];
            if (values[i].ValueKind == JsonValueKind.String) _utf8Strings[i] = Encoding.UTF8.GetBytes(values[i].GetString()!);
            if (i > 0) text.Append(", ");
            text.Append(JsonValueText.Render(values[i], 40));
        }
        _allowedText = text.Length > 200 ? text.ToString(0, 197) + "..." : text.ToString();
    }

    public override bool IsLeaf => true;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        var kind = instance.ValueKind;
        for (int i = 0; i < _values.Length; i++)
        {
            var candidate = _values[i];
            var utf8 = _utf8Strings[i];
            if (utf8 != null)
            {
                if (kind == JsonValueKind.String && instance.ValueEquals(utf8)) return true;
                continue;
            }
            if (JsonEquality.DeepEquals(instance, candidate, context.RemainingDepth)) return true;
        }
        if (context.Collecting)
        {
            string message = Keyword == "const"
                ? "expected the constant value " + _allowedText + ", got " + JsonValueText.Describe(instance)
                : JsonValueText.Describe(instance) + " is not one of the allowed values: " + _allowedText;
            context.AddError(Location, Keyword, message, instance);
        }
        return false;
    }
}
