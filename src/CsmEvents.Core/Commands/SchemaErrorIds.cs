namespace CsmEvents.Commands;

/// <summary>Stable ids of the errors of Test-CsmEvent, Get-CsmSchema and Save-CsmSchema about schemas (documented in help).</summary>
public static class SchemaErrorIds
{
    /// <summary>The schema given cannot be used (malformed JSON, invalid keyword, unresolvable $ref, missing
    /// file): terminating, nothing is validated.</summary>
    public const string SchemaLoadFailed = "SchemaLoadFailed";

    /// <summary>-Schema names no embedded or cached schema: terminating.</summary>
    public const string UnknownSchema = "UnknownSchema";

    /// <summary>Get-CsmSchema -Name without wildcards names no embedded or cached schema.</summary>
    public const string SchemaNotFound = "SchemaNotFound";

    /// <summary>Save-CsmSchema: the agent version cannot name a version (characters other than letters, digits
    /// and . _ + -): terminating.</summary>
    public const string InvalidAgentVersion = "InvalidAgentVersion";

    /// <summary>Save-CsmSchema -Source is not an https:// address (or http:// to this machine): terminating.</summary>
    public const string InvalidSchemaSource = "InvalidSchemaSource";

    /// <summary>Save-CsmSchema: a download failed (HTTP status such as 404 for an unknown version, timeout,
    /// network error) or did not return a usable JSON schema; the message names the address: terminating.</summary>
    public const string SchemaDownloadFailed = "SchemaDownloadFailed";

    /// <summary>Save-CsmSchema: no schema cache folder is known (no CSMEVENTS_SCHEMA_CACHE, HOME or LOCALAPPDATA),
    /// or it cannot be written: terminating.</summary>
    public const string SchemaCacheUnavailable = "SchemaCacheUnavailable";
}
