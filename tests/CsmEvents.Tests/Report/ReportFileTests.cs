using System;
using System.IO;
using CsmEvents.Commands;
using CsmEvents.Report;

namespace CsmEvents.Tests.Report;

/// <summary>Where the report goes: the checks before reading and the write through a temporary file.</summary>
public sealed class ReportFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "csmevents-reportfile-" + Guid.NewGuid().ToString("N"));

    public ReportFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ChecksTheFolderTheFileAndTheSwitches()
    {
        string target = Path.Combine(_folder, "report.html");
        Assert.Null(ReportFile.Check(target, noClobber: true, force: false));
        Assert.Equal(ReportErrorIds.OutputFolderNotFound, ReportFile.Check(Path.Combine(_folder, "no", "report.html"), false, false)!.ErrorId);
        var folder = ReportFile.Check(_folder, false, false)!;
        Assert.Equal(ReportErrorIds.OutputPathIsFolder, folder.ErrorId);
        Assert.Equal(CsmErrorCategory.InvalidArgument, folder.Category);
        File.WriteAllText(target, "old");
        Assert.Null(ReportFile.Check(target, false, false));
        var exists = ReportFile.Check(target, noClobber: true, force: true)!;
        Assert.Equal(ReportErrorIds.OutputFileExists, exists.ErrorId);
        Assert.Equal(CsmErrorCategory.ResourceExists, exists.Category);
        Assert.Equal(target + ": the file exists (-NoClobber); remove it or choose another name", exists.Message);
        new FileInfo(target).IsReadOnly = true;
        Assert.Equal(ReportErrorIds.OutputFileReadOnly, ReportFile.Check(target, false, false)!.ErrorId);
        Assert.Null(ReportFile.Check(target, false, force: true));
    }

    [Fact]
    public void WritesThroughATemporaryFileAndReplacesTheOldOne()
    {
        string target = Path.Combine(_folder, "report.html");
        File.WriteAllText(target, "old");
        new FileInfo(target).IsReadOnly = true;
        var error = ReportFile.Write(target, force: true, stream =>
        {
            Assert.False(File.Exists(target) && File.ReadAllText(target) != "old"); // the old file stays until the page is complete
            stream.Write(new byte[] { (byte)'n', (byte)'e', (byte)'w' });
            return null!;
        }, out _);
        Assert.Null(error);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void AFailedWriteLeavesTheOldFileAndNoTemporaryFile()
    {
        string target = Path.Combine(_folder, "report.html");
        File.WriteAllText(target, "old");
        Assert.Throws<InvalidOperationException>(() => ReportFile.Write(target, false, _ => throw new InvalidOperationException("stopped"), out _));
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(_folder));
    }
}
