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

    /// <summary>
    /// The schema resource this schema belongs to, kept only when the compiled schema uses $dynamicRef: evaluating
    /// the node then puts its resource on the dynamic scope (repeats are harmless: resolution looks for the
    /// outermost resource declaring the anchor).
    /// </summary>
    public SchemaResource? Resource { get; set; }

    /// <summary>True when this node has unevaluatedProperties/unevaluatedItems and so tracks evaluated members itself.</summary>
    public bool TracksEvaluation { get; private set; }

    /// <summary>True when the schema accepts everything without looking (true, {}, or only annotations).</summary>
    public bool AcceptsAll => _acceptsAll;

    // Set by Seal() once the whole graph is compiled; they only remove work that cannot change the outcome.
    private bool _acceptsAll;
    private bool _isLeaf;
    private bool _quickLeaf;
    private SchemaNode? _forward;

    /// <summary>The schema evaluation really happens in: the $ref target for a schema that only forwards, else itself.</summary>
    public SchemaNode Resolved => _forward ?? this;

    /// <summary>
    /// True when every keyword has a verdict-only check (<see cref="KeywordEvaluator.Accepts"/>): such a member or
    /// item is accepted without entering the schema or recording its location; only a failure takes the full path.
    /// </summary>
    public bool IsQuickLeaf => _quickLeaf;

    public bool QuickAccepts(JsonElement instance, EvaluationContext context)
    {
        var keywords = _keywords;
        for (int i = 0; i < keywords.Length; i++)
        {
            if (!keywords[i].Accepts(instance, context)) return false;
        }
        return true;
    }

    internal KeywordEvaluator[] Keywords => _keywords;

    public void SetConstant(bool value) => Constant = value;

    public void SetKeywords(KeywordEvaluator[] keywords, bool tracksEvaluation)
    {
        _keywords = keywords;
        TracksEvaluation = tracksEvaluation;
    }

    /// <summary>
    /// Precomputes evaluation shortcuts after compilation: a schema that is only a $ref (plus annotations) forwards
    /// to its target, and a schema without subschemas skips the depth guard (it cannot recurse).
    /// Must run after the $ref cycle check, so forwarding chains always end.
    /// </summary>
    internal void Seal()
    {
        _acceptsAll = Constant == true || (Constant == null && _keywords.Length == 0 && Resource == null);
        if (Constant != null || TracksEvaluation || Resource != null) return;
        if (_keywords.Length == 1 && _keywords[0] is Keywords.RefKeyword reference)
        {
            var target = reference.Target;
            while (target._forward != null) target = target._forward;
            if (!ReferenceEquals(target, this)) _forward = target;
            return;
        }
        _isLeaf = true;
        _quickLeaf = _keywords.Length > 0;
        foreach (var keyword in _keywords)
        {
            if (!keyword.IsLeaf) { _isLeaf = false; _quickLeaf = false; break; }
            if (!keyword.HasQuickCheck) _quickLeaf = false;
        }
    }

    /// <summary>Resolves forwarding after every node is sealed (targets may have been sealed after this node).</summary>
    internal void SealForwarding()
    {
        if (_forward == null) return;
        while (_forward._forward != null) _forward = _forward._forward;
        _acceptsAll = _forward._acceptsAll;
    }

    public bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (_forward != null) return _forward.Evaluate(instance, context, tracker);
        if (_isLeaf)
        {
            var leafKeywords = _keywords;
            bool leafValid = true;
            for (int i = 0; i < leafKeywords.Length; i++)
            {
                if (leafKeywords[i].Evaluate(instance, context, tracker)) continue;
                leafValid = false;
                if (!context.Collecting) break;
            }
            return leafValid;
        }
        if (Constant.HasValue)
        {
            // A true schema passes but evaluates nothing: it produces no annotations for unevaluated*.
            if (Constant.Value) return true;
            if (context.Collecting) context.AddError(Location, "false", "no value is allowed here (the schema is false)", instance);
            return false;
        }

        // No try/finally: when evaluation throws (only EvaluationTooDeepException can), the whole context is
        // discarded and reset by the next Rent, so depth and scope need no unwinding here.
        if (!context.Enter(this, instance)) return false;
        bool pushedScope = Resource != null && context.PushScope(Resource);
        EvaluatedTracker? own = TracksEvaluation ? context.RentTracker() : null;
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
        if (pushedScope) context.PopScope();
        context.Leave();
        return valid;
    }
}
