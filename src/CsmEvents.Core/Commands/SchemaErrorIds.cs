namespace CsmEvents.Commands;

/// <summary>Stable ids of the errors of Test-CsmEvent and Get-CsmSchema about schemas (documented in help).</summary>
public static class SchemaErrorIds
{
    /// <summary>The schema given cannot be used (malformed JSON, invalid keyword, unresolvable $ref, missing
    /// file): terminating, nothing is validated.</summary>
    public const string SchemaLoadFailed = "SchemaLoadFailed";

    /// <summary>-Schema names no embedded schema: terminating.</summary>
    public const string UnknownSchema = "UnknownSchema";

    /// <summary>Get-CsmSchema -Name without wildcards names no embedded schema.</summary>
    public const string SchemaNotFound = "SchemaNotFound";
}
