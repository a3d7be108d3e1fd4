using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>dependentRequired (and the array form of draft-04/07 dependencies): when a member is present, others must be too.</summary>
internal sealed class DependentRequiredKeyword : KeywordEvaluator
{
    internal sealed class Dependency
    {
        public Dependency(string trigger, string[] required)
        {
            Trigger = trigger;
            TriggerUtf8 = Encoding.UTF8.GetBytes(trigger);
            Required = required;
            RequiredUtf8 = System.Array.ConvertAll(required, r => Encoding.UTF8.GetBytes(r));
        }

        public string Trigger { get; }
        public byte[] TriggerUtf8 { get; }
        public string[] Required { get; }
        public byte[][] RequiredUtf8 { get; }
    }

    private readonly Dependency[] _dependencies;

    public DependentRequiredKeyword(string keyword, string location, Dependency[] dependencies)
        : base(keyword, location)
    {
        _dependencies = dependencies;
    }

    public override bool IsLeaf => true;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object) return true;
        bool valid = true;
        foreach (var dependency in _dependencies)
        {
            if (!instance.TryGetProperty(dependency.TriggerUtf8, out _)) continue;
            for (int i = 0; i < dependency.Required.Length; i++)
            {
                if (instance.TryGetProperty(dependency.RequiredUtf8[i], out _)) continue;
                valid = false;
                if (!context.Collecting) return false;
                context.AddError(Location, Keyword,
                    "missing property " + JsonValueText.Quote(dependency.Required[i], 60) + ", required when " + JsonValueText.Quote(dependency.Trigger, 60) + " is present",
                    instance);
            }
        }
        return valid;
    }
}
