using System.Collections.Generic;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Compilation;

/// <summary>One parsed schema document and what indexing learned about it (identifiers, base URIs, dialects).</summary>
internal sealed class SchemaDocument
{
    // Schemas are small but may nest deeper than the parser's default of 64.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 512 };

    private SchemaDocument(string uri, string sourceName, JsonDocument json)
    {
        Uri = uri;
        SourceName = sourceName;
        Root = json.RootElement;
        Json = json;
    }

    /// <summary>The absolute URI the document was registered or loaded under (no fragment).</summary>
    public string Uri { get; }

    /// <summary>The file path, or URI, named in errors.</summary>
    public string SourceName { get; }

    public JsonElement Root { get; }

    // Kept alive for the lifetime of the compiled schema: compiled enum/const values point into it.
    private JsonDocument Json { get; }

    /// <summary>The base URI of the document root after its own $id.</summary>
    public string RootBaseUri { get; set; } = "";

    /// <summary>Every schema location reached while indexing, by canonical JSON pointer.</summary>
    public Dictionary<string, SchemaPosition> Positions { get; } = new(System.StringComparer.Ordinal);

    public static SchemaDocument Parse(string uri, string sourceName, string text)
    {
        try
        {
            return new SchemaDocument(uri, sourceName, JsonDocument.Parse(text, ParseOptions));
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber.HasValue
                ? " at line " + (ex.LineNumber.Value + 1) + ", byte " + ((ex.BytePositionInLine ?? 0) + 1)
                : "";
            throw new SchemaLoadException(sourceName, "", "not valid JSON" + where + ": " + FirstSentence(ex.Message), ex);
        }
    }

    /// <summary>The position of <paramref name="pointer"/>, or of its nearest indexed ancestor (for locations inside unknown keywords).</summary>
    public SchemaPosition FindPosition(string pointer)
    {
        string current = pointer;
        while (true)
        {
            if (Positions.TryGetValue(current, out var position)) return position;
            int slash = current.LastIndexOf('/');
            if (slash < 0) return Positions[""];
            current = current.Substring(0, slash);
        }
    }

    public bool TryGetElement(string pointer, out JsonElement element)
    {
        element = default;
        return JsonPointer.TryParse(pointer, out var tokens) && JsonPointer.TryResolve(Root, tokens, out element);
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", System.StringComparison.Ordinal);
        return cut > 0 ? message.Substring(0, cut) : message;
    }
}

/// <summary>What applies at one schema location: its base URI, its dialect and the resource it belongs to.</summary>
internal sealed class SchemaPosition
{
    public SchemaPosition(string baseUri, Dialect dialect, ResourceInfo resource)
    {
        BaseUri = baseUri;
        Dialect = dialect;
        Resource = resource;
    }

    public string BaseUri { get; }
    public Dialect Dialect { get; }
    public ResourceInfo Resource { get; }
}

/// <summary>A schema resource found by indexing: a document root or a subschema with its own $id.</summary>
internal sealed class ResourceInfo
{
    public ResourceInfo(SchemaDocument document, string pointer, string baseUri)
    {
        Document = document;
        Pointer = pointer;
        BaseUri = baseUri;
    }

    public SchemaDocument Document { get; }
    public string Pointer { get; }
    public string BaseUri { get; }

    /// <summary>$dynamicAnchor name to the pointer of the subschema that declares it.</summary>
    public Dictionary<string, string> DynamicAnchors { get; } = new(System.StringComparer.Ordinal);
}

/// <summary>A place a URI or anchor identifies: a document and a pointer inside it.</summary>
internal readonly struct SchemaLocationRef
{
    public SchemaLocationRef(SchemaDocument document, string pointer, bool isDynamicAnchor = false)
    {
        Document = document;
        Pointer = pointer;
        IsDynamicAnchor = isDynamicAnchor;
    }

    public SchemaDocument Document { get; }
    public string Pointer { get; }
    public bool IsDynamicAnchor { get; }
}
