using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using CsmEvents.Model.Json;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Commands;

/// <summary>Where to fetch schemas from and where to keep them.</summary>
public sealed class SaveSchemaOptions
{
    /// <summary>The cache to fill; null when the environment names none (an error when saving).</summary>
    public SchemaCache? Cache { get; set; }

    /// <summary>The base address under which <c>VERSION/docs/cloud-workload-security/FILE</c> is read.</summary>
    public string Source { get; set; } = SchemaCache.DefaultSource;

    /// <summary>How long one download may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>An HTTP handler for tests; null for the default one (system proxy settings apply).</summary>
    public HttpMessageHandler? Handler { get; set; }

    /// <summary>The clock that dates each download in sources.json.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
}

/// <summary>A schema could not be saved; <see cref="Error"/> is the one terminating error to report (exit code 2).</summary>
public sealed class SchemaSaveException : Exception
{
    public SchemaSaveException(CsmError error) : base(error.Message, error.Exception) => Error = error;

    public CsmError Error { get; }
}

/// <summary>
/// Save-CsmSchema's and <c>csm-events schemas --fetch</c>'s logic: downloads Datadog's published
/// backend_linux.schema.json and backend_windows.schema.json of an agent version, checks that each is a usable JSON
/// schema, and only then puts them into the schema cache, each by an atomic rename (a failed or interrupted fetch
/// leaves the cache as it was). Records address, time and SHA-256 of each file in the version's sources.json and
/// emits one <see cref="CachedSchemaInfo"/> per saved file. A version without a Windows schema (HTTP 404 for that
/// file only) saves the Linux schema with a warning; every other failure throws <see cref="SchemaSaveException"/>.
/// </summary>
public sealed class SaveSchemaRunner : IDisposable
{
    private static readonly string[] Files = { SchemaCache.LinuxFile, SchemaCache.WindowsFile };
    private readonly SaveSchemaOptions _options;
    private readonly ICommandSink _sink;
    private readonly SchemaCache _cache;
    private readonly SchemaDownload _download;

    /// <exception cref="SchemaSaveException">No cache folder is known, or the source is not a usable address.</exception>
    public SaveSchemaRunner(SaveSchemaOptions options, ICommandSink sink)
    {
        _options = options;
        _sink = sink;
        _cache = options.Cache ?? throw new SchemaSaveException(new CsmError(SchemaErrorIds.SchemaCacheUnavailable, CsmErrorCategory.ResourceUnavailable,
            "no schema cache folder is known: set " + SchemaCache.FolderVariable + " to a folder (or HOME, or LOCALAPPDATA on Windows)"));
        try
        {
            SchemaDownload.AddressOf(options.Source, AgentVersion.Main, SchemaCache.LinuxFile);
        }
        catch (ArgumentException ex)
        {
            throw new SchemaSaveException(new CsmError(SchemaErrorIds.InvalidSchemaSource, CsmErrorCategory.InvalidArgument, ex.Message, options.Source, ex));
        }
        _download = new SchemaDownload(options.Handler, options.Timeout);
    }

    /// <summary>What <see cref="Save"/> would do, for -WhatIf and -Confirm: the target and the action.</summary>
    public (string Target, string Action) Describe(string version)
    {
        CheckVersion(version);
        string from = SchemaDownload.AddressOf(_options.Source, version, "").ToString();
        return ("agent " + version + " from " + from + " into " + _cache.VersionFolder(version), "Save " + string.Join(" and ", Files));
    }

    /// <summary>Fetches and caches the schemas of one version; emits what was saved.</summary>
    /// <exception cref="SchemaSaveException">The version is malformed, a download failed, or the cache cannot be written.</exception>
    public void Save(string version)
    {
        CheckVersion(version);
        var downloads = new List<(string File, Uri Address, byte[] Bytes)>();
        foreach (string file in Files)
        {
            _sink.Cancellation.ThrowIfCancellationRequested();
            var address = SchemaDownload.AddressOf(_options.Source, version, file);
            _sink.Verbose("GET " + address);
            byte[] bytes;
            try
            {
                bytes = _download.Get(address, _sink.Cancellation);
            }
            catch (SchemaDownloadException ex) when (file == SchemaCache.WindowsFile && ex.Status == 404)
            {
                _sink.Warning(ex.Message + ": agent " + version + " has no published Windows schema at this source; only the Linux schema is saved");
                continue;
            }
            catch (SchemaDownloadException ex)
            {
                throw new SchemaSaveException(new CsmError(SchemaErrorIds.SchemaDownloadFailed, ex.Status.HasValue ? CsmErrorCategory.ObjectNotFound : CsmErrorCategory.ConnectionError,
                    "cannot fetch " + file + " of agent " + version + ": " + ex.Message, ex.Address, ex));
            }
            CheckUsable(address, bytes);
            downloads.Add((file, address, bytes));
        }
        foreach (var info in Install(version, downloads)) _sink.Emit(info);
    }

    private static void CheckVersion(string version)
    {
        if (SchemaCache.IsValidVersionName(version)) return;
        throw new SchemaSaveException(new CsmError(SchemaErrorIds.InvalidAgentVersion, CsmErrorCategory.InvalidArgument,
            "'" + version + "' is not an agent version: use a release such as 7.64.3 (or 7.64.3-rc.1), or main for the newest schema", version));
    }

    /// <summary>A download that is not a JSON schema (an HTML error page from a proxy, a truncated file) never
    /// reaches the cache: it would make every later validation fail, or worse, pass.</summary>
    private static void CheckUsable(Uri address, byte[] bytes)
    {
        try
        {
            string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            SchemaCompiler.CompileText(text, address.ToString());
        }
        catch (Exception ex) when (ex is SchemaLoadException || ex is DecoderFallbackException)
        {
            string reason = ex is SchemaLoadException load ? load.Pointer.Length == 0 ? load.Reason : load.Pointer + ": " + load.Reason : "the content is not UTF-8 text";
            throw new SchemaSaveException(new CsmError(SchemaErrorIds.SchemaDownloadFailed, CsmErrorCategory.InvalidData,
                address + ": the download is not a usable JSON schema: " + reason, address.ToString(), ex));
        }
    }

    private IEnumerable<CachedSchemaInfo> Install(string version, List<(string File, Uri Address, byte[] Bytes)> downloads)
    {
        string folder = _cache.VersionFolder(version);
        var saved = new List<CachedSchemaInfo>();
        try
        {
            var sources = ReadSources(folder);
            // Seconds, as sources.json records them, so the objects emitted now equal what a later listing shows.
            DateTimeOffset clock = _options.Clock().ToUniversalTime();
            var now = new DateTimeOffset(clock.Ticks - clock.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            foreach (var (file, address, bytes) in downloads)
            {
                string path = Path.Combine(folder, file);
                AtomicFile.Write(path, bytes);
                string sha256 = Sha256(bytes);
                sources[file] = (address.ToString(), now, sha256);
                saved.Add(new CachedSchemaInfo(file, version, path, address.ToString(), now, sha256));
            }
            AtomicFile.Write(Path.Combine(folder, SchemaCache.SourcesFile), WriteSources(sources));
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new SchemaSaveException(new CsmError(SchemaErrorIds.SchemaCacheUnavailable, CsmErrorCategory.PermissionDenied,
                folder + ": cannot write the schema cache: " + ex.Message, folder, ex));
        }
        return saved;
    }

    /// <summary>The entries of the files not fetched this time (a Windows schema saved earlier) are kept.</summary>
    private static SortedDictionary<string, (string Address, DateTimeOffset FetchedAt, string Sha256)> ReadSources(string folder)
    {
        var result = new SortedDictionary<string, (string, DateTimeOffset, string)>(StringComparer.Ordinal);
        foreach (var info in new SchemaCache(Path.GetDirectoryName(folder)!).List())
        {
            if (info.AgentVersion == Path.GetFileName(folder) && info.Source != null && info.FetchedAt.HasValue && info.Sha256 != null)
            {
                result[info.FileName] = (info.Source, info.FetchedAt.Value, info.Sha256);
            }
        }
        return result;
    }

    private static byte[] WriteSources(SortedDictionary<string, (string Address, DateTimeOffset FetchedAt, string Sha256)> sources)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions(indented: true)))
        {
            writer.WriteStartObject();
            foreach (var entry in sources)
            {
                writer.WriteStartObject(entry.Key);
                writer.WriteString("address", entry.Value.Address);
                writer.WriteString("fetchedAt", entry.Value.FetchedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                writer.WriteString("sha256", entry.Value.Sha256);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n");
    }

    private static string Sha256(byte[] bytes)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        var hash = sha.ComputeHash(bytes);
        var text = new StringBuilder(hash.Length * 2);
        foreach (byte b in hash) text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    public void Dispose() => _download.Dispose();
}
