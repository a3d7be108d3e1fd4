using System;
using System.IO;
using System.Text.Json;

namespace CsmEvents.Schema.Cache;

/// <summary>
/// One schema file in the schema cache: Datadog's published <c>backend_linux.schema.json</c> or
/// <c>backend_windows.schema.json</c> of one agent version, with where and when it was fetched
/// (Get-CsmSchema, <c>csm-events schemas</c>, Save-CsmSchema).
/// </summary>
public sealed class CachedSchemaInfo
{
    internal CachedSchemaInfo(string fileName, string agentVersion, string path, string? source, DateTimeOffset? fetchedAt, string? sha256)
    {
        FileName = fileName;
        AgentVersion = agentVersion;
        Path = path;
        Source = source;
        FetchedAt = fetchedAt;
        Sha256 = sha256;
    }

    /// <summary><c>backend_linux@7.64.3</c>: the file's base name and the agent version; the name
    /// <c>Test-CsmEvent -Schema</c> takes and results show as their schema.</summary>
    public string Name => SchemaCache.NameOf(FileName, AgentVersion);

    /// <summary>"linux" or "windows".</summary>
    public string Platform => FileName == SchemaCache.WindowsFile ? "windows" : "linux";

    /// <summary>The agent version (a release such as 7.64.3, or main) the schema was published for.</summary>
    public string AgentVersion { get; }

    /// <summary>backend_linux.schema.json or backend_windows.schema.json.</summary>
    public string FileName { get; }

    /// <summary>The full path of the cached file.</summary>
    public string Path { get; }

    /// <summary>The address it was downloaded from; null when the cache does not record it.</summary>
    public string? Source { get; }

    /// <summary>When it was downloaded (UTC); null when not recorded.</summary>
    public DateTimeOffset? FetchedAt { get; }

    /// <summary>The SHA-256 of the file as downloaded (lower-case hex); null when not recorded.</summary>
    public string? Sha256 { get; }

    /// <summary>The schema's JSON text (read from the cache when asked for).</summary>
    public string Text => File.ReadAllText(Path);

    /// <summary>"2020-12" and so on, from the file's $schema (read when asked for); "unknown" when it names none.</summary>
    public string Dialect
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(Path));
                return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("$schema", out var uri) && uri.ValueKind == JsonValueKind.String
                    ? Compilation.Dialect.FromKnownUri(uri.GetString()!)?.Name ?? uri.GetString()!
                    : "unknown";
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException)
            {
                return "unknown";
            }
        }
    }

    /// <summary>What it is, in a few words (the Title column Get-CsmSchema shows for embedded and cached schemas alike).</summary>
    public string Title => "Datadog's published " + (Platform == "windows" ? "Windows" : "Linux") + " schema of agent " + AgentVersion
        + (FetchedAt.HasValue ? ", fetched " + FetchedAt.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC" : "");

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
