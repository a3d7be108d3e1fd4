using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CsmEvents.Schema.Cache;

/// <summary>
/// The per-user folder of Datadog's published event schemas, one subfolder per agent version:
/// <c>FOLDER/7.64.3/backend_linux.schema.json</c>, <c>.../backend_windows.schema.json</c> and
/// <c>.../sources.json</c> (address, time and SHA-256 of each download). Save-CsmSchema and
/// <c>csm-events schemas --fetch</c> fill it; validation only reads it (never the network).
/// </summary>
public sealed class SchemaCache
{
    /// <summary>Names another cache folder (tests, shared machines, air-gapped copies).</summary>
    public const string FolderVariable = "CSMEVENTS_SCHEMA_CACHE";

    /// <summary>Names another default download source (a mirror), used when no source is given.</summary>
    public const string SourceVariable = "CSMEVENTS_SCHEMA_SOURCE";

    /// <summary>The raw-file address of the DataDog/datadog-agent repository, where agent versions are tags.</summary>
    public const string DefaultSource = "https://raw.githubusercontent.com/DataDog/datadog-agent";

    /// <summary>Where the schemas are under a version of the repository.</summary>
    public const string RepositoryFolder = "docs/cloud-workload-security";

    public const string LinuxFile = "backend_linux.schema.json";
    public const string WindowsFile = "backend_windows.schema.json";

    /// <summary>The provenance file of a version folder.</summary>
    internal const string SourcesFile = "sources.json";

    private const string SchemaSuffix = ".schema.json";

    // A version, "main", or another ref (a commit) that is safe as one folder name on every file system.
    private static readonly Regex RefName = new("^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$", RegexOptions.CultureInvariant);

    public SchemaCache(string folder)
    {
        if (string.IsNullOrEmpty(folder)) throw new ArgumentException("the schema cache needs a folder", nameof(folder));
        Folder = System.IO.Path.GetFullPath(folder);
    }

    /// <summary>The cache folder (it may not exist yet).</summary>
    public string Folder { get; }

    /// <summary>
    /// The cache of the current user: <c>CSMEVENTS_SCHEMA_CACHE</c> when set (a relative value is resolved from the
    /// process's current directory); else on Windows
    /// <c>%LOCALAPPDATA%\CsmEvents\schemas</c>; else <c>$XDG_DATA_HOME/csm-events/schemas</c>, or
    /// <c>~/.local/share/csm-events/schemas</c>. Null when the environment names no such place (no HOME).
    /// </summary>
    public static SchemaCache? FromEnvironment(Func<string, string?> environment) =>
        DefaultFolder(environment, RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) is string folder ? new SchemaCache(folder) : null;

    /// <summary>The folder <see cref="FromEnvironment"/> uses, for the given platform.</summary>
    public static string? DefaultFolder(Func<string, string?> environment, bool windows)
    {
        // The variable is the user's explicit choice: a relative value is taken from the current directory, not ignored.
        string? explicitFolder = environment(FolderVariable);
        if (!string.IsNullOrWhiteSpace(explicitFolder)) return System.IO.Path.GetFullPath(explicitFolder!.Trim());
        if (windows) return Absolute(environment("LOCALAPPDATA")) is string local ? System.IO.Path.Combine(local, "CsmEvents", "schemas") : null;
        // XDG Base Directory: a relative XDG_DATA_HOME is invalid and must be ignored.
        if (Absolute(environment("XDG_DATA_HOME")) is string data) return System.IO.Path.Combine(data, "csm-events", "schemas");
        return Absolute(environment("HOME")) is string home ? System.IO.Path.Combine(home, ".local", "share", "csm-events", "schemas") : null;
    }

    /// <summary>The download source when none is given: <c>CSMEVENTS_SCHEMA_SOURCE</c>, else <see cref="DefaultSource"/>.</summary>
    public static string SourceFromEnvironment(Func<string, string?> environment)
    {
        string? source = environment(SourceVariable);
        return string.IsNullOrWhiteSpace(source) ? DefaultSource : source!.Trim();
    }

    /// <summary>True when <paramref name="version"/> can name a version folder: a release (7.64.3, 7.64.3-rc.1),
    /// main, or another ref such as a commit; letters, digits and . _ + - only, at most 100 characters.</summary>
    public static bool IsValidVersionName(string? version) => version != null && RefName.IsMatch(version) && !version.Contains("..") && !version.EndsWith(".", StringComparison.Ordinal);

    /// <summary><c>backend_linux@7.64.3</c> for backend_linux.schema.json of 7.64.3.</summary>
    public static string NameOf(string fileName, string agentVersion) =>
        (fileName.EndsWith(SchemaSuffix, StringComparison.Ordinal) ? fileName.Substring(0, fileName.Length - SchemaSuffix.Length) : fileName) + "@" + agentVersion;

    /// <summary>The folder of one version.</summary>
    public string VersionFolder(string agentVersion)
    {
        if (!IsValidVersionName(agentVersion)) throw new ArgumentException("'" + agentVersion + "' is not an agent version", nameof(agentVersion));
        return System.IO.Path.Combine(Folder, agentVersion);
    }

    /// <summary>Every cached schema file, newest version first (main, then releases by version, then other refs),
    /// Linux before Windows. Empty when the folder does not exist.</summary>
    public IReadOnlyList<CachedSchemaInfo> List()
    {
        var found = new List<CachedSchemaInfo>();
        if (!Directory.Exists(Folder)) return found;
        foreach (string folder in Directory.GetDirectories(Folder))
        {
            string version = System.IO.Path.GetFileName(folder);
            if (!IsValidVersionName(version)) continue;
            var sources = ReadSources(folder);
            foreach (string file in new[] { LinuxFile, WindowsFile })
            {
                string path = System.IO.Path.Combine(folder, file);
                if (!File.Exists(path)) continue;
                sources.TryGetValue(file, out var source);
                found.Add(new CachedSchemaInfo(file, version, path, source?.Address, source?.FetchedAt, source?.Sha256));
            }
        }
        return found.OrderBy(i => i, NewestFirst.Instance).ToList();
    }

    /// <summary>The cached schema named <c>backend_linux@7.64.3</c> (or <c>backend_windows@main</c>); null when absent.</summary>
    public CachedSchemaInfo? Find(string name) => List().FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));

    private static string? Absolute(string? path) => !string.IsNullOrWhiteSpace(path) && System.IO.Path.IsPathRooted(path!.Trim()) ? path.Trim() : null;

    /// <summary>What sources.json says about each file; empty when it is missing or unreadable (the schemas are
    /// still listed, without provenance).</summary>
    private static Dictionary<string, SchemaSource> ReadSources(string folder)
    {
        var result = new Dictionary<string, SchemaSource>(StringComparer.Ordinal);
        string path = System.IO.Path.Combine(folder, SourcesFile);
        try
        {
            if (!File.Exists(path)) return result;
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object) return result;
            foreach (var file in document.RootElement.EnumerateObject())
            {
                if (file.Value.ValueKind != JsonValueKind.Object) continue;
                string? address = Text(file.Value, "address");
                DateTimeOffset? fetchedAt = DateTimeOffset.TryParse(Text(file.Value, "fetchedAt"), System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime() : null;
                result[file.Name] = new SchemaSource(address, fetchedAt, Text(file.Value, "sha256"));
            }
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException)
        {
        }
        return result;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal sealed class SchemaSource
    {
        public SchemaSource(string? address, DateTimeOffset? fetchedAt, string? sha256)
        {
            Address = address;
            FetchedAt = fetchedAt;
            Sha256 = sha256;
        }

        public string? Address { get; }
        public DateTimeOffset? FetchedAt { get; }
        public string? Sha256 { get; }
    }

    /// <summary>main, then releases newest first, then other refs by name; Linux before Windows within a version.</summary>
    private sealed class NewestFirst : IComparer<CachedSchemaInfo>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(CachedSchemaInfo? x, CachedSchemaInfo? y)
        {
            bool xVersion = AgentVersion.TryParse(x!.AgentVersion, out var a);
            bool yVersion = AgentVersion.TryParse(y!.AgentVersion, out var b);
            int c = xVersion && yVersion ? b!.CompareTo(a) : xVersion ? -1 : yVersion ? 1 : string.CompareOrdinal(x.AgentVersion, y.AgentVersion);
            if (c == 0) c = string.CompareOrdinal(x.AgentVersion, y.AgentVersion);
            return c != 0 ? c : string.CompareOrdinal(x.FileName, y.FileName);
        }
    }
}
