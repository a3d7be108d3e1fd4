using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>
/// Reads event files and streams: detects gzip (by its magic bytes) and UTF-16 text (by its byte-order mark, as
/// Windows PowerShell 5.1's <c>Out-File</c> writes), and feeds the bytes to a <see cref="RecordSplitter"/> chunk by
/// chunk. Input problems become <see cref="ReadError"/>s; reading never throws for bad input.
/// </summary>
public static class EventInput
{
    private const int ChunkSize = 256 * 1024;

    /// <summary>Reads one file. Progress reports (bytes of the file read so far, file length).</summary>
    public static void ReadFile(string path, IRecordConsumer consumer, Action<long, long>? progress = null, CancellationToken cancellation = default)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
        {
            consumer.OnError(new ReadError(ReadErrorIds.FileNotFound, new EventSource(path, 0), "file not found"));
            return;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
        {
            consumer.OnError(new ReadError(ReadErrorIds.FileReadError, new EventSource(path, 0), "cannot open the file: " + ex.Message));
            return;
        }
        using (stream)
        {
            long length = SafeLength(stream);
            ReadStream(stream, path, consumer, progress == null ? null : read => progress(read, length), cancellation);
        }
    }

    /// <summary>Reads a stream (standard input, an HTTP body). Progress reports raw bytes read from the stream.</summary>
    public static void ReadStream(Stream stream, string displayPath, IRecordConsumer consumer, Action<long>? progress = null, CancellationToken cancellation = default)
    {
        var counting = new CountingStream(stream);
        using var splitter = new RecordSplitter(displayPath, consumer);
        var head = new byte[4];
        int headLength;
        try
        {
            headLength = ReadAtLeast(counting, head, 4);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            consumer.OnError(new ReadError(ReadErrorIds.FileReadError, new EventSource(displayPath, 0), "read failed: " + ex.Message));
            return;
        }
        Stream content = new PrefixedStream(head, headLength, counting);
        bool gzip = headLength >= 2 && head[0] == 0x1F && head[1] == 0x8B;
        bool utf16 = headLength >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
        if (gzip) content = new GZipStream(content, CompressionMode.Decompress);
        content = new GuardedStream(content);
        try
        {
            if (utf16) FeedTranscoded(content, splitter, counting, progress, cancellation);
            else Feed(content, splitter, counting, progress, cancellation);
            splitter.Drain(isFinal: true);
        }
        catch (InputFailedException failure) when (failure.InnerException is InvalidDataException ex)
        {
            consumer.OnError(new ReadError(ReadErrorIds.CorruptCompressedStream, new EventSource(displayPath, 0),
                // Deflate damage is often caught only by the checksum at the end of the stream, after damaged
                // bytes were already decoded: say so, rather than suggest everything before was sound.
                "corrupt gzip data, detected after " + splitter.BytesConsumed + " decompressed bytes (" + ex.Message.TrimEnd('.') +
                "): records read from this file may be damaged, and the rest of it cannot be read"));
        }
        catch (InputFailedException failure)
        {
            consumer.OnError(new ReadError(ReadErrorIds.FileReadError, new EventSource(displayPath, 0), "read failed after " + counting.BytesRead + " bytes: " + failure.InnerException!.Message));
        }
    }

    private static void Feed(Stream content, RecordSplitter splitter, CountingStream raw, Action<long>? progress, CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var target = splitter.GetWriteBuffer(ChunkSize);
            if (!System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(target, out var segment)) throw new InvalidOperationException("splitter buffer is not array-backed");
            int read = content.Read(segment.Array!, segment.Offset, Math.Min(segment.Count, ChunkSize));
            if (read == 0) return;
            splitter.Advance(read);
            splitter.Drain(isFinal: false);
            progress?.Invoke(raw.BytesRead);
            if (splitter.Stopped) return;
        }
    }

    private static void FeedTranscoded(Stream content, RecordSplitter splitter, CountingStream raw, Action<long>? progress, CancellationToken cancellation)
    {
        using var text = new StreamReader(content, Encoding.Unicode, detectEncodingFromByteOrderMarks: true, ChunkSize / 4, leaveOpen: true);
        var chars = new char[ChunkSize / 4];
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(chars.Length)];
        int read;
        while ((read = text.Read(chars, 0, chars.Length)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = Encoding.UTF8.GetBytes(chars, 0, read, bytes, 0);
            splitter.Append(new ReadOnlySpan<byte>(bytes, 0, count));
            progress?.Invoke(raw.BytesRead);
            if (splitter.Stopped) return;
        }
    }

    private static int ReadAtLeast(Stream stream, byte[] buffer, int count)
    {
        int total = 0;
        while (total < count)
        {
            int read = stream.Read(buffer, total, count - total);
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    private static long SafeLength(Stream stream)
    {
        try
        {
            return stream.CanSeek ? stream.Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
