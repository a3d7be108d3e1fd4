using System;
using System.Buffers;
using System.Text.Json;
using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>
/// Splits a stream of UTF-8 bytes into event records, incrementally: bytes are appended as they arrive (file
/// chunks, stdin, pipeline strings) and complete records are handed to the consumer at once. The input form is
/// detected from the content:
/// <list type="bullet">
/// <item>JSON lines (also a single one-line object): one record per line; a bad line is one error and reading
/// goes on with the next line.</item>
/// <item>A JSON array: each element is a record, streamed (a 1 GB array never sits in memory).</item>
/// <item>A document: one or more multi-line (pretty-printed) objects one after another.</item>
/// <item>No JSON at all (a text document, a binary file): one <see cref="ReadErrorIds.NotJson"/> error, and the
/// input is not read further.</item>
/// </list>
/// Memory is bounded by the record-size limit whatever the input: a record larger than it is skipped with one
/// <see cref="ReadErrorIds.RecordTooLarge"/> error without being held in memory, and reading resumes after it
/// (RecordSplitter.Skipping.cs). A broken element of an array or a broken document costs only that record: reading
/// resynchronises at the next record that can be found unambiguously (RecordSplitter.Resync.cs).
/// Each record then goes through <see cref="DatadogEnvelopes"/>, which unwraps Datadog Logs API pages and records.
/// </summary>
public sealed partial class RecordSplitter : IDisposable
{
    /// <summary>The record-size limit when none is given: far above any real event (a few KB), far below memory.</summary>
    public const long DefaultMaxRecordBytes = 256L * 1024 * 1024;

    /// <summary>The largest limit that can be set: a record must fit in one .NET array, with room to spare.</summary>
    public const long MaxMaxRecordBytes = 1024L * 1024 * 1024;

    /// <summary>The smallest limit that can be set.</summary>
    public const long MinMaxRecordBytes = 1024;

    private enum Form { Unknown, Lines, Array, Document }

    private enum ArrayState { ExpectFirstValueOrEnd, ExpectValue, ExpectCommaOrEnd, Done }

    private static readonly JsonReaderOptions ScanOptions = new() { MaxDepth = CsmEventParser.MaxDepth };

    private readonly string _path;
    private readonly IRecordConsumer _consumer;
    private readonly int _maxRecordBytes;
    private readonly int _initialBufferSize;
    private byte[] _buffer;
    private bool _bufferPooled;
    private int _start;            // first unconsumed byte
    private int _end;              // end of valid data
    private long _line = 1;        // line number of _buffer[_start]
    private long _offset;          // absolute byte offset of _buffer[_start]
    private int _lineIndent;       // spaces and tabs since the last line feed before _start, or -1 after other text
    private Form _form = Form.Unknown;
    private ArrayState _arrayState;
    private long _arrayIndex;
    private bool _bomChecked;
    private bool _stopped;
    private int _newlineSearchedTo; // bytes from _start already known to hold no newline (Lines form)
    private int _retryWhenFilledTo; // an incomplete value is re-scanned only when the buffer has grown this far

    public RecordSplitter(string path, IRecordConsumer consumer, int initialBufferSize = 64 * 1024, long maxRecordBytes = DefaultMaxRecordBytes)
    {
        if (maxRecordBytes < MinMaxRecordBytes || maxRecordBytes > MaxMaxRecordBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRecordBytes), "the record-size limit must be between " + SizeText.Format(MinMaxRecordBytes) + " and " + SizeText.Format(MaxMaxRecordBytes));
        }
        _path = path;
        _consumer = consumer;
        _maxRecordBytes = (int)maxRecordBytes;
        _initialBufferSize = initialBufferSize;
        _buffer = ArrayPool<byte>.Shared.Rent(initialBufferSize);
        _bufferPooled = true;
    }

    /// <summary>Size of the buffer now: bounded by the record-size limit, whatever the input.</summary>
    internal int BufferCapacity => _buffer.Length;

    /// <summary>Number of input bytes consumed so far (for progress).</summary>
    public long BytesConsumed => _offset;

    /// <summary>True once the rest of this input is not read: it holds no JSON at all, or it cannot be read
    /// reliably any more.</summary>
    public bool Stopped => _stopped;

    /// <summary>Space to write at least <paramref name="sizeHint"/> more bytes into; call <see cref="Advance"/> after.</summary>
    public Memory<byte> GetWriteBuffer(int sizeHint)
    {
        int live = _end - _start;
        if (_buffer.Length - _end < sizeHint || ShouldShrink(live, sizeHint))
        {
            if (!ShouldShrink(live, sizeHint) && _start > 0 && _buffer.Length - live >= sizeHint && live < _buffer.Length / 2)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, live); // compact
            }
            else
            {
                Replace(NewSize(live, sizeHint), live);
            }
            _retryWhenFilledTo -= _start;
            _end = live;
            _start = 0;
        }
        return new Memory<byte>(_buffer, _end, _buffer.Length - _end);
    }

    /// <summary>Doubling, computed in 64 bits: past 1 GiB, <c>Length * 2</c> overflows and the buffer would grow
    /// by one chunk at a time, copying everything each time. Live data never passes the record-size limit by more
    /// than a chunk (longer records are skipped), so the step that would reach the limit takes the whole ceiling
    /// at once: one copy fewer of the largest size.</summary>
    private int NewSize(int live, int sizeHint)
    {
        long needed = (long)live + sizeHint;
        long ceiling = Math.Max(needed, (long)_maxRecordBytes + 2L * sizeHint);
        long size = ShouldShrink(live, sizeHint) ? Math.Max(needed, _initialBufferSize) : Math.Max(needed, 2L * _buffer.Length);
        if (size >= _maxRecordBytes) size = ceiling;
        return (int)Math.Min(size, 0x7FFFFFC7); // the largest byte[] .NET allows
    }

    // After a huge record, give the memory back rather than keep a buffer sized for it for the rest of the input.
    private bool ShouldShrink(int live, int sizeHint) => _buffer.Length > 16 * _initialBufferSize && (long)live + sizeHint <= _buffer.Length / 8;

    private void Replace(int size, int live)
    {
        // The pool serves arrays up to 1 GiB in powers of two: a 300 MB need would take a 512 MB array. Past a few
        // megabytes allocate exactly what is needed.
        bool pooled = size <= 4 * 1024 * 1024;
        var bigger = pooled ? ArrayPool<byte>.Shared.Rent(size) : new byte[size];
        Buffer.BlockCopy(_buffer, _start, bigger, 0, live);
        ReturnBuffer();
        _buffer = bigger;
        _bufferPooled = pooled;
    }

    private void ReturnBuffer()
    {
        if (_bufferPooled) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = Array.Empty<byte>();
        _bufferPooled = false;
    }

    public void Advance(int count) => _end += count;

    /// <summary>Appends bytes (copying them) and hands over the records they complete. Large pieces (a whole file
    /// piped as one string) are taken a chunk at a time, so that the size limit bounds the buffer here too.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        const int Piece = 256 * 1024;
        while (bytes.Length > 0 && !_stopped)
        {
            var piece = bytes.Slice(0, Math.Min(bytes.Length, Piece));
            piece.CopyTo(GetWriteBuffer(piece.Length).Span);
            Advance(piece.Length);
            Drain(isFinal: false);
            bytes = bytes.Slice(piece.Length);
        }
    }

    /// <summary>The input was cut off (a truncated gzip file): hands over the records already complete, even those
    /// whose scan was put off until more bytes came, and reports nothing about the incomplete rest.</summary>
    public void DrainCompleteRecords()
    {
        _retryWhenFilledTo = 0;
        Drain(isFinal: false);
    }

    /// <summary>Hands over every complete record. With <paramref name="isFinal"/> the input has ended: what remains
    /// is the last record, or an error if it is incomplete.</summary>
    public void Drain(bool isFinal)
    {
        while (!_stopped)
        {
            if (!_bomChecked)
            {
                if (_end - _start < 3 && !isFinal) return;
                if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF) Consume(3);
                _bomChecked = true;
            }
            bool progressed;
            if (_skip != SkipKind.None) progressed = ContinueSkip(isFinal);
            else if (_resync != null) progressed = ContinueResync(isFinal);
            else progressed = _form switch
            {
                Form.Unknown => DetectForm(isFinal),
                Form.Lines => NextLine(isFinal),
                Form.Array => NextArrayElement(isFinal),
                _ => NextDocument(isFinal),
            };
            if (!progressed) return;
        }
        _start = _end; // discard the rest of an input that is not read
    }

    private bool DetectForm(bool isFinal)
    {
        SkipWhitespace();
        if (_start == _end) return false;
        byte first = _buffer[_start];
        if (first == (byte)'[')
        {
            _form = Form.Array;
            _arrayState = ArrayState.ExpectFirstValueOrEnd;
            Consume(1);
            return true;
        }
        if (first != (byte)'{') return DetectTextOrLines(isFinal);
        // An object: one per line (JSON lines), or a pretty-printed document spanning lines? A document's first
        // line is its brace alone; a first line with more on it is a JSON line, even when it is broken (its error
        // is then that line's alone, and the next lines are read).
        if (FirstLineIsBraceAlone(isFinal) is bool braceAlone)
        {
            if (braceAlone)
            {
                _form = Form.Document;
                return true;
            }
        }
        else
        {
            if (_end - _start > _maxRecordBytes) return StartSkippingTooLarge(SkipKind.ToLineEnd);
            return false;
        }
        // The usual case: the first line is one complete object, so this is JSON lines. Only the first line is
        // scanned, so a long first record is recognised as soon as its line ends.
        int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
        if (newline < 0 && !isFinal)
        {
            if (_end - _start > _maxRecordBytes) return StartSkippingTooLarge(SkipKind.ToLineEnd);
            return false;
        }
        if (newline >= 0 && LineIsOneValue(newline))
        {
            _form = Form.Lines;
            return true;
        }
        // A value with text on its first line that goes on over more lines, or a broken first line.
        var scan = ScanValue(isFinal, out _, out _);
        if (scan == Scan.NeedMore)
        {
            if (_end - _start > _maxRecordBytes) return StartSkippingTooLarge(SkipKind.ToLineEnd);
            return false;
        }
        _form = scan == Scan.Complete && Array.IndexOf(_buffer, (byte)'\n', _start, _scanLength) >= 0 ? Form.Document : Form.Lines;
        return true;
    }

    /// <summary>Whether the line from _start to <paramref name="newline"/> holds one complete JSON value.</summary>
    private bool LineIsOneValue(int newline)
    {
        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, newline - _start), isFinalBlock: true, new JsonReaderState(ScanOptions));
        try
        {
            return reader.Read() && reader.TrySkip();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether the first line holds only the opening brace (and whitespace); null while it is incomplete.</summary>
    private bool? FirstLineIsBraceAlone(bool isFinal)
    {
        for (int i = _start + 1; i < _end; i++)
        {
            byte b = _buffer[i];
            if (b == (byte)'\n') return true;
            if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r') return false;
        }
        return isFinal ? false : null;
    }

    private bool NextLine(bool isFinal)
    {
        int searchFrom = _start + _newlineSearchedTo;
        int newline = searchFrom < _end ? Array.IndexOf(_buffer, (byte)'\n', searchFrom, _end - searchFrom) : -1;
        int lineEnd;
        int consumed;
        if (newline >= 0)
        {
            lineEnd = newline;
            consumed = newline - _start + 1;
        }
        else
        {
            _newlineSearchedTo = _end - _start;
            if (_end - _start > _maxRecordBytes) return StartSkippingTooLarge(SkipKind.ToLineEnd);
            if (!isFinal || _start == _end) return false;
            lineEnd = _end;
            consumed = _end - _start;
        }
        _newlineSearchedTo = 0;
        int contentEnd = lineEnd;
        if (contentEnd > _start && _buffer[contentEnd - 1] == (byte)'\r') contentEnd--;
        var content = new ReadOnlySpan<byte>(_buffer, _start, contentEnd - _start);
        long line = _line;
        long offset = _offset;
        _start += consumed;
        _offset += consumed;
        _line++;
        _lineIndent = 0;
        if (content.Length > _maxRecordBytes) ReportTooLarge(line, "skipped up to the end of its line");
        else if (!IsBlank(content)) DatadogEnvelopes.Dispatch(content, new EventSource(_path, line), offset, _consumer);
        return true;
    }

    private bool NextArrayElement(bool isFinal)
    {
        SkipWhitespace();
        if (_start == _end)
        {
            if (isFinal && _arrayState != ArrayState.Done) Fail(ReadErrorIds.InvalidJson, _line, "invalid JSON: the file ends inside the JSON array (truncated?)");
            return false;
        }
        byte b = _buffer[_start];
        switch (_arrayState)
        {
            case ArrayState.Done:
                if (b == (byte)'[')
                {
                    // Arrays one after another (files concatenated with cat): read the next one too.
                    _arrayState = ArrayState.ExpectFirstValueOrEnd;
                    Consume(1);
                    return true;
                }
                StartResync(ReadErrorIds.InvalidJson, "invalid JSON" + RecordCheck.At(Live(), 0, new EventSource(_path, _line)) + ": text after the end of the JSON array", _start, Form.Document);
                return true;
            case ArrayState.ExpectCommaOrEnd:
                if (b == (byte)',') _arrayState = ArrayState.ExpectValue;
                else if (b == (byte)']') _arrayState = ArrayState.Done;
                else
                {
                    StartResync(ReadErrorIds.InvalidJson, "invalid JSON: expected ',' or ']' after array element " + (_arrayIndex - 1), _start, Form.Array);
                    return true;
                }
                Consume(1);
                return true;
            default:
                if (b == (byte)']' && _arrayState == ArrayState.ExpectFirstValueOrEnd)
                {
                    _arrayState = ArrayState.Done;
                    Consume(1);
                    return true;
                }
                int indent = _lineIndent;
                var scan = ScanValue(isFinal, out var error, out int failedAt);
                if (scan == Scan.NeedMore) return _end - _start > _maxRecordBytes && StartSkippingTooLarge(SkipKind.ToValueEnd);
                if (scan == Scan.Invalid)
                {
                    var (id, reason) = error!.Value;
                    StartResync(id, reason + " (array element " + _arrayIndex + ")", failedAt, Form.Array);
                    return true;
                }
                long line = _line;
                long offset = _offset;
                long index = _arrayIndex++;
                _arrayState = ArrayState.ExpectCommaOrEnd;
                if (_scanLength > _maxRecordBytes)
                {
                    ConsumeCountingLines(_scanLength);
                    ReportTooLarge(line, "skipped up to its end");
                    return true;
                }
                RememberIndent(indent);
                var element = new ReadOnlySpan<byte>(_buffer, _start, _scanLength);
                ConsumeCountingLines(_scanLength);
                DatadogEnvelopes.Dispatch(element, new EventSource(_path, line, index), offset, _consumer);
                return true;
        }
    }

    private bool NextDocument(bool isFinal)
    {
        SkipWhitespace();
        if (_start == _end) return false;
        int indent = _lineIndent;
        var scan = ScanValue(isFinal, out var error, out int failedAt);
        if (scan == Scan.NeedMore) return _end - _start > _maxRecordBytes && StartSkippingTooLarge(SkipKind.ToValueEnd);
        if (scan == Scan.Invalid)
        {
            var (id, reason) = error!.Value;
            StartResync(id, reason, failedAt, Form.Document);
            return true;
        }
        long line = _line;
        long offset = _offset;
        if (_scanLength > _maxRecordBytes)
        {
            ConsumeCountingLines(_scanLength);
            ReportTooLarge(line, "skipped up to its end");
            return true;
        }
        RememberIndent(indent);
        var value = new ReadOnlySpan<byte>(_buffer, _start, _scanLength);
        ConsumeCountingLines(_scanLength);
        DatadogEnvelopes.Dispatch(value, new EventSource(_path, line), offset, _consumer);
        return true;
    }

    private ReadOnlySpan<byte> Live() => new(_buffer, _start, _end - _start);

    private enum Scan { Complete, NeedMore, Invalid }

    private int _scanLength;

    /// <summary>Finds the end of the JSON value starting at _start. An incomplete value is scanned again only once
    /// the buffer has doubled (or reached the record-size limit), so a huge value costs linear time, not quadratic.
    /// On failure, <paramref name="failedAt"/> is the buffer index of the start of the line the error is on.</summary>
    private Scan ScanValue(bool isFinal, out (string Id, string Reason)? error, out int failedAt) => ScanValueAt(_start, isFinal, out error, out failedAt);

    private Scan ScanValueAt(int from, bool isFinal, out (string Id, string Reason)? error, out int failedAt)
    {
        error = null;
        failedAt = from;
        if (!isFinal && _end < _retryWhenFilledTo) return Scan.NeedMore;
        // Only the first limit + 1 bytes count: past them the record is too large whatever follows, and the verdict
        // must not depend on how much of the input happened to be buffered (one read, or a trickle from a pipe).
        int available = _end - from;
        bool cutAtLimit = available > _maxRecordBytes + 1L;
        var span = new ReadOnlySpan<byte>(_buffer, from, cutAtLimit ? _maxRecordBytes + 1 : available);
        isFinal &= !cutAtLimit;
        var reader = new Utf8JsonReader(span, isFinal, new JsonReaderState(ScanOptions));
        try
        {
            if (!reader.Read() || ((reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip()))
            {
                if (isFinal)
                {
                    error = (ReadErrorIds.InvalidJson, "invalid JSON: the input ends before the value is complete (truncated?)");
                    failedAt = _end;
                    return Scan.Invalid;
                }
                // Doubling keeps re-scans of a huge value linear in total. No large floor: on a slow stream
                // (tail -f | csm-events get) a small event must be found as soon as its last byte arrives.
                long live = _end - from;
                _retryWhenFilledTo = from + (int)Math.Min(Math.Max(2 * live, 16), (long)_maxRecordBytes + 1);
                return Scan.NeedMore;
            }
            _retryWhenFilledTo = 0;
            _scanLength = (int)reader.BytesConsumed;
            return Scan.Complete;
        }
        catch (JsonException ex)
        {
            _retryWhenFilledTo = 0;
            error = JsonErrorText.Describe(ex, _line + CountNewlines(new ReadOnlySpan<byte>(_buffer, _start, from - _start)), partialInput: true); // scans see what is buffered: the same message however it came
            failedAt = LineStartAfter(from, ex.LineNumber ?? 0);
            return Scan.Invalid;
        }
    }

    /// <summary>The buffer index where the line <paramref name="lines"/> lines after the one holding
    /// <paramref name="from"/> starts (<paramref name="from"/> itself for 0).</summary>
    private int LineStartAfter(int from, long lines)
    {
        int at = from;
        for (long k = 0; k < lines; k++)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', at, _end - at);
            if (newline < 0) return _end;
            at = newline + 1;
        }
        return at;
    }

    private void Fail(string id, long line, string reason)
    {
        _stopped = true;
        _consumer.OnError(new ReadError(id, new EventSource(_path, line), reason));
    }

    private void SkipWhitespace()
    {
        while (_start < _end)
        {
            byte b = _buffer[_start];
            if (b == (byte)'\n')
            {
                _line++;
                _lineIndent = 0;
            }
            else if (b == (byte)' ' || b == (byte)'\t')
            {
                if (_lineIndent >= 0) _lineIndent++;
            }
            else if (b != (byte)'\r') return;
            _start++;
            _offset++;
        }
    }

    private void Consume(int count)
    {
        _start += count;
        _offset += count;
        _lineIndent = -1;
    }

    private void ConsumeCountingLines(int count)
    {
        _line += CountNewlines(new ReadOnlySpan<byte>(_buffer, _start, count));
        Consume(count);
    }

    internal static int CountNewlines(ReadOnlySpan<byte> span)
    {
        int count = 0;
        int at;
        while ((at = span.IndexOf((byte)'\n')) >= 0)
        {
            count++;
            span = span.Slice(at + 1);
        }
        return count;
    }

    private static bool IsBlank(ReadOnlySpan<byte> span)
    {
        foreach (byte b in span)
        {
            if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r') return false;
        }
        return true;
    }

    public void Dispose() => ReturnBuffer();
}
