using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsmEvents.Model.Json;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Drift;

/// <summary>A baseline file cannot be used (missing, not JSON, not the baseline shape).</summary>
public sealed class BaselineLoadException : Exception
{
    public BaselineLoadException(string path, string reason, Exception? inner = null) : base(path + ": " + reason, inner) => Path = path;

    public string Path { get; }
}

/// <summary>
/// The drift groups a scheduled job already knows about and accepts. A readable JSON file that changes only when
/// the groups change: the groups sorted by schema, keyword and path, nothing else (no counts or times that would
/// differ from run to run), so it can live in version control:
/// <code>
/// {
///   "about": "...",
///   "groups": [
///     { "schema": "backend_linux", "keyword": "additionalProperties", "path": "/agent/original_rule_id" }
///   ]
/// }
/// </code>
/// </summary>
public sealed class DriftBaseline
{
    private const string About = "Known drift accepted by csm-events test --baseline and Test-CsmEvent -BaselinePath: one entry per "
        + "group of schema errors (schema, keyword, instance path with array indexes as *). Written by --update-baseline / "
        + "-UpdateBaseline; entries may be removed or added by hand.";

    private readonly HashSet<(string Schema, string Keyword, string Path)> _groups;

    private DriftBaseline(string path, HashSet<(string, string, string)> groups)
    {
        Path = path;
        _groups = groups;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>How many groups it lists.</summary>
    public int Count => _groups.Count;

    /// <summary>An empty baseline for <paramref name="path"/> (before it is written the first time).</summary>
    public static DriftBaseline Empty(string path) => new(path, new HashSet<(string, string, string)>());

    /// <summary>Reads a baseline file.</summary>
    /// <exception cref="BaselineLoadException">The file is missing or is not a baseline.</exception>
    public static DriftBaseline Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
        {
            throw new BaselineLoadException(path, "baseline file not found; create it with --update-baseline (Test-CsmEvent -UpdateBaseline)", ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new BaselineLoadException(path, "cannot read the baseline file: " + ex.Message, ex);
        }
        var groups = new HashSet<(string, string, string)>();
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("groups", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new BaselineLoadException(path, "not a drift baseline: expected an object with a \"groups\" array");
            }
            int index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                string? schema = Text(entry, "schema"), keyword = Text(entry, "keyword"), groupPath = Text(entry, "path");
                if (schema == null || keyword == null || groupPath == null)
                {
                    throw new BaselineLoadException(path, "groups[" + index + "] needs the strings \"schema\", \"keyword\" and \"path\"");
                }
                groups.Add((schema, keyword, groupPath));
                index++;
            }
        }
        catch (JsonException ex)
        {
            throw new BaselineLoadException(path, "not valid JSON: " + ex.Message, ex);
        }
        return new DriftBaseline(path, groups);
    }

    /// <summary>True when the baseline lists the group.</summary>
    public bool Knows(string schema, string keyword, string path) => _groups.Contains((schema, keyword, path));

    /// <summary>Writes the groups as the new baseline (atomically: a reader never sees half a file).</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static void Write(string path, IEnumerable<CsmDriftGroup> groups) => AtomicFile.Write(path, Serialize(groups));

    internal static byte[] Serialize(IEnumerable<CsmDriftGroup> groups)
    {
        var sorted = groups.Select(g => (g.Schema, g.Keyword, g.Path)).Distinct()
            .OrderBy(g => g.Schema, StringComparer.Ordinal).ThenBy(g => g.Keyword, StringComparer.Ordinal).ThenBy(g => g.Path, StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions(indented: true)))
        {
            writer.WriteStartObject();
            writer.WriteString("about", About);
            writer.WriteStartArray("groups");
            foreach (var (schema, keyword, path) in sorted)
            {
                writer.WriteStartObject();
                writer.WriteString("schema", schema);
                writer.WriteString("keyword", keyword);
                writer.WriteString("path", path);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        // The same bytes on every platform (the writer uses the platform's line ending), ending with a newline.
        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n");
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
