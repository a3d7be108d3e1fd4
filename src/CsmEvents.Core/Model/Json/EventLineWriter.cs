using System;
using System.IO;
using System.Text.Json;

namespace CsmEvents.Model.Json;

/// <summary>
/// Writes model objects as JSON lines (one compact JSON text per line) to a stream, batching writes. The one writer
/// behind <c>csm-events get</c> output and ConvertFrom-CsmEvent's text: both produce exactly this form.
/// </summary>
public sealed class EventLineWriter : IDisposable
{
    private const int FlushThreshold = 64 * 1024;
    private readonly Stream _output;
    private readonly MemoryStream _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _writer;

    public EventLineWriter(Stream output)
    {
        _output = output;
        _writer = new Utf8JsonWriter(_buffer, JsonOutput.WriterOptions(indented: false));
    }

    public void WriteLine(CsmObject value)
    {
        value.WriteJson(_writer);
        _writer.Flush();
        _writer.Reset();
        _buffer.WriteByte((byte)'\n');
        if (_buffer.Length >= FlushThreshold) FlushBuffer();
    }

    /// <summary>Writes a line of already-serialized UTF-8 JSON (no newline in it).</summary>
    public void WriteRawLine(ReadOnlySpan<byte> json)
    {
        _buffer.Write(json.ToArray(), 0, json.Length);
        _buffer.WriteByte((byte)'\n');
        if (_buffer.Length >= FlushThreshold) FlushBuffer();
    }

    public void Flush()
    {
        FlushBuffer();
        _output.Flush();
    }

    private void FlushBuffer()
    {
        if (_buffer.Length == 0) return;
        _output.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        _buffer.SetLength(0);
    }

    public void Dispose()
    {
        Flush();
        _writer.Dispose();
    }
}
