using System.Text.Json;

namespace CsmEvents.Schema.Evaluation;

/// <summary>
/// One compiled keyword (or a small group of keywords that must be evaluated together, such as properties,
/// patternProperties, additionalProperties and required). Immutable after compilation; all per-call state lives
/// in <see cref="EvaluationContext"/>.
/// </summary>
internal abstract class KeywordEvaluator
{
    protected KeywordEvaluator(string keyword, string location)
    {
        Keyword = keyword;
        Location = location;
    }

    /// <summary>The keyword name reported in errors.</summary>
    public string Keyword { get; }

    /// <summary>Absolute location of the keyword: "#/pointer" in the entry document, "uri#/pointer" elsewhere.</summary>
    public string Location { get; }

    /// <summary>True for keywords that apply no subschema (so a schema made only of them cannot recurse).</summary>
    public virtual bool IsLeaf => false;

    /// <summary>True when <see cref="Accepts"/> is implemented: a cheap verdict-only check for the common valid case.</summary>
    public virtual bool HasQuickCheck => false;

    /// <summary>
    /// The verdict alone, with no error and no instance location needed. Lets a member whose schema is a simple
    /// leaf (a type, a format) be accepted without entering the schema; a false answer falls back to
    /// <see cref="Evaluate"/>, which reports the error.
    /// </summary>
    public virtual bool Accepts(JsonElement instance, EvaluationContext context) => false;

    /// <summary>
    /// Returns whether <paramref name="instance"/> passes. Errors are recorded only when the context collects them.
    /// <paramref name="tracker"/> is non-null only when an enclosing unevaluatedProperties/unevaluatedItems needs
    /// to know which members this keyword evaluated.
    /// </summary>
    public abstract bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker);
}
