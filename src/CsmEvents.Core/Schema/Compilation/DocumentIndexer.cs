using System.Collections.Generic;
using System.Text.Json;
using CsmEvents.Schema.Json;
using CsmEvents.Schema.Uris;

namespace CsmEvents.Schema.Compilation;

/// <summary>
/// Walks a schema document through the keywords that hold subschemas (never through enum, const or unknown
/// keywords, whose contents are data) and records every identifier ($id, $anchor, $dynamicAnchor, draft-04
/// "id"), the base URI and dialect at every schema location, and the resources $dynamicRef may use.
/// </summary>
internal sealed class DocumentIndexer
{
    private static readonly string[] SingleSchemaDraft4 = { "not", "additionalProperties", "additionalItems", "items" };
    private static readonly string[] SingleSchemaDraft6 = { "not", "additionalProperties", "additionalItems", "items", "contains", "propertyNames" };
    private static readonly string[] SingleSchemaDraft7 = { "not", "additionalProperties", "additionalItems", "items", "contains", "propertyNames", "if", "then", "else" };
    private static readonly string[] SingleSchema202012 =
    {
        "not", "additionalProperties", "items", "contains", "propertyNames", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    };
    private static readonly string[] SchemaMapsOld = { "properties", "patternProperties", "definitions", "dependencies" };
    private static readonly string[] SchemaMaps202012 = { "properties", "patternProperties", "$defs", "dependentSchemas", "definitions" };
    private static readonly string[] SchemaArraysOld = { "allOf", "anyOf", "oneOf", "items" };
    private static readonly string[] SchemaArrays202012 = { "allOf", "anyOf", "oneOf", "prefixItems", "items" };

    private readonly SchemaSet _set;
    private readonly SchemaDocument _document;

    private DocumentIndexer(SchemaSet set, SchemaDocument document)
    {
        _set = set;
        _document = document;
    }

    public static void Index(SchemaSet set, SchemaDocument document, Dialect defaultDialect)
    {
        var indexer = new DocumentIndexer(set, document);
        var rootResource = new ResourceInfo(document, "", document.Uri);
        set.RegisterResource(document.Uri, new SchemaLocationRef(document, ""));
        indexer.Walk(document.Root, "", document.Uri, defaultDialect, rootResource, isDocumentRoot: true);
        if (document.RootBaseUri.Length == 0) document.RootBaseUri = document.Uri;
    }

    private void Walk(JsonElement element, string pointer, string baseUri, Dialect dialect, ResourceInfo resource, bool isDocumentRoot)
    {
        // Explicit work list: schema files can nest deeply, and compilation must never exhaust the stack.
        var work = new Stack<(JsonElement Element, string Pointer, string Base, Dialect Dialect, ResourceInfo Resource, bool Root)>();
        work.Push((element, pointer, baseUri, dialect, resource, isDocumentRoot));
        while (work.Count > 0)
        {
            var item = work.Pop();
            Visit(item.Element, item.Pointer, item.Base, item.Dialect, item.Resource, item.Root, work);
        }
    }

    private void Visit(JsonElement element, string pointer, string baseUri, Dialect dialect, ResourceInfo resource, bool isDocumentRoot,
        Stack<(JsonElement, string, string, Dialect, ResourceInfo, bool)> work)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            if (isDocumentRoot) _document.RootBaseUri = baseUri;
            _document.Positions[pointer] = new SchemaPosition(baseUri, dialect, resource);
            return;
        }
        var keywords = SchemaObject.Keywords(element);

        // Before 2019-09 a $ref hides its siblings, $id included: nothing else here identifies anything.
        if (keywords.ContainsKey("$ref") && dialect.RefOverridesSiblings && keywords["$ref"].ValueKind == JsonValueKind.String)
        {
            if (isDocumentRoot)
            {
                // Still honour $schema on a document root, so the $ref itself is read with the right dialect.
                dialect = DialectOf(keywords, pointer, dialect);
                _document.RootBaseUri = baseUri;
            }
            _document.Positions[pointer] = new SchemaPosition(baseUri, dialect, resource);
            return;
        }

        string idKeyword = dialect.IdKeyword;
        bool hasId = keywords.TryGetValue(idKeyword, out var idValue) && idValue.ValueKind == JsonValueKind.String;
        // $schema is honoured where a resource starts: the document root or a subschema with an identifier.
        if (isDocumentRoot || (hasId && !IsAnchorOnlyId(idValue.GetString()!, dialect)))
        {
            dialect = DialectOf(keywords, pointer, dialect);
            idKeyword = dialect.IdKeyword;
            hasId = keywords.TryGetValue(idKeyword, out idValue) && idValue.ValueKind == JsonValueKind.String;
        }

        if (hasId)
        {
            string id = idValue.GetString()!;
            if (IsAnchorOnlyId(id, dialect))
            {
                // draft-04/06/07: "$id": "#name" is a plain-name anchor, not a new base.
                _set.RegisterAnchor(baseUri + id, new SchemaLocationRef(_document, pointer));
            }
            else
            {
                string resolved = UriReference.Resolve(baseUri, id);
                string newBase = UriReference.WithoutFragment(resolved, out string? fragment);
                if (newBase.Length > 0)
                {
                    baseUri = newBase;
                    if (!(isDocumentRoot && pointer.Length == 0))
                    {
                        resource = new ResourceInfo(_document, pointer, baseUri);
                    }
                    _set.RegisterResource(baseUri, new SchemaLocationRef(_document, pointer));
                    if (!string.IsNullOrEmpty(fragment) && !dialect.Is202012)
                    {
                        _set.RegisterAnchor(baseUri + "#" + fragment, new SchemaLocationRef(_document, pointer));
                    }
                }
            }
        }
        if (isDocumentRoot)
        {
            _document.RootBaseUri = baseUri;
            // The root resource is known by the document's base as well as by its retrieval URI.
            if (resource.BaseUri != baseUri) resource = new ResourceInfo(_document, pointer, baseUri);
        }

        if (dialect.Is202012)
        {
            if (keywords.TryGetValue("$anchor", out var anchor) && anchor.ValueKind == JsonValueKind.String)
            {
                _set.RegisterAnchor(baseUri + "#" + anchor.GetString(), new SchemaLocationRef(_document, pointer));
            }
            if (keywords.TryGetValue("$dynamicAnchor", out var dynamicAnchor) && dynamicAnchor.ValueKind == JsonValueKind.String)
            {
                string name = dynamicAnchor.GetString()!;
                _set.RegisterAnchor(baseUri + "#" + name, new SchemaLocationRef(_document, pointer, isDynamicAnchor: true));
                if (!resource.DynamicAnchors.ContainsKey(name)) resource.DynamicAnchors[name] = pointer;
            }
        }

        _document.Positions[pointer] = new SchemaPosition(baseUri, dialect, resource);
        QueueChildren(keywords, pointer, baseUri, dialect, resource, work);
    }

    private void QueueChildren(Dictionary<string, JsonElement> keywords, string pointer, string baseUri, Dialect dialect, ResourceInfo resource,
        Stack<(JsonElement, string, string, Dialect, ResourceInfo, bool)> work)
    {
        string[] singles, maps, arrays;
        switch (dialect.Version)
        {
            case DraftVersion.Draft4: singles = SingleSchemaDraft4; maps = SchemaMapsOld; arrays = SchemaArraysOld; break;
            case DraftVersion.Draft6: singles = SingleSchemaDraft6; maps = SchemaMapsOld; arrays = SchemaArraysOld; break;
            case DraftVersion.Draft7: singles = SingleSchemaDraft7; maps = SchemaMapsOld; arrays = SchemaArraysOld; break;
            default: singles = SingleSchema202012; maps = SchemaMaps202012; arrays = SchemaArrays202012; break;
        }
        foreach (string keyword in singles)
        {
            if (keywords.TryGetValue(keyword, out var value) && (value.ValueKind == JsonValueKind.Object || value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False))
            {
                work.Push((value, JsonPointer.Append(pointer, keyword), baseUri, dialect, resource, false));
            }
        }
        foreach (string keyword in maps)
        {
            if (!keywords.TryGetValue(keyword, out var map) || map.ValueKind != JsonValueKind.Object) continue;
            string mapPointer = JsonPointer.Append(pointer, keyword);
            foreach (var member in SchemaObject.Members(map))
            {
                var kind = member.Value.ValueKind;
                if (kind == JsonValueKind.Object || kind == JsonValueKind.True || kind == JsonValueKind.False)
                {
                    work.Push((member.Value, JsonPointer.Append(mapPointer, member.Key), baseUri, dialect, resource, false));
                }
            }
        }
        foreach (string keyword in arrays)
        {
            if (!keywords.TryGetValue(keyword, out var array) || array.ValueKind != JsonValueKind.Array) continue;
            string arrayPointer = JsonPointer.Append(pointer, keyword);
            int index = 0;
            foreach (var item in array.EnumerateArray())
            {
                work.Push((item, JsonPointer.Append(arrayPointer, index), baseUri, dialect, resource, false));
                index++;
            }
        }
    }

    private Dialect DialectOf(Dictionary<string, JsonElement> keywords, string pointer, Dialect current)
    {
        if (!keywords.TryGetValue("$schema", out var schema)) return current;
        if (schema.ValueKind != JsonValueKind.String)
        {
            throw new SchemaLoadException(_document.SourceName, JsonPointer.Append(pointer, "$schema"), "$schema must be a string (a meta-schema URI)");
        }
        return _set.ResolveDialect(schema.GetString()!, _document, JsonPointer.Append(pointer, "$schema"));
    }

    private static bool IsAnchorOnlyId(string id, Dialect dialect) => !dialect.Is202012 && id.StartsWith("#", System.StringComparison.Ordinal);
}
