using System;
using System.Collections.Generic;
using System.IO;

namespace CsmEvents.Reading;

/// <summary>Expands a path into the event files to read: a file is itself; a folder gives its event files.</summary>
public static class InputFiles
{
    /// <summary>Endings of files read from folders (content decides the format; the ending only selects files).</summary>
    public static readonly IReadOnlyList<string> EventFileEndings = new[]
    {
        ".json", ".jsonl", ".ndjson", ".log", ".json.gz", ".jsonl.gz", ".ndjson.gz", ".log.gz",
    };

    /// <summary>The files under a folder that look like event files, in ordinal name order (deterministic).</summary>
    public static IEnumerable<string> InFolder(string folder, bool recurse)
    {
        var files = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder, "*", recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly))
        {
            if (IsEventFile(file)) files.Add(file);
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    public static bool IsEventFile(string path)
    {
        string name = Path.GetFileName(path);
        if (name.StartsWith(".", StringComparison.Ordinal)) return false;
        foreach (string ending in EventFileEndings)
        {
            if (name.EndsWith(ending, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
