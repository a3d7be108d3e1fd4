using System;
using System.Collections.Generic;

namespace CsmEvents.Schema;

/// <summary>The outcome of validating one instance: the verdict and every error found.</summary>
public sealed class SchemaValidationResult
{
    internal static readonly SchemaValidationResult Valid = new(Array.Empty<SchemaError>());

    internal SchemaValidationResult(IReadOnlyList<SchemaError> errors)
    {
        Errors = errors;
    }

    /// <summary>True when the instance satisfies the schema.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>
    /// All errors, deterministic and in evaluation order, which follows the instance document: within one schema
    /// object, keywords are checked in a fixed order ($ref, type, value and size keywords, then required, then the
    /// members in the order the instance lists them, then allOf/anyOf/oneOf/not/if, then unevaluated*), so an
    /// object's own errors come before the errors inside its members. Errors of anyOf/oneOf branches are nested in
    /// <see cref="SchemaError.Details"/>.
    /// </summary>
    public IReadOnlyList<SchemaError> Errors { get; }
}
