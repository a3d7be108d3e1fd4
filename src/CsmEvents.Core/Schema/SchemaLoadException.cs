using System;

namespace CsmEvents.Schema;

/// <summary>
/// A schema could not be compiled: malformed JSON, an invalid keyword value, an unresolvable $ref, an unsupported
/// dialect or vocabulary, or a $ref cycle that never reaches a value. Raised at compile time, before any instance
/// is validated.
/// </summary>
public sealed class SchemaLoadException : Exception
{
    public SchemaLoadException(string schemaFile, string pointer, string reason)
        : base(Format(schemaFile, pointer, reason))
    {
        SchemaFile = schemaFile;
        Pointer = pointer;
        Reason = reason;
    }

    public SchemaLoadException(string schemaFile, string pointer, string reason, Exception inner)
        : base(Format(schemaFile, pointer, reason), inner)
    {
        SchemaFile = schemaFile;
        Pointer = pointer;
        Reason = reason;
    }

    /// <summary>The file path (or URI, for schemas that are not files) of the document with the problem.</summary>
    public string SchemaFile { get; }

    /// <summary>RFC 6901 pointer of the problem inside that document ("" for the document itself).</summary>
    public string Pointer { get; }

    /// <summary>The problem in words, without the file and pointer.</summary>
    public string Reason { get; }

    private static string Format(string file, string pointer, string reason) =>
        file + ": " + (pointer.Length == 0 ? "(root)" : pointer) + ": " + reason;
}
