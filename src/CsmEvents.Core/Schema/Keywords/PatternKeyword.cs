using System.Text.Json;
using System.Text.RegularExpressions;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>pattern: an ECMA-262 regular expression, matched anywhere in the string, with a match timeout.</summary>
internal sealed class PatternKeyword : KeywordEvaluator
{
    private readonly Regex _regex;
    private readonly string _source;

    public PatternKeyword(string location, Regex regex, string source)
        : base("pattern", location)
    {
        _regex = regex;
        _source = source;
    }

    public override bool IsLeaf => true;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.String) return true;
        string text = instance.GetString()!;
        try
        {
            if (_regex.IsMatch(text)) return true;
            if (context.Collecting)
            {
                context.AddError(Location, Keyword, JsonValueText.Quote(text, 60) + " does not match the pattern " + JsonValueText.Quote(_source, 100), instance);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            if (context.Collecting) context.AddError(Location, Keyword, TimeoutMessage(_source, _regex), instance);
        }
        return false;
    }

    /// <summary>The message for a pattern that ran out of time; the value is then treated as not matching.</summary>
    internal static string TimeoutMessage(string source, Regex regex) =>
        "the pattern " + JsonValueText.Quote(source, 100) + " took too long to match (more than "
        + ((long)regex.MatchTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)
        + " ms); the value is treated as not matching";
}
