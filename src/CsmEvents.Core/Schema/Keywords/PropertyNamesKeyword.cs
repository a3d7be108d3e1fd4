using System.Text.Json;
using CsmEvents.Schema.Evaluation;

namespace CsmEvents.Schema.Keywords;

/// <summary>propertyNames: every member name, as a JSON string, must match a schema. Errors point at the object.</summary>
internal sealed class PropertyNamesKeyword : KeywordEvaluator
{
    private readonly SchemaNode _schema;

    public PropertyNamesKeyword(string location, SchemaNode schema)
        : base("propertyNames", location)
    {
        _schema = schema;
    }

    internal SchemaNode Schema => _schema;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object || _schema.AcceptsAll) return true;
        bool valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            // The name is not a value of the instance document, so it gets a tiny document of its own.
            using var nameDocument = JsonDocument.Parse(NameAsJson(property.Name));
            if (!_schema.Evaluate(nameDocument.RootElement.Clone(), context, null))
            {
                valid = false;
                if (!context.Collecting) return false;
            }
        }
        return valid;
    }

    /// <summary>The name as a JSON string, written without the serializer (which needs reflection, unavailable to
    /// the ahead-of-time compiled CLI).</summary>
    private static byte[] NameAsJson(string name)
    {
        using var stream = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) writer.WriteStringValue(name);
        return stream.ToArray();
    }
}
