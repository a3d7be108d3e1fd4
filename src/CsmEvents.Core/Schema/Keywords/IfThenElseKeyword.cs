using System.Text.Json;
using CsmEvents.Schema.Evaluation;

namespace CsmEvents.Schema.Keywords;

/// <summary>if/then/else: "if" only chooses (it never reports errors); then/else report their own errors.</summary>
internal sealed class IfThenElseKeyword : KeywordEvaluator
{
    private readonly SchemaNode _if;
    private readonly SchemaNode? _then;
    private readonly SchemaNode? _else;

    public IfThenElseKeyword(string location, SchemaNode condition, SchemaNode? then, SchemaNode? otherwise)
        : base("if", location)
    {
        _if = condition;
        _then = then;
        _else = otherwise;
    }

    internal SchemaNode If => _if;
    internal SchemaNode? Then => _then;
    internal SchemaNode? Else => _else;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (_then == null && _else == null && tracker == null) return true;
        bool collecting = context.Collecting;
        context.Collecting = false;
        EvaluatedTracker? conditionTracker = tracker != null ? context.RentTracker() : null;
        bool condition = _if.Evaluate(instance, context, conditionTracker);
        context.Collecting = collecting;
        if (conditionTracker != null)
        {
            if (condition) tracker!.MergeFrom(conditionTracker);
            context.ReturnTracker(conditionTracker);
        }
        var branch = condition ? _then : _else;
        return branch == null || branch.Evaluate(instance, context, tracker);
    }
}
