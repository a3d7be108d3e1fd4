using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Model;

namespace CsmEvents.Tests.Reading;

/// <summary>Runs the get runner over test inputs and records what a user would see.</summary>
internal sealed class ReadHarness : ICommandSink
{
    public List<CsmEvent> Events { get; } = new();
    public List<CsmError> Errors { get; } = new();
    public List<CsmProgress> ProgressUpdates { get; } = new();
    public Func<CsmEvent, bool>? OnEmit { get; set; }
    public CancellationToken Cancellation { get; set; }

    public void Emit(object item)
    {
        var evt = (CsmEvent)item;
        Events.Add(evt);
        if (OnEmit != null && !OnEmit(evt)) throw new StopReadingException();
    }

    public void Error(CsmError error) => Errors.Add(error);
    public void Warning(string message) => throw new InvalidOperationException("unexpected warning: " + message);
    public void Verbose(string message) { }
    public void Progress(CsmProgress progress) => ProgressUpdates.Add(progress);

    public IEnumerable<string> ErrorMessages
    {
        get { foreach (var e in Errors) yield return e.Message; }
    }

    public static ReadHarness ReadText(string text, string name = "input.jsonl", EventFilter? filter = null) =>
        ReadBytes(Encoding.UTF8.GetBytes(text), name, filter);

    public static ReadHarness ReadBytes(byte[] bytes, string name = "input.jsonl", EventFilter? filter = null)
    {
        var harness = new ReadHarness();
        var runner = new GetEventsRunner(new GetEventsOptions { Filter = filter ?? new EventFilter() }, harness);
        runner.ReadStream(new MemoryStream(bytes), name);
        return harness;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(bytes, 0, bytes.Length);
        return output.ToArray();
    }
}

/// <summary>Stands for PowerShell's PipelineStoppedException: must pass through the reader untouched.</summary>
internal sealed class StopReadingException : Exception
{
}
