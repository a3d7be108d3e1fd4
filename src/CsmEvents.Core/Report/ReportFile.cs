using System;
using System.IO;
using CsmEvents.Commands;

namespace CsmEvents.Report;

/// <summary>Stable ids of the errors about the report's output file (the PowerShell error ids; documented in help).</summary>
public static class ReportErrorIds
{
    /// <summary>The folder of the output file does not exist.</summary>
    public const string OutputFolderNotFound = "OutputFolderNotFound";

    /// <summary>The output path names a folder.</summary>
    public const string OutputPathIsFolder = "OutputPathIsFolder";

    /// <summary>The output file exists and -NoClobber was given.</summary>
    public const string OutputFileExists = "OutputFileExists";

    /// <summary>The output file exists and is read-only, and -Force was not given.</summary>
    public const string OutputFileReadOnly = "OutputFileReadOnly";

    /// <summary>Writing the page failed (disk full, permissions, the file is locked).</summary>
    public const string ReportWriteFailed = "ReportWriteFailed";
}

/// <summary>
/// Where the report goes, with the rules PowerShell users expect of an Export- command: an existing file is replaced,
/// unless NoClobber; a read-only one only with Force (which clears the attribute). <see cref="Check"/> runs before
/// anything is read, so a run that cannot write says so at once. The page is written to a temporary file beside the
/// target and moved into place when complete: a failed or stopped run leaves the old file (or none), never half a page.
/// </summary>
public static class ReportFile
{
    /// <summary>The error that keeps the report from being written to <paramref name="path"/> (a full file-system
    /// path), or null.</summary>
    public static CsmError? Check(string path, bool noClobber, bool force)
    {
        if (Directory.Exists(path))
        {
            return new CsmError(ReportErrorIds.OutputPathIsFolder, CsmErrorCategory.InvalidArgument, path + ": is a folder; give the path of the HTML file to write", path);
        }
        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            return new CsmError(ReportErrorIds.OutputFolderNotFound, CsmErrorCategory.ObjectNotFound, path + ": the folder " + folder + " does not exist", path);
        }
        if (!File.Exists(path)) return null;
        if (noClobber)
        {
            return new CsmError(ReportErrorIds.OutputFileExists, CsmErrorCategory.ResourceExists, path + ": the file exists (-NoClobber); remove it or choose another name", path);
        }
        if (!force && new FileInfo(path).IsReadOnly)
        {
            return new CsmError(ReportErrorIds.OutputFileReadOnly, CsmErrorCategory.PermissionDenied, path + ": the file is read-only; use -Force to replace it", path);
        }
        return null;
    }

    /// <summary>Writes the page through <paramref name="write"/> into a temporary file and moves it to
    /// <paramref name="path"/>. Returns the error when the file system refused (the temporary file is removed).</summary>
    public static CsmError? Write(string path, bool force, Func<Stream, ReportResult> write, out ReportResult? result)
    {
        result = null;
        string temporary = Path.Combine(Path.GetDirectoryName(path) ?? ".", "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                result = write(file);
            }
            if (File.Exists(path))
            {
                var existing = new FileInfo(path);
                if (force && existing.IsReadOnly) existing.IsReadOnly = false;
                File.Replace(temporary, path, null);
            }
            else File.Move(temporary, path);
            return null;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return new CsmError(ReportErrorIds.ReportWriteFailed, CsmErrorCategory.WriteError, path + ": cannot write the report: " + ex.Message, path, ex);
        }
        finally
        {
            try { if (File.Exists(temporary)) File.Delete(temporary); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
