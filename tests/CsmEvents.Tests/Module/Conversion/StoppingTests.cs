using System;
using System.IO;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Model;
using File = System.IO.File;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Module.Conversion;

/// <summary>
/// What the cmdlets rely on when a pipeline ends early: the exception WriteObject throws under
/// <c>Select-Object -First</c> reaches the cmdlet unchanged with the file already closed, and Ctrl+C (the token)
/// stops reading with an OperationCanceledException, which CsmCmdlet.Run turns into PipelineStoppedException.
/// </summary>
public class StoppingTests
{
    private static string WriteEvents(int count)
    {
        string path = Path.Combine(Path.GetTempPath(), "csm-stop-" + Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllLines(path, Enumerable.Range(1, count).Select(i => "{\"title\":\"event " + i + "\"}"));
        return path;
    }

    [Fact]
    public void TheStopExceptionOfADownstreamCommandPassesThroughAndTheFileIsClosed()
    {
        string path = WriteEvents(1000);
        try
        {
            var sink = new RecordingSink { StopAfter = 2 };
            var runner = new GetEventsRunner(new GetEventsOptions(), sink);
            Assert.Throws<PipelineStoppedForTest>(() => runner.ReadPaths(new[] { path }));
            Assert.Equal(new[] { "event 1", "event 2" }, sink.EmittedOf<CsmEvent>().Select(e => e.Title));
            Assert.Empty(sink.Errors);
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                // Opening without sharing succeeds only when the reader has closed its handle.
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PipelineTextStopsAtTheSameEvent()
    {
        var sink = new RecordingSink { StopAfter = 1 };
        using var text = new GetEventsRunner(new GetEventsOptions(), sink).BeginText("<pipeline>");
        text.Append("{\"title\":\"a\"}");
        Assert.Throws<PipelineStoppedForTest>(() => text.Append("{\"title\":\"b\"}"));
        Assert.Single(sink.Emitted);
    }

    [Fact]
    public void CancellationStopsReadingWithOperationCanceled()
    {
        string path = WriteEvents(3);
        try
        {
            var sink = new RecordingSink();
            sink.Cancel();
            var runner = new GetEventsRunner(new GetEventsOptions(), sink);
            Assert.ThrowsAny<OperationCanceledException>(() => runner.ReadPaths(new[] { path }));
            Assert.Empty(sink.Emitted);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
