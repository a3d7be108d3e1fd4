using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CsmEvents.Schema.Compilation;
using CsmEvents.Schema.Uris;

namespace CsmEvents.Schema;

/// <summary>
/// A registry of schema documents by absolute URI, and the compiler entry point. Every $ref is resolved offline:
/// against documents registered here (the JSON Schema meta-schemas are always present), or against files in
/// <see cref="SearchFolder"/>. Nothing is ever fetched from the network. A set is meant for one thread while
/// compiling; the <see cref="CompiledSchema"/> it produces is immutable and thread-safe.
/// </summary>
public sealed class SchemaSet
{
    private readonly Dictionary<string, RegisteredSource> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaDocument> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaLocationRef> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaLocationRef> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dialect> _customDialects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dialectsBeingResolved = new(StringComparer.Ordinal);

    /// <summary>Creates a set that knows the draft-04, draft-07 and 2020-12 meta-schemas.</summary>
    public SchemaSet()
    {
        MetaSchemas.Register(this);
    }

    /// <summary>
    /// A folder searched for referenced files that are not registered. A reference whose URI names a file in this
    /// folder (exactly, or just by its file name: "file:///x.json", "/schemas/x.json" and "x.json" all find x.json)
    /// is loaded from it. This is how Datadog's agent test schemas reference each other. Null disables file lookup.
    /// </summary>
    public string? SearchFolder { get; set; }

    /// <summary>
    /// The dialect of documents without "$schema": "2020-12" (the default), "draft-07", "draft-06" or "draft-04",
    /// or one of their meta-schema URIs.
    /// </summary>
    public string DefaultDialect
    {
        get => _defaultDialect.Name;
        set => _defaultDialect = Dialect.FromName(value) ?? throw new ArgumentException("unknown dialect \"" + value + "\" (expected 2020-12, draft-07, draft-06 or draft-04)", nameof(value));
    }

    private Dialect _defaultDialect = Dialect.Draft202012;

    /// <summary>How long one regular expression match may run before the value is reported as a timeout error.</summary>
    public TimeSpan PatternTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Registers schema text under an absolute URI (no fragment). Parsed only when first referenced.</summary>
    public void Add(string uri, string json, string? sourceName = null)
    {
        AddSource(uri, () => json, sourceName ?? uri);
    }

    /// <summary>Registers a schema file under its file: URI (or <paramref name="uri"/>); returns the URI used.</summary>
    public string AddFile(string path, string? uri = null)
    {
        string fullPath = Path.GetFullPath(path);
        string key = uri ?? UriReference.FromFilePath(fullPath);
        AddSource(key, () => ReadFile(fullPath), fullPath);
        return key;
    }

    /// <summary>Compiles the schema registered (or findable) at <paramref name="uri"/>; a fragment selects a subschema.</summary>
    /// <exception cref="SchemaLoadException">The schema, or anything it references, is unusable.</exception>
    public CompiledSchema Compile(string uri, string? name = null)
    {
        string documentUri = UriReference.WithoutFragment(uri, out string? fragment);
        var document = FindDocument(documentUri)
                       ?? throw new SchemaLoadException(uri, "", "no schema is registered under this URI and no such file was found");
        var builder = new SchemaBuilder(this, document);
        string pointer = "";
        if (!string.IsNullOrEmpty(fragment))
        {
            string decoded = UriReference.DecodeFragment(fragment!);
            if (!Json.JsonPointer.TryParse(decoded, out var tokens) || !Json.JsonPointer.TryResolve(document.Root, tokens, out _))
                throw new SchemaLoadException(document.SourceName, decoded, "the fragment of " + uri + " points to nothing");
            pointer = Json.JsonPointer.Join(tokens);
        }
        var root = builder.Build(pointer);
        return new CompiledSchema(name ?? documentUri, document.FindPosition(pointer).Dialect.Name, document.RootBaseUri, root);
    }

    // ----- used by the compiler -----

    internal void AddSource(string uri, Func<string> text, string sourceName)
    {
        if (!UriReference.IsAbsolute(uri)) throw new ArgumentException("schema URIs must be absolute: " + uri, nameof(uri));
        string key = UriReference.WithoutFragment(uri, out _);
        _sources[key] = new RegisteredSource(text, sourceName);
    }

    internal void RegisterResource(string uri, SchemaLocationRef location)
    {
        // The first registration wins: a document cannot take over an identifier another one already owns.
        if (!_resources.ContainsKey(uri)) _resources[uri] = location;
    }

    internal void RegisterAnchor(string uriWithFragment, SchemaLocationRef location)
    {
        if (!_anchors.ContainsKey(uriWithFragment)) _anchors[uriWithFragment] = location;
    }

    internal bool TryGetAnchor(string uriWithFragment, out SchemaLocationRef location) => _anchors.TryGetValue(uriWithFragment, out location);

    /// <summary>Finds the resource with this absolute URI, loading a registered or nearby document when needed.</summary>
    internal bool TryGetResource(string absoluteUri, out SchemaLocationRef location)
    {
        if (_resources.TryGetValue(absoluteUri, out location)) return true;
        if (FindDocument(absoluteUri) == null) return false;
        return _resources.TryGetValue(absoluteUri, out location);
    }

    internal SchemaDocument? FindDocument(string absoluteUri)
    {
        if (_documents.TryGetValue(absoluteUri, out var loaded)) return loaded;
        string? text = null, sourceName = null;
        if (_sources.TryGetValue(absoluteUri, out var source))
        {
            text = source.Text();
            sourceName = source.SourceName;
        }
        else
        {
            string? path = FindNearbyFile(absoluteUri);
            if (path != null)
            {
                text = ReadFile(path);
                sourceName = path;
            }
        }
        if (text == null) return null;
        var document = SchemaDocument.Parse(absoluteUri, sourceName!, text);
        _documents[absoluteUri] = document;
        DocumentIndexer.Index(this, document, _defaultDialect);
        return document;
    }

    /// <summary>
    /// The dialect a $schema URI stands for: a supported draft, or a custom meta-schema available offline whose
    /// $vocabulary says which keywords apply.
    /// </summary>
    internal Dialect ResolveDialect(string schemaUri, SchemaDocument from, string pointer)
    {
        var known = Dialect.FromKnownUri(schemaUri);
        if (known != null) return known;
        if (Dialect.IsUnsupportedKnownUri(schemaUri))
        {
            throw new SchemaLoadException(from.SourceName, pointer,
                "$schema \"" + schemaUri + "\" names a draft this engine does not implement (supported: draft-04, draft-06, draft-07, 2020-12)");
        }
        string metaUri = UriReference.WithoutFragment(UriReference.Resolve(from.Uri, schemaUri), out _);
        if (_customDialects.TryGetValue(metaUri, out var cached)) return cached;
        if (!_dialectsBeingResolved.Add(metaUri))
        {
            throw new SchemaLoadException(from.SourceName, pointer, "$schema \"" + schemaUri + "\" is its own meta-schema but is not a known draft");
        }
        try
        {
            var meta = FindDocument(metaUri)
                       ?? throw new SchemaLoadException(from.SourceName, pointer,
                           "unknown $schema \"" + schemaUri + "\": not a supported draft, and no such meta-schema is registered or found beside the schema");
            var dialect = MetaSchemas.DialectFromMetaSchema(this, meta, metaUri);
            _customDialects[metaUri] = dialect;
            return dialect;
        }
        finally
        {
            _dialectsBeingResolved.Remove(metaUri);
        }
    }

    private string? FindNearbyFile(string absoluteUri)
    {
        if (SearchFolder == null) return null;
        string folder = Path.GetFullPath(SearchFolder);
        string? exact = UriReference.ToFilePath(absoluteUri);
        if (exact != null && File.Exists(exact) && IsInside(folder, Path.GetFullPath(exact))) return Path.GetFullPath(exact);
        string name = UriReference.LastSegment(absoluteUri);
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
        string candidate = Path.Combine(folder, name);
        return File.Exists(candidate) ? candidate : null;
    }

    private static bool IsInside(string folder, string path)
    {
        string prefix = folder.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new SchemaLoadException(path, "", "cannot read the schema file: " + ex.Message, ex);
        }
    }

    private sealed class RegisteredSource
    {
        public RegisteredSource(Func<string> text, string sourceName)
        {
            Text = text;
            SourceName = sourceName;
        }

        public Func<string> Text { get; }
        public string SourceName { get; }
    }
}
