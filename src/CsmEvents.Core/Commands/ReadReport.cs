using System.Globalization;
using System.IO;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// A consumer that has more to say about each file than the record counts (Test-CsmEvent: the schemas chosen and
/// the verdicts). The reading loop calls it around each file, on the reading thread.
/// </summary>
public interface IFileSummary
{
    /// <summary>A file is about to be read.</summary>
    void BeginFile();

    /// <summary>The file has been read: what to add to its verbose line, or null.</summary>
    string? EndFile();
}

/// <summary>
/// The verbose lines of reading (-Verbose, <c>--verbose</c>): which folders gave which files, which files are opened,
/// how many records each gave and how many were bad, and the totals of a command. One wording for every command.
/// </summary>
public static class ReadReport
{
    public static string Folder(string folder, int fileCount, bool recurse) =>
        "Folder " + folder + ": " + (fileCount == 0 ? "no event files" : Count(fileCount, "event file")) +
        (recurse ? " (subfolders included)" : string.Empty) + ".";

    public static string FolderLeftToItsFiles(string folder) =>
        "Folder " + folder + ": not read as a whole; the pipeline delivered files from it, and those are what is read.";

    public static string AlreadyRead(string file) => file + ": already read by this command; not read again.";

    public static string Opening(string file) => "Reading " + file + SizeOf(file) + ".";

    /// <summary><c>PATH: N records read, M bad[; detail].</c></summary>
    public static string Done(string source, long records, long bad, string? detail = null) =>
        source + ": " + Count(records, "record") + " read, " + bad.ToString(CultureInfo.InvariantCulture) + " bad" +
        (string.IsNullOrEmpty(detail) ? string.Empty : "; " + detail) + ".";

    /// <summary>The closing line of a reading command: <c>Done: F files read, N records, M bad[, detail].</c></summary>
    public static string Total(ReadStatistics statistics, string? detail) =>
        "Done: " + (statistics.FilesRead > 0 ? Count(statistics.FilesRead, "file") + " read, " : string.Empty) +
        Count(statistics.Records, "record") + ", " + statistics.Errors.ToString(CultureInfo.InvariantCulture) + " bad" +
        (string.IsNullOrEmpty(detail) ? string.Empty : ", " + detail) + ".";

    /// <summary><c>1 record</c>, <c>2 records</c>.</summary>
    public static string Count(long count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    private static string SizeOf(string file)
    {
        try
        {
            long bytes = new FileInfo(file).Length;
            return " (" + FormatBytes(bytes) + ")";
        }
        catch (System.Exception ex) when (ex is IOException || ex is System.UnauthorizedAccessException || ex is System.ArgumentException || ex is System.NotSupportedException)
        {
            return string.Empty;
        }
    }

    internal static string FormatBytes(long bytes) =>
        bytes >= 1 << 20 ? (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : bytes >= 1024 ? (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB"
        : Count(bytes, "byte");
}
