using System.Text.Json;
using CsmEvents.Schema.Evaluation;

namespace CsmEvents.Schema.Keywords;

/// <summary>not: the instance must fail the subschema (evaluated on the fast path; its own errors would mean success).</summary>
internal sealed class NotKeyword : KeywordEvaluator
{
    private readonly SchemaNode _schema;

    public NotKeyword(string location, SchemaNode schema)
        : base("not", location)
    {
        _schema = schema;
    }

    internal SchemaNode Schema => _schema;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        bool collecting = context.Collecting;
        context.Collecting = false;
        bool matched = _schema.Evaluate(instance, context, null);
        context.Collecting = collecting;
        if (!matched) return true;
        if (collecting) context.AddError(Location, Keyword, "the value must not match the \"not\" schema", instance);
        return false;
    }
}
