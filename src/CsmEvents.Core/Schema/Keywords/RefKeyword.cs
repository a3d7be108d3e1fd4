using System.Text.Json;
using CsmEvents.Schema.Evaluation;

namespace CsmEvents.Schema.Keywords;

/// <summary>$ref: evaluates the referenced schema in place. The target is bound after compilation so cycles are possible.</summary>
internal sealed class RefKeyword : KeywordEvaluator
{
    public RefKeyword(string location, SchemaNode target, string sourceFile, string sourcePointer)
        : base("$ref", location)
    {
        Target = target;
        SourceFile = sourceFile;
        SourcePointer = sourcePointer;
    }

    public SchemaNode Target { get; }

    /// <summary>Where the $ref keyword is written, for compile-time cycle errors.</summary>
    public string SourceFile { get; }

    public string SourcePointer { get; }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker) =>
        Target.Evaluate(instance, context, tracker);
}
