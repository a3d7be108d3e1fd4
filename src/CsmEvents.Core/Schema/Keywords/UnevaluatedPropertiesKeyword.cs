using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>
/// unevaluatedProperties: applies to the members no other keyword of this schema (including those reached through
/// $ref, allOf, passing anyOf/oneOf branches, if/then/else) has evaluated. A false schema is reported at the object
/// like additionalProperties, and is silenced by the same option.
/// </summary>
internal sealed class UnevaluatedPropertiesKeyword : KeywordEvaluator
{
    private readonly SchemaNode _schema;

    public UnevaluatedPropertiesKeyword(string location, SchemaNode schema)
        : base("unevaluatedProperties", location)
    {
        _schema = schema;
    }

    internal SchemaNode Schema => _schema;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object) return true;
        bool valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            string name = property.Name;
            if (tracker != null && tracker.IsPropertyEvaluated(name)) continue;
            if (_schema.Constant == false)
            {
                if (context.Options.IgnoreAdditionalProperties) continue;
                valid = false;
                if (!context.Collecting) return false;
                context.AddMemberError(Location, Keyword, "property " + JsonValueText.Quote(name, 60) + " is not allowed (no subschema defines it)", name, property.Value);
                continue;
            }
            context.PushProperty(property);
            bool ok = _schema.Evaluate(property.Value, context, null);
            context.Pop();
            if (!ok)
            {
                valid = false;
                if (!context.Collecting) return false;
            }
        }
        if (valid) tracker?.MarkAllProperties();
        return valid;
    }
}
