using System;
using System.IO;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.Reading;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Reading;

/// <summary>
/// Which files a command reads when files and folders come through the pipeline (issue 10 §2.1): each file once;
/// a piped folder is read unless the pipeline also delivered files from inside it.
/// </summary>
public sealed class PipedPathsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "csm-piped-" + Guid.NewGuid().ToString("N"));

    public PipedPathsTests()
    {
        Write("a/one.jsonl", "r1");
        Write("a/two.jsonl", "r2");
        Write("a/sub/three.jsonl", "r3");
        Write("b/four.jsonl", "r4");
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string P(string relative) => Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));

    private void Write(string relative, string rule)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(P(relative))!);
        File.WriteAllText(P(relative), "{\"agent\":{\"rule_id\":\"" + rule + "\"}}\n");
    }

    /// <summary>Plays a pipeline: each object's paths go through PipedPaths and the runner, the held folders at the end.</summary>
    private static string[] Pipe(bool recurse, params string[] pipeline)
    {
        var sink = new RecordingSink();
        var runner = new GetEventsRunner(new GetEventsOptions { Recurse = recurse }, sink);
        var piped = new PipedPaths();
        foreach (string path in pipeline) runner.ReadPaths(piped.Add(new[] { path }));
        runner.ReadPaths(piped.Complete(folder => sink.Verbose(ReadReport.FolderLeftToItsFiles(folder))));
        return sink.EmittedOf<CsmEvent>().Select(e => e.RuleId!).ToArray();
    }

    [Fact]
    public void GetChildItemRecurseReadsEachFileOnce()
    {
        // Get-ChildItem -Recurse order: the top level (folders and files), then each folder's content.
        var events = Pipe(false, P("a"), P("b"), P("empty"), P("a/sub"), P("a/one.jsonl"), P("a/two.jsonl"), P("a/sub/three.jsonl"), P("b/four.jsonl"));
        Assert.Equal(new[] { "r1", "r2", "r3", "r4" }, events);
    }

    [Fact]
    public void FilesLeftOutByAFilterStayOut()
    {
        // Get-ChildItem -Recurse | Where-Object Name -ne two.jsonl
        var events = Pipe(false, P("a"), P("b"), P("a/sub"), P("a/one.jsonl"), P("a/sub/three.jsonl"), P("b/four.jsonl"));
        Assert.Equal(new[] { "r1", "r3", "r4" }, events);
    }

    [Fact]
    public void AFolderAloneIsReadLikeAFolderArgument()
    {
        Assert.Equal(new[] { "r1", "r2" }, Pipe(false, P("a")));                 // Get-Item ./a | Get-CsmEvent
        Assert.Equal(new[] { "r1", "r3", "r2" }, Pipe(true, P("a")));            // Get-Item ./a | Get-CsmEvent -Recurse (ordinal path order)
    }

    [Fact]
    public void FoldersWithoutTheirFilesAreRead()
    {
        // Get-ChildItem -Directory -Recurse | Get-CsmEvent: nested folders, no files: each folder's own files, once.
        Assert.Equal(new[] { "r1", "r2", "r4", "r3" }, Pipe(false, P("a"), P("b"), P("a/sub")));
        Assert.Equal(new[] { "r1", "r3", "r2", "r4" }, Pipe(true, P("a"), P("b"), P("a/sub")));
    }

    [Fact]
    public void FilesArriveAtOnceAndFoldersAtTheEnd()
    {
        var piped = new PipedPaths();
        Assert.Empty(piped.Add(new[] { P("b") }));
        Assert.Equal(new[] { P("a/one.jsonl") }, piped.Add(new[] { P("a/one.jsonl") }));
        string? skipped = null;
        Assert.Equal(new[] { P("b") }, piped.Complete(folder => skipped = folder));
        Assert.Null(skipped);
    }

    [Fact]
    public void AFolderWhoseFilesCameIsNamedInAVerboseLine()
    {
        var piped = new PipedPaths();
        piped.Add(new[] { P("a"), P("a/sub/three.jsonl") });
        string? skipped = null;
        Assert.Empty(piped.Complete(folder => skipped = folder));
        Assert.Equal(P("a"), skipped);
        Assert.Equal("Folder " + P("a") + ": not read as a whole; the pipeline delivered files from it, and those are what is read.", ReadReport.FolderLeftToItsFiles(skipped!));
    }

    [Fact]
    public void TheSameFileNamedTwiceOrThroughItsFolderIsReadOnce()
    {
        var sink = new RecordingSink();
        var runner = new GetEventsRunner(new GetEventsOptions(), sink);
        runner.ReadPaths(new[] { P("a"), P("a/one.jsonl"), P("a/sub/../one.jsonl") });
        runner.ReadPaths(new[] { P("a/two.jsonl") });
        Assert.Equal(new[] { "r1", "r2" }, sink.EmittedOf<CsmEvent>().Select(e => e.RuleId).ToArray());
        Assert.Equal(2, runner.Statistics.FilesRead);
        Assert.Contains(P("a/one.jsonl") + ": already read by this command; not read again.", sink.VerboseMessages);
        Assert.Contains(P("a/sub/../one.jsonl") + ": already read by this command; not read again.", sink.VerboseMessages);
    }

    [Fact]
    public void TestRunnerAndTreeReaderReadEachFileOnce()
    {
        var testSink = new RecordingSink();
        var test = new TestEventsRunner(new TestEventsOptions { SchemaName = "base" }, testSink);
        test.ReadPaths(new[] { P("b"), P("b/four.jsonl") });
        Assert.Single(testSink.Emitted);

        var treeSink = new RecordingSink();
        var tree = new TreeCommandRunner(new TreeCommandOptions(), treeSink);
        tree.Reader.ReadPaths(new[] { P("b/four.jsonl") });
        tree.Reader.ReadPaths(new[] { P("b/four.jsonl") });
        Assert.Equal(1, tree.Complete().EventCount);
    }

    [Fact]
    public void LedgerComparesFullPaths()
    {
        var ledger = new FileLedger();
        Assert.True(ledger.TryClaim(P("a/one.jsonl")));
        Assert.False(ledger.TryClaim(P("a/./sub/../one.jsonl")));
        Assert.True(ledger.TryClaim(P("a/two.jsonl")));
    }
}
