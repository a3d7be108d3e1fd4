using System.Text.Json;
using CsmEvents.Schema.Evaluation;

namespace CsmEvents.Schema.Keywords;

/// <summary>
/// $dynamicRef (2020-12). When its statically resolved target carries a matching $dynamicAnchor, the schema used is
/// the one with that anchor in the outermost resource of the dynamic scope; otherwise it acts like $ref.
/// </summary>
internal sealed class DynamicRefKeyword : KeywordEvaluator
{
    private readonly SchemaNode _staticTarget;
    private readonly string? _anchor;

    public DynamicRefKeyword(string location, SchemaNode staticTarget, string? anchor)
        : base("$dynamicRef", location)
    {
        _staticTarget = staticTarget;
        _anchor = anchor;
    }

    internal SchemaNode StaticTarget => _staticTarget;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        var target = _anchor == null ? _staticTarget : context.FindDynamicAnchor(_anchor) ?? _staticTarget;
        return target.Evaluate(instance, context, tracker);
    }
}
