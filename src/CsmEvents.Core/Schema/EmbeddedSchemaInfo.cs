using System.Collections.Generic;

namespace CsmEvents.Schema;

/// <summary>Describes one schema embedded in CsmEvents: what it is and which events it fits.</summary>
public sealed class EmbeddedSchemaInfo
{
    internal EmbeddedSchemaInfo(string name, string title, string dialect, string description, string entryUri, IReadOnlyList<string> files)
    {
        Name = name;
        Title = title;
        Dialect = dialect;
        Description = description;
        EntryUri = entryUri;
        Files = files;
    }

    /// <summary>"windows", "linux" or "base": the name to pass to <see cref="EmbeddedSchemas.Get"/>.</summary>
    public string Name { get; }

    /// <summary>Where the schema comes from, in a few words.</summary>
    public string Title { get; }

    /// <summary>"2020-12" or "draft-04".</summary>
    public string Dialect { get; }

    /// <summary>Which events the schema fits.</summary>
    public string Description { get; }

    /// <summary>The URI the entry document is registered under (its $ref targets resolve relative to it).</summary>
    public string EntryUri { get; }

    /// <summary>The file names of the schema's documents, entry document first.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The JSON text of the entry document, exactly as embedded (read when asked for), so that
    /// <c>(Get-CsmSchema windows).Text | Set-Content windows.schema.json</c> exports the schema.</summary>
    public string Text => EmbeddedSchemas.GetText(Name);

    /// <summary>Every document of the schema with its file name and text (several for "base"), for export.</summary>
    public IReadOnlyList<EmbeddedSchemaFile> Documents => EmbeddedSchemas.GetFiles(Name);

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}

/// <summary>One document of an embedded schema, for export.</summary>
public sealed class EmbeddedSchemaFile
{
    internal EmbeddedSchemaFile(string fileName, string uri, string text)
    {
        FileName = fileName;
        Uri = uri;
        Text = text;
    }

    /// <summary>The file name to export it under ("windows.schema.json", "event.json", ...).</summary>
    public string FileName { get; }

    /// <summary>The URI other documents of the schema reference it by.</summary>
    public string Uri { get; }

    /// <summary>The JSON text, exactly as embedded.</summary>
    public string Text { get; }
}
