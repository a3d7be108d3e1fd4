using System;
using System.Collections.Generic;

namespace CsmEvents.Schema;

/// <summary>One reason an instance failed a schema.</summary>
public sealed class SchemaError
{
    internal SchemaError(string instancePath, string schemaLocation, string keyword, string message, string? value, IReadOnlyList<SchemaError>? details, string? property = null)
    {
        Property = property;
        InstancePath = instancePath;
        SchemaLocation = schemaLocation;
        Keyword = keyword;
        Message = message;
        Value = value;
        Details = details ?? Array.Empty<SchemaError>();
    }

    /// <summary>
    /// RFC 6901 JSON pointer of the value at fault ("" is the whole instance). For required, additionalProperties and
    /// unevaluatedProperties it is the object holding the problem; the message names the property.
    /// </summary>
    public string InstancePath { get; }

    /// <summary>
    /// Absolute location of the failing keyword after following $ref: "#/json/pointer" when the keyword is in the
    /// schema that was compiled, "baseUri#/json/pointer" when it is in another document (a referenced file, an
    /// embedded or meta schema). The pointer is not percent-encoded.
    /// </summary>
    public string SchemaLocation { get; }

    /// <summary>
    /// The member the error is about, for errors reported on the object that holds it: the missing member of
    /// required, the disallowed member of additionalProperties and unevaluatedProperties. Null for other keywords.
    /// </summary>
    public string? Property { get; }

    /// <summary>The failing keyword ("type", "required", ...; "false" for a false schema, "$depth" for the nesting guard).</summary>
    public string Keyword { get; }

    /// <summary>What is wrong, in words.</summary>
    public string Message { get; }

    /// <summary>The offending value as compact JSON, shortened to 80 characters with "..." (for additionalProperties: the disallowed member's value).</summary>
    public string? Value { get; }

    /// <summary>For anyOf/oneOf: the errors of each branch that failed (never of a branch that passed).</summary>
    public IReadOnlyList<SchemaError> Details { get; }

    /// <summary>"instancePath: message (schemaLocation)", with "(root)" for the whole instance, escaped for terminals
    /// (paths and messages quote the event's member names and values).</summary>
    public override string ToString() => Text.TerminalText.Escape((InstancePath.Length == 0 ? "(root)" : InstancePath) + ": " + Message + " (" + SchemaLocation + ")")!;
}
