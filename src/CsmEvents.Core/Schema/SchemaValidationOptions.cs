using System;

namespace CsmEvents.Schema;

/// <summary>How a compiled schema judges an instance. Immutable; share one instance freely.</summary>
public sealed class SchemaValidationOptions
{
    /// <summary>The default for <see cref="MaxDepth"/>.</summary>
    public const int DefaultMaxDepth = 400;

    /// <param name="ignoreAdditionalProperties">See <see cref="IgnoreAdditionalProperties"/>.</param>
    /// <param name="assertFormat">See <see cref="AssertFormat"/>.</param>
    /// <param name="maxDepth">See <see cref="MaxDepth"/>.</param>
    public SchemaValidationOptions(bool ignoreAdditionalProperties = false, bool assertFormat = false, int maxDepth = DefaultMaxDepth)
    {
        if (maxDepth < 1) throw new ArgumentOutOfRangeException(nameof(maxDepth), "maxDepth must be at least 1");
        IgnoreAdditionalProperties = ignoreAdditionalProperties;
        AssertFormat = assertFormat;
        MaxDepth = maxDepth;
    }

    /// <summary>The engine defaults: every keyword reported, formats as the dialect says (annotation only).</summary>
    public static SchemaValidationOptions Default { get; } = new();

    /// <summary>
    /// The options for security events against Datadog's schemas: date-time formats are asserted, because every
    /// time in an event is Go's RFC 3339 text and a malformed one breaks every consumer.
    /// </summary>
    public static SchemaValidationOptions Events { get; } = new(assertFormat: true);

    /// <summary>
    /// When true, additionalProperties:false and unevaluatedProperties failures are not reported. Newer Datadog
    /// agents emit fields before the published schema lists them; the agent's own tests ignore these errors too.
    /// </summary>
    public bool IgnoreAdditionalProperties { get; }

    /// <summary>
    /// When true, known formats (date-time, date, time) are checked. Unknown formats (e.g. Datadog's "ValidInode")
    /// are always annotations only. When false, format is asserted only where the schema's own vocabulary demands it.
    /// </summary>
    public bool AssertFormat { get; }

    /// <summary>
    /// The deepest combined schema/value nesting evaluated before the value is reported invalid with a
    /// "nesting is deeper than" error (protects the stack from pathological documents and recursive schemas).
    /// </summary>
    public int MaxDepth { get; }

    /// <summary>A copy with <see cref="IgnoreAdditionalProperties"/> changed.</summary>
    public SchemaValidationOptions WithIgnoreAdditionalProperties(bool value) => new(value, AssertFormat, MaxDepth);

    /// <summary>A copy with <see cref="AssertFormat"/> changed.</summary>
    public SchemaValidationOptions WithAssertFormat(bool value) => new(IgnoreAdditionalProperties, value, MaxDepth);
}
