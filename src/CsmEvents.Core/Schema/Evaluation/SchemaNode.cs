using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CsmEvents.Schema.Evaluation;

/// <summary>
/// A compiled schema: the keyword evaluators of one schema object, or a boolean schema. Nodes are shared
/// wherever a $ref points at them, so the tree is really a graph; it is immutable once compiled.
/// </summary>
internal sealed class SchemaNode
{
    private KeywordEvaluator[] _keywords = System.Array.Empty<KeywordEvaluator>();

    public SchemaNode(string location)
    {
        Location = location;
    }

    /// <summary>Absolute location of this schema, same form as <see cref="KeywordEvaluator.Location"/>.</summary>
    public string Location { get; }

    /// <summary>Null for a schema object; true/false for boolean schemas.</summary>
    public bool? Constant { get; private set; }

    /// <summary>Set when this schema starts a resource that $dynamicRef resolution must see on the dynamic scope.</summary>
    public SchemaResource? Resource { get; set; }

    /// <summary>True when this node has unevaluatedProperties/unevaluatedItems and so tracks evaluated members itself.</summary>
    public bool TracksEvaluation { get; private set; }

    /// <summary>True when the schema accepts everything without looking (true, {}, or only annotations).</summary>
    public bool AcceptsAll => Constant == true || (Constant == null && _keywords.Length == 0 && Resource == null);

    internal KeywordEvaluator[] Keywords => _keywords;

    public void SetConstant(bool value) => Constant = value;

    public void SetKeywords(KeywordEvaluator[] keywords, bool tracksEvaluation)
    {
        _keywords = keywords;
        TracksEvaluation = tracksEvaluation;
    }

    public bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (Constant.HasValue)
        {
            // A true schema passes but evaluates nothing: it produces no annotations for unevaluated*.
            if (Constant.Value) return true;
            if (context.Collecting) context.AddError(Location, "false", "no value is allowed here (the schema is false)", instance);
            return false;
        }

        if (!context.Enter(this, instance)) return false;
        bool pushedScope = Resource != null && context.PushScope(Resource);
        try
        {
            EvaluatedTracker? own = null;
            if (TracksEvaluation)
            {
                own = context.RentTracker();
            }
            var keywords = _keywords;
            bool valid = true;
            var passed = own ?? tracker;
            for (int i = 0; i < keywords.Length; i++)
            {
                if (!keywords[i].Evaluate(instance, context, passed))
                {
                    valid = false;
                    if (!context.Collecting) break;
                }
            }
            if (own != null)
            {
                if (valid && tracker != null) tracker.MergeFrom(own);
                context.ReturnTracker(own);
            }
            return valid;
        }
        finally
        {
            if (pushedScope) context.PopScope();
            context.Leave();
        }
    }
}
