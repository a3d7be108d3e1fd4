using System.Collections.Generic;
using System.Text.Json;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;
using CsmEvents.Schema.Uris;

namespace CsmEvents.Schema.Compilation;

/// <summary>
/// Compiles one entry schema and everything it references into <see cref="SchemaNode"/>s. Nodes are created on
/// first reference and filled from a work list, so reference cycles and deep schemas need no recursion here.
/// </summary>
internal sealed partial class SchemaBuilder
{
    private readonly SchemaSet _set;
    private readonly SchemaDocument _entry;
    private readonly Dictionary<string, SchemaNode> _nodes = new(System.StringComparer.Ordinal);
    private readonly Queue<PendingNode> _pending = new();
    private readonly List<SchemaNode> _allNodes = new();
    private readonly Dictionary<ResourceInfo, SchemaResource> _resources = new();
    private readonly HashSet<ResourceInfo> _anchorsCompiled = new();
    private bool _usesDynamicRef;

    public SchemaBuilder(SchemaSet set, SchemaDocument entry)
    {
        _set = set;
        _entry = entry;
    }

    private sealed class PendingNode
    {
        public PendingNode(SchemaNode node, SchemaDocument document, string pointer, JsonElement element, SchemaPosition position)
        {
            Node = node;
            Document = document;
            Pointer = pointer;
            Element = element;
            Position = position;
        }

        public SchemaNode Node { get; }
        public SchemaDocument Document { get; }
        public string Pointer { get; }
        public JsonElement Element { get; }
        public SchemaPosition Position { get; }
    }

    public SchemaNode Build(string pointer)
    {
        var root = GetNode(_entry, pointer);
        Drain();
        if (_usesDynamicRef) CompileDynamicAnchors();
        else
        {
            // Without $dynamicRef nobody reads the dynamic scope: skip maintaining it during evaluation.
            foreach (var node in _allNodes) node.Resource = null;
        }
        CycleCheck.Run(root);
        foreach (var node in _allNodes) node.Seal();
        foreach (var node in _allNodes) node.SealForwarding();
        return root;
    }

    private void Drain()
    {
        while (_pending.Count > 0) CompileNode(_pending.Dequeue());
    }

    /// <summary>The node for the schema at <paramref name="pointer"/> in <paramref name="document"/> (created once, compiled later).</summary>
    private SchemaNode GetNode(SchemaDocument document, string pointer)
    {
        string key = document.Uri + "#" + pointer;
        if (_nodes.TryGetValue(key, out var existing)) return existing;
        if (!document.TryGetElement(pointer, out var element))
        {
            throw new SchemaLoadException(document.SourceName, pointer, "no schema at this location");
        }
        var position = document.FindPosition(pointer);
        var node = new SchemaNode(LocationOf(document, pointer));
        node.Resource = RuntimeResource(position.Resource);
        _nodes[key] = node;
        _allNodes.Add(node);
        _pending.Enqueue(new PendingNode(node, document, pointer, element, position));
        return node;
    }

    private SchemaResource RuntimeResource(ResourceInfo info)
    {
        if (!_resources.TryGetValue(info, out var runtime))
        {
            runtime = new SchemaResource(info.BaseUri);
            _resources[info] = runtime;
        }
        return runtime;
    }

    /// <summary>"#/pointer" inside the entry document, "baseUri#/pointer" anywhere else.</summary>
    private string LocationOf(SchemaDocument document, string pointer) =>
        ReferenceEquals(document, _entry) ? "#" + pointer : document.RootBaseUri + "#" + pointer;

    private static string KeywordLocation(SchemaNode node, string keyword) => node.Location + "/" + JsonPointer.EscapeToken(keyword);

    /// <summary>
    /// Every resource that can appear on the dynamic scope needs its $dynamicAnchor subschemas compiled, since any
    /// of them may become the target of a $dynamicRef at run time. Compiling them can reach new resources: repeat.
    /// </summary>
    private void CompileDynamicAnchors()
    {
        bool progress = true;
        while (progress)
        {
            progress = false;
            foreach (var pair in new List<KeyValuePair<ResourceInfo, SchemaResource>>(_resources))
            {
                if (!_anchorsCompiled.Add(pair.Key)) continue;
                progress = true;
                foreach (var anchor in pair.Key.DynamicAnchors)
                {
                    pair.Value.DynamicAnchors[anchor.Key] = GetNode(pair.Key.Document, anchor.Value);
                }
            }
            Drain();
        }
    }

    // ----- references -----

    private SchemaNode ResolveReference(SchemaDocument document, string refPointer, string baseUri, string reference, out string? dynamicAnchor)
    {
        dynamicAnchor = null;
        string full = UriReference.Resolve(baseUri, reference);
        string absolute = UriReference.WithoutFragment(full, out string? fragment);
        if (!_set.TryGetResource(absolute, out var resource))
        {
            throw new SchemaLoadException(document.SourceName, refPointer,
                "unknown $ref target \"" + reference + "\": no schema is known as " + absolute
                + " (references resolve offline only: within the schema, to registered or embedded schemas, and to files beside the schema file)");
        }
        if (string.IsNullOrEmpty(fragment)) return GetNode(resource.Document, resource.Pointer);

        string decoded = UriReference.DecodeFragment(fragment!);
        if (decoded[0] == '/')
        {
            if (!JsonPointer.TryParse(decoded, out var tokens))
            {
                throw new SchemaLoadException(document.SourceName, refPointer, "$ref \"" + reference + "\" has an invalid JSON pointer fragment");
            }
            JsonPointer.TryParse(resource.Pointer, out var prefix);
            prefix.AddRange(tokens);
            if (!JsonPointer.TryResolve(resource.Document.Root, prefix, out var target))
            {
                throw new SchemaLoadException(document.SourceName, refPointer,
                    "unknown $ref target \"" + reference + "\": nothing at " + decoded + " in " + resource.Document.SourceName);
            }
            RequireSchema(resource.Document, JsonPointer.Join(prefix), target, refPointer, document, reference);
            return GetNode(resource.Document, JsonPointer.Join(prefix));
        }

        if (!_set.TryGetAnchor(absolute + "#" + decoded, out var anchor))
        {
            throw new SchemaLoadException(document.SourceName, refPointer,
                "unknown $ref target \"" + reference + "\": no anchor \"" + decoded + "\" in " + absolute);
        }
        if (anchor.IsDynamicAnchor) dynamicAnchor = decoded;
        return GetNode(anchor.Document, anchor.Pointer);
    }

    private static void RequireSchema(SchemaDocument targetDocument, string targetPointer, JsonElement target, string refPointer, SchemaDocument document, string reference)
    {
        var kind = target.ValueKind;
        if (kind == JsonValueKind.Object || kind == JsonValueKind.True || kind == JsonValueKind.False) return;
        throw new SchemaLoadException(document.SourceName, refPointer,
            "$ref \"" + reference + "\" points to " + KindWord(kind) + " at " + targetPointer + " in " + targetDocument.SourceName + ", not to a schema");
    }

    private static string KindWord(JsonValueKind kind)
    {
        switch (kind)
        {
            case JsonValueKind.Array: return "an array";
            case JsonValueKind.String: return "a string";
            case JsonValueKind.Number: return "a number";
            case JsonValueKind.Null: return "null";
            case JsonValueKind.Object: return "an object";
            default: return "a boolean";
        }
    }
}
