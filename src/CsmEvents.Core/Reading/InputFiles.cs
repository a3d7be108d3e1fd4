using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>
/// Expands a folder into the event files to read. Walked by hand rather than with Directory.EnumerateFiles
/// (AllDirectories), which follows symbolic links into loops (one loop read a file 41 times, two never ended) and
/// gives up on the whole tree when one subfolder cannot be listed. Here:
/// <list type="bullet">
/// <item>every folder and file is taken once, by identity (device and inode): a link back to a folder being read
/// is a loop, named in a warning; a second path to a folder or file already taken is skipped (verbose);</item>
/// <item>a subfolder that cannot be listed is one error, and the rest is read;</item>
/// <item>FIFOs, devices and sockets with an event file's name are skipped with a warning (reading one could
/// block for ever); named directly, they are read;</item>
/// <item>on Windows, folder links (junctions, symbolic links) are not followed, as Get-ChildItem -Recurse does
/// not, and a warning names them.</item>
/// </list>
/// </summary>
public static class InputFiles
{
    /// <summary>Endings of files read from folders (content decides the format; the ending only selects files).</summary>
    public static readonly IReadOnlyList<string> EventFileEndings = new[]
    {
        ".json", ".jsonl", ".ndjson", ".log", ".json.gz", ".jsonl.gz", ".ndjson.gz", ".log.gz",
    };

    /// <summary>What the walk tells the user besides the files.</summary>
    public interface IReport
    {
        void Error(ReadError error);

        void Warning(string message);

        void Verbose(string message);
    }

    /// <summary>The event files under a folder, in ordinal path order (deterministic). False when the folder itself
    /// cannot be listed (one error reported).</summary>
    public static bool TryExpand(string folder, bool recurse, IReport report, out List<string> files)
    {
        var walk = new Walk(recurse, report);
        bool listed = walk.Folder(folder, isRoot: true);
        walk.Files.Sort(StringComparer.Ordinal);
        files = walk.Files;
        if (listed && files.Count == 0)
        {
            report.Warning(folder + ": no event files (" + string.Join(", ", EventFileEndings) + ")" +
                (recurse ? " in it or its subfolders" : " in it; subfolders are read with -Recurse (--recurse)"));
        }
        return listed;
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

    private sealed class Walk
    {
        private static readonly bool FollowFolderLinks = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        private readonly bool _recurse;
        private readonly IReport _report;
        private readonly Dictionary<string, string> _folders = new(StringComparer.Ordinal);   // identity -> first path
        private readonly Dictionary<string, string> _fileIds = new(StringComparer.Ordinal);   // identity -> first path
        private readonly Dictionary<string, string> _open = new(StringComparer.Ordinal);      // folders being walked

        public Walk(bool recurse, IReport report)
        {
            _recurse = recurse;
            _report = report;
        }

        public List<string> Files { get; } = new();

        public bool Folder(string folder, bool isRoot)
        {
            FileStatus.TryGet(folder, out var status);
            string identity = status.Identity ?? Path.GetFullPath(folder);
            if (_open.TryGetValue(identity, out string? ancestor))
            {
                _report.Warning(folder + ": folder loop: this link leads back to " + ancestor + ", which is already being read; not read again");
                return true;
            }
            if (_folders.TryGetValue(identity, out string? first))
            {
                _report.Verbose(folder + ": the same folder as " + first + ", already read");
                return true;
            }
            _folders[identity] = folder;
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(folder);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
            {
                _report.Error(new ReadError(ReadErrorIds.FileReadError, new EventSource(folder, 0), "cannot list the folder: " + ex.Message.TrimEnd('.') + (isRoot ? "" : "; the rest is read")));
                return false;
            }
            Array.Sort(entries, StringComparer.Ordinal);
            _open[identity] = folder;
            try
            {
                foreach (string entry in entries) Entry(entry);
            }
            finally
            {
                _open.Remove(identity);
            }
            return true;
        }

        private void Entry(string entry)
        {
            bool eventFile = IsEventFile(entry);
            if (!FileStatus.TryGet(entry, out var status))
            {
                if (eventFile) _report.Error(new ReadError(ReadErrorIds.FileNotFound, new EventSource(entry, 0), "file not found (a link whose target does not exist?)"));
                return;
            }
            if (status.Kind == FileKind.Directory)
            {
                if (!_recurse) return;
                if (!FollowFolderLinks && (SafeAttributes(entry) & FileAttributes.ReparsePoint) != 0)
                {
                    _report.Warning(entry + ": a folder link (junction or symbolic link); not followed");
                    return;
                }
                Folder(entry, isRoot: false);
                return;
            }
            if (!eventFile) return;
            if (status.Kind != FileKind.Regular && status.Kind != FileKind.Unknown)
            {
                _report.Warning(entry + ": " + FileStatus.Describe(status.Kind) + ", not a regular file; skipped (give its path to read it)");
                return;
            }
            string identity = status.Identity ?? Path.GetFullPath(entry);
            if (_fileIds.TryGetValue(identity, out string? first))
            {
                _report.Verbose(entry + ": the same file as " + first + ", read once");
                return;
            }
            _fileIds[identity] = entry;
            Files.Add(entry);
        }

        private static FileAttributes SafeAttributes(string path)
        {
            try
            {
                return File.GetAttributes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return default;
            }
        }
    }
}
