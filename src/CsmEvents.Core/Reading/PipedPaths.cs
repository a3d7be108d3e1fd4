using System.Collections.Generic;
using System.IO;

namespace CsmEvents.Reading;

/// <summary>
/// Which files a command reads when files and folders come through the pipeline (Get-ChildItem, Get-Item,
/// Select-Object FullName, Import-Csv), one object at a time. The rule, as a user of Get-ChildItem expects it:
/// <list type="bullet">
/// <item>A file is read when it arrives.</item>
/// <item>A folder is held until the input ends. It is then read like a folder given as an argument (its event
/// files; with -Recurse its subfolders' too), unless the pipeline also delivered files from inside it: then those
/// files are what is read from it. So <c>Get-ChildItem -Recurse | Get-CsmEvent</c> reads each file it lists once,
/// and a <c>Where-Object</c> between them really leaves files out, while <c>Get-Item ./logs</c>,
/// <c>Get-ChildItem -Directory</c> or <c>Get-ChildItem ./samples</c> (folders without their files) read the
/// folders.</item>
/// <item>Each file is read once per command (see <see cref="FileLedger"/>, applied by the reader).</item>
/// </list>
/// Paths given as arguments are not piped: they are read as given, in order.
/// </summary>
public sealed class PipedPaths
{
    private readonly List<string> _heldFolders = new();
    // Every folder that holds (at any depth) a file the pipeline delivered, by full path.
    private readonly HashSet<string> _foldersWithPipedFiles = new(FileLedger.PathComparer);

    /// <summary>Takes the resolved paths of one pipeline object; returns those to read now (files). Folders are held.</summary>
    public IReadOnlyList<string> Add(IEnumerable<string> paths)
    {
        var now = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path)) _heldFolders.Add(path);
            else
            {
                NoteFolders(path);
                now.Add(path);
            }
        }
        return now;
    }

    /// <summary>The input has ended: the held folders to read, in the order they came. Folders from which the
    /// pipeline delivered files are left out; <paramref name="skipped"/> receives each of them.</summary>
    public IReadOnlyList<string> Complete(System.Action<string>? skipped = null)
    {
        var read = new List<string>();
        foreach (string folder in _heldFolders)
        {
            if (_foldersWithPipedFiles.Contains(FileLedger.FullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))) skipped?.Invoke(folder);
            else read.Add(folder);
        }
        _heldFolders.Clear();
        return read;
    }

    private void NoteFolders(string file)
    {
        string? folder = Path.GetDirectoryName(FileLedger.FullPath(file));
        while (!string.IsNullOrEmpty(folder) && _foldersWithPipedFiles.Add(folder!.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)))
        {
            folder = Path.GetDirectoryName(folder);
        }
    }
}
