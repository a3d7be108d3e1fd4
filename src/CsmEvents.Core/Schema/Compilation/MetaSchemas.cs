using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Text.Json;

namespace CsmEvents.Schema.Compilation;

/// <summary>
/// The standard meta-schemas, embedded so that "$ref": "http://json-schema.org/draft-07/schema#" and friends
/// resolve offline, and the reading of custom meta-schemas ($vocabulary) into a <see cref="Dialect"/>.
/// </summary>
internal static class MetaSchemas
{
    private const string ResourcePrefix = "CsmEvents.Schema.MetaSchemas.";

    private static readonly (string Uri, string Resource)[] Known =
    {
        ("http://json-schema.org/draft-04/schema", "draft-04.json"),
        ("http://json-schema.org/draft-07/schema", "draft-07.json"),
        ("https://json-schema.org/draft/2020-12/schema", "draft2020-12.json"),
        ("https://json-schema.org/draft/2020-12/meta/core", "Meta202012.core.json"),
        ("https://json-schema.org/draft/2020-12/meta/applicator", "Meta202012.applicator.json"),
        ("https://json-schema.org/draft/2020-12/meta/unevaluated", "Meta202012.unevaluated.json"),
        ("https://json-schema.org/draft/2020-12/meta/validation", "Meta202012.validation.json"),
        ("https://json-schema.org/draft/2020-12/meta/meta-data", "Meta202012.meta-data.json"),
        ("https://json-schema.org/draft/2020-12/meta/format-annotation", "Meta202012.format-annotation.json"),
        ("https://json-schema.org/draft/2020-12/meta/format-assertion", "Meta202012.format-assertion.json"),
        ("https://json-schema.org/draft/2020-12/meta/content", "Meta202012.content.json"),
    };

    private static readonly Dictionary<string, string> TextCache = new(StringComparer.Ordinal);

    public static void Register(SchemaSet set)
    {
        foreach (var (uri, resource) in Known)
        {
            string name = ResourcePrefix + resource;
            set.AddSource(uri, () => ReadResource(name), "embedded meta-schema " + uri);
        }
    }

    internal static string ReadResource(string name)
    {
        lock (TextCache)
        {
            if (TextCache.TryGetValue(name, out var cached)) return cached;
            using var stream = typeof(MetaSchemas).Assembly.GetManifestResourceStream(name)
                               ?? throw new InvalidOperationException("embedded resource missing from CsmEvents.Core: " + name);
            using var reader = new StreamReader(stream);
            string text = reader.ReadToEnd();
            TextCache[name] = text;
            return text;
        }
    }

    /// <summary>
    /// The dialect a custom meta-schema defines: the draft of its own $schema, restricted by its $vocabulary
    /// (2020-12). An unknown vocabulary marked required makes the schema unusable; an optional one is ignored.
    /// </summary>
    public static Dialect DialectFromMetaSchema(SchemaSet set, SchemaDocument meta, string metaUri)
    {
        var root = meta.Root;
        var baseDialect = meta.FindPosition("").Dialect;
        if (root.ValueKind != JsonValueKind.Object || !baseDialect.Is202012) return baseDialect;
        if (!root.TryGetProperty("$vocabulary", out var vocabulary) || vocabulary.ValueKind != JsonValueKind.Object) return baseDialect;

        bool applicator = false, unevaluated = false, validation = false, formatAssertion = false, content = false;
        foreach (var entry in vocabulary.EnumerateObject())
        {
            string name = entry.Name.StartsWith(Dialect.VocabularyPrefix, StringComparison.Ordinal)
                ? entry.Name.Substring(Dialect.VocabularyPrefix.Length)
                : "";
            switch (name)
            {
                case "core":
                case "meta-data":
                case "format-annotation":
                    break;
                case "applicator": applicator = true; break;
                case "unevaluated": unevaluated = true; break;
                case "validation": validation = true; break;
                case "format-assertion": formatAssertion = true; break;
                case "content": content = true; break;
                default:
                    if (entry.Value.ValueKind == JsonValueKind.True)
                    {
                        throw new SchemaLoadException(meta.SourceName, "/$vocabulary",
                            "the meta-schema requires the vocabulary \"" + entry.Name + "\", which this engine does not implement");
                    }
                    break;
            }
        }
        return new Dialect("2020-12 (" + metaUri + ")", DraftVersion.Draft202012, metaUri, applicator, unevaluated, validation, formatAssertion, content);
    }
}
