using System;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Formats;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>
/// format for the formats the engine knows. Only compiled for known formats; asserted when the options ask for it
/// or the schema's vocabulary requires format assertion, otherwise an annotation.
/// </summary>
internal sealed class FormatKeyword : KeywordEvaluator
{
    private readonly Func<string, bool> _check;
    private readonly bool _alwaysAssert;
    private readonly string _description;

    public FormatKeyword(string location, string format, Func<string, bool> check, bool alwaysAssert)
        : base("format", location)
    {
        _check = check;
        _alwaysAssert = alwaysAssert;
        _description = FormatCheckers.Describe(format);
    }

    public override bool IsLeaf => true;

    public override bool HasQuickCheck => true;

    public override bool Accepts(JsonElement instance, EvaluationContext context)
    {
        if (instance.ValueKind != JsonValueKind.String) return true;
        if (!_alwaysAssert && !context.Options.AssertFormat) return true;
        return _check(instance.GetString()!);
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (Accepts(instance, context)) return true;
        string text = instance.GetString()!;
        if (context.Collecting)
        {
            context.AddError(Location, Keyword, JsonValueText.Quote(text, 60) + " is not a valid " + _description, instance);
        }
        return false;
    }
}
