using System;
using System.IO;
using System.Threading;
using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>
/// Reads event files and streams: detects gzip (by its magic bytes, <see cref="GzipReader"/>), then UTF-16 text
/// in what it holds (a byte-order mark, as Windows PowerShell 5.1's <c>Out-File</c> writes, or the zero bytes of
/// ASCII text in UTF-16), and feeds the bytes to a <see cref="RecordSplitter"/> chunk by chunk. Input problems
/// become <see cref="ReadError"/>s; reading never throws for bad input. Files that are not regular files (FIFOs,
/// devices) and streams that cannot seek (standard input) are read so that cancellation (Ctrl+C) still works when
/// they block.
/// </summary>
public static class EventInput
{
    private const int ChunkSize = 256 * 1024;

    /// <summary>Reads one file; false when it cannot be opened (one error reported). Progress reports (bytes of the
    /// file read so far, file length).</summary>
    public static bool ReadFile(string path, IRecordConsumer consumer, Action<long, long>? progress = null, CancellationToken cancellation = default, long maxRecordBytes = RecordSplitter.DefaultMaxRecordBytes)
    {
        FileStream stream;
        bool regular = !FileStatus.TryGet(path, out var status) || status.Kind == FileKind.Regular || status.Kind == FileKind.Unknown;
        try
        {
            stream = regular
                ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan)
                : CancellableReads.Open(path, cancellation);
        }
        catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
        {
            consumer.OnError(new ReadError(ReadErrorIds.FileNotFound, new EventSource(path, 0), "file not found"));
            return false;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
        {
            consumer.OnError(new ReadError(ReadErrorIds.FileReadError, new EventSource(path, 0), "cannot open the file: " + ex.Message));
            return false;
        }
        using (stream)
        {
            long length = SafeLength(stream);
            return ReadStream(stream, path, consumer, progress == null ? null : read => progress(read, length), cancellation, maxRecordBytes);
        }
    }

    /// <summary>Reads a stream (standard input, a file). Progress reports raw bytes read from the stream. False when
    /// nothing at all could be read from it (one error reported).</summary>
    public static bool ReadStream(Stream stream, string displayPath, IRecordConsumer consumer, Action<long>? progress = null, CancellationToken cancellation = default, long maxRecordBytes = RecordSplitter.DefaultMaxRecordBytes)
    {
        if (!stream.CanSeek) stream = new CancellableReadStream(stream, cancellation);
        var counting = new CountingStream(stream);
        using var splitter = new RecordSplitter(displayPath, consumer, maxRecordBytes: maxRecordBytes);
        var head = new byte[4];
        int headLength;
        try
        {
            headLength = ReadAtLeast(counting, head, 2);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            consumer.OnError(new ReadError(ReadErrorIds.FileReadError, new EventSource(displayPath, 0), "read failed: " + ex.Message));
            return false;
        }
        Stream content = new PrefixedStream(head, headLength, counting);
        GzipReader? gzip = headLength >= 2 && head[0] == 0x1F && head[1] == 0x8B ? new GzipReader(content) : null;
        if (gzip != null) content = gzip;
        content = new GuardedStream(content);
        try
        {
            // The encoding is told by the text, so it is looked for after decompression.
            var sniff = new byte[4];
            int sniffLength = ReadAtLeast(content, sniff, 4);
            bool? bigEndian = Utf16ByteOrder(sniff, sniffLength);
            content = new PrefixedStream(sniff, sniffLength, content);
            if (bigEndian is bool be) FeedTranscoded(content, splitter, counting, new Utf16Transcoder(be), progress, cancellation);
            else Feed(content, splitter, counting, progress, cancellation);
            splitter.Drain(isFinal: true);
        }
        catch (InputFailedException failure) when (failure.InnerException is GzipDataException ex)
        {
            // The good records are out; what came after the cut has no end to read: report only the cut.
            if (ex.Problem != GzipProblem.Truncated) splitter.Drain(isFinal: true);
            else splitter.DrainCompleteRecords();
            string note = ex.Problem == GzipProblem.Checksum ? ": records read from this file may be damaged" : "";
            consumer.OnError(new ReadError(ReadErrorIds.CorruptCompressedStream, new EventSource(displayPath, 0), ex.Message + note));
        }
        catch (InputFailedException failure) when (failure.InnerException is InvalidDataException ex)
        {
            consumer.OnError(new ReadError(ReadErrorIds.CorruptCompressedStream, new EventSource(displayPath, 0),
                // Deflate damage is often caught only later, after damaged bytes were decoded: say so, rather than
                // suggest everything before was sound.
                "corrupt gzip data, detected after " + (gzip?.BytesDecompressed ?? splitter.BytesConsumed) + " decompressed bytes (" + ex.Message.TrimEnd('.') +
                "): records read from this file may be damaged, and the rest of it cannot be read"));
        }
        catch (InputFailedException failure)
        {
            consumer.OnError(new ReadError(ReadErrorIds.FileReadError, new EventSource(displayPath, 0), "read failed after " + counting.BytesRead + " bytes: " + failure.InnerException!.Message));
        }
        return true;
    }

    /// <summary>UTF-16 by its byte-order mark, or by ASCII text with every other byte zero (<c>{\0"\0</c>): true for
    /// big-endian, false for little-endian, null for anything else (UTF-8).</summary>
    private static bool? Utf16ByteOrder(byte[] head, int length)
    {
        if (length < 2) return null;
        if (head[0] == 0xFF && head[1] == 0xFE) return false;
        if (head[0] == 0xFE && head[1] == 0xFF) return true;
        if (length < 4) return null;
        if (head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0) return false;
        if (head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0) return true;
        return null;
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

    private static void FeedTranscoded(Stream content, RecordSplitter splitter, CountingStream raw, Utf16Transcoder transcoder, Action<long>? progress, CancellationToken cancellation)
    {
        const int Piece = ChunkSize / 4;
        var input = new byte[Piece];
        var output = new byte[Utf16Transcoder.MaxOutput(Piece)];
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            int read = content.Read(input, 0, input.Length);
            int count = transcoder.Convert(new ReadOnlySpan<byte>(input, 0, read), output, final: read == 0);
            splitter.Append(new ReadOnlySpan<byte>(output, 0, count));
            progress?.Invoke(raw.BytesRead);
            if (read == 0 || splitter.Stopped) return;
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
