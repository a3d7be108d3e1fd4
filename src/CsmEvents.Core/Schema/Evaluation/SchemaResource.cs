using System.Collections.Generic;

namespace CsmEvents.Schema.Evaluation;

/// <summary>
/// A schema resource (a document root or a subschema with its own $id) as it appears on the dynamic scope,
/// with the subschemas it marks with $dynamicAnchor. Filled at compile time, read-only afterwards.
/// </summary>
internal sealed class SchemaResource
{
    public SchemaResource(string baseUri)
    {
        BaseUri = baseUri;
    }

    public string BaseUri { get; }

    public Dictionary<string, SchemaNode> DynamicAnchors { get; } = new(System.StringComparer.Ordinal);
}
