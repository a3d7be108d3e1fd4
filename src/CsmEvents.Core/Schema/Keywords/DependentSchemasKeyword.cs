using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;

namespace CsmEvents.Schema.Keywords;

/// <summary>dependentSchemas (and the schema form of draft-04/07 dependencies): when a member is present, the whole object must also match a schema.</summary>
internal sealed class DependentSchemasKeyword : KeywordEvaluator
{
    private readonly byte[][] _triggers;
    private readonly SchemaNode[] _schemas;

    public DependentSchemasKeyword(string keyword, string location, IReadOnlyList<KeyValuePair<string, SchemaNode>> dependencies)
        : base(keyword, location)
    {
        _triggers = new byte[dependencies.Count][];
        _schemas = new SchemaNode[dependencies.Count];
        for (int i = 0; i < dependencies.Count; i++)
        {
            _triggers[i] = Encoding.UTF8.GetBytes(dependencies[i].Key);
            _schemas[i] = dependencies[i].Value;
        }
    }

    internal IReadOnlyList<SchemaNode> Subschemas => _schemas;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object) return true;
        bool valid = true;
        for (int i = 0; i < _triggers.Length; i++)
        {
            if (!instance.TryGetProperty(_triggers[i], out _)) continue;
            if (!_schemas[i].Evaluate(instance, context, tracker))
            {
                valid = false;
                if (!context.Collecting) return false;
            }
        }
        return valid;
    }
}
