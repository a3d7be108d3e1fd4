using System.Globalization;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;

namespace CsmEvents.Schema.Keywords;

/// <summary>minLength / maxLength, counted in Unicode code points (a surrogate pair is one character).</summary>
internal sealed class StringLengthKeyword : KeywordEvaluator
{
    private readonly long _limit;
    private readonly bool _isMaximum;

    public StringLengthKeyword(string keyword, string location, long limit, bool isMaximum)
        : base(keyword, location)
    {
        _limit = limit;
        _isMaximum = isMaximum;
    }

    public override bool IsLeaf => true;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.String) return true;
        string text = instance.GetString()!;
        long length = CodePoints(text);
        bool ok = _isMaximum ? length <= _limit : length >= _limit;
        if (!ok && context.Collecting)
        {
            string limit = _limit.ToString(CultureInfo.InvariantCulture);
            string actual = length.ToString(CultureInfo.InvariantCulture);
            string message = _isMaximum
                ? "string is longer than " + limit + " characters (" + actual + ")"
                : "string is shorter than " + limit + " characters (" + actual + ")";
            context.AddError(Location, Keyword, message, instance);
        }
        return ok;
    }

    private static long CodePoints(string text)
    {
        long count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            count++;
        }
        return count;
    }
}
