using System;
using System.IO;
using CsmEvents.Schema.Uris;

namespace CsmEvents.Schema;

/// <summary>Compiles a user-given schema file or text. See <see cref="SchemaSet"/> for several documents.</summary>
public static class SchemaCompiler
{
    /// <summary>
    /// Compiles a schema file. References to other files are looked up beside it: "file:///x.json", "/schemas/x.json"
    /// and "x.json" all find x.json in the same folder (the styles Datadog's agent test schemas use).
    /// </summary>
    /// <exception cref="SchemaLoadException">The file is missing, malformed, or references something unusable.</exception>
    public static CompiledSchema CompileFile(string path)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new SchemaLoadException(fullPath, "", "schema file not found");
        var set = new SchemaSet { SearchFolder = Path.GetDirectoryName(fullPath) };
        string uri = set.AddFile(fullPath);
        return set.Compile(uri, Path.GetFileName(fullPath));
    }

    /// <summary>
    /// Compiles schema text. <paramref name="baseUri"/> is the URI relative references resolve against (default:
    /// "urn:csm-events:schema:" + name); the text may only reference itself and the standard meta-schemas.
    /// </summary>
    /// <exception cref="SchemaLoadException">The text is malformed or references something unusable.</exception>
    public static CompiledSchema CompileText(string json, string name, Uri? baseUri = null)
    {
        if (json == null) throw new ArgumentNullException(nameof(json));
        if (name == null) throw new ArgumentNullException(nameof(name));
        string uri = baseUri?.AbsoluteUri ?? "urn:csm-events:schema:" + Uri.EscapeDataString(name);
        var set = new SchemaSet();
        set.Add(uri, json, name);
        return set.Compile(uri, name);
    }
}
