using System;
using System.Buffers;
using System.Text.Json;
using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>
/// Splits a stream of UTF-8 bytes into event records, incrementally: bytes are appended as they arrive (file
/// chunks, stdin, pipeline strings) and complete records are handed to the consumer at once, so memory is bounded
/// by the largest single record whatever the input size. The input form is detected from the content:
/// <list type="bullet">
/// <item>JSON lines (also a single one-line object): one record per line; a bad line is one error and reading
/// goes on with the next line.</item>
/// <item>A JSON array: each element is a record, streamed (a 1 GB array never sits in memory).</item>
/// <item>A document: one or more multi-line (pretty-printed) objects one after another.</item>
/// </list>
/// Each record then goes through <see cref="DatadogEnvelopes"/>, which unwraps Datadog Logs API pages and records.
/// </summary>
public sealed class RecordSplitter : IDisposable
{
    private enum Form { Unknown, Lines, Array, Document }

    private enum ArrayState { ExpectFirstValueOrEnd, ExpectValue, ExpectCommaOrEnd, Done }

    private static readonly JsonReaderOptions ScanOptions = new() { MaxDepth = CsmEventParser.MaxDepth };

    private readonly string _path;
    private readonly IRecordConsumer _consumer;
    private byte[] _buffer;
    private int _start;            // first unconsumed byte
    private int _end;              // end of valid data
    private long _line = 1;        // line number of _buffer[_start]
    private long _offset;          // absolute byte offset of _buffer[_start]
    private Form _form = Form.Unknown;
    private ArrayState _arrayState;
    private long _arrayIndex;
    private bool _bomChecked;
    private bool _stopped;
    private int _newlineSearchedTo; // bytes from _start already known to hold no newline (Lines form)
    private int _retryWhenFilledTo; // an incomplete value is re-scanned only when the buffer has grown this far

    public RecordSplitter(string path, IRecordConsumer consumer, int initialBufferSize = 64 * 1024)
    {
        _path = path;
        _consumer = consumer;
        _buffer = ArrayPool<byte>.Shared.Rent(initialBufferSize);
    }

    /// <summary>Size of the buffer now: bounded by the largest record, whatever the input size.</summary>
    internal int BufferCapacity => _buffer.Length;

    /// <summary>Number of input bytes consumed so far (for progress).</summary>
    public long BytesConsumed => _offset;

    /// <summary>True after an error that makes the rest of this input unreadable (inside a broken array or document).</summary>
    public bool Stopped => _stopped;

    /// <summary>Space to write at least <paramref name="sizeHint"/> more bytes into; call <see cref="Advance"/> after.</summary>
    public Memory<byte> GetWriteBuffer(int sizeHint)
    {
        if (_buffer.Length - _end < sizeHint)
        {
            int live = _end - _start;
            if (_start > 0 && _buffer.Length - live >= sizeHint && live < _buffer.Length / 2)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, live); // compact
            }
            else
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, live + sizeHint));
                Buffer.BlockCopy(_buffer, _start, bigger, 0, live);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            _retryWhenFilledTo -= _start;
            _end = live;
            _start = 0;
        }
        return new Memory<byte>(_buffer, _end, _buffer.Length - _end);
    }

    public void Advance(int count) => _end += count;

    /// <summary>Appends bytes (copying them) and hands over the records they complete.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetWriteBuffer(bytes.Length).Span);
        Advance(bytes.Length);
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
            bool progressed = _form switch
            {
                Form.Unknown => DetectForm(isFinal),
                Form.Lines => NextLine(isFinal),
                Form.Array => NextArrayElement(isFinal),
                _ => NextDocument(isFinal),
            };
            if (!progressed) return;
        }
        _start = _end; // discard the rest of an input that cannot be read reliably
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
        if (first != (byte)'{')
        {
            _form = Form.Lines;
            return true;
        }
        // An object: one per line (JSON lines), or a pretty-printed document spanning lines?
        var scan = ScanValue(isFinal, out _);
        if (scan == Scan.NeedMore) return false;
        if (scan == Scan.Complete && Array.IndexOf(_buffer, (byte)'\n', _start, _scanLength) >= 0)
        {
            _form = Form.Document;
        }
        else
        {
            _form = Form.Lines; // includes a broken first line: the line form reports it and reads on
        }
        return true;
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
        if (!IsBlank(content)) DatadogEnvelopes.Dispatch(content, new EventSource(_path, line), offset, _consumer);
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
                Fail(ReadErrorIds.InvalidJson, _line, "invalid JSON: unexpected text after the end of the JSON array");
                return false;
            case ArrayState.ExpectCommaOrEnd:
                if (b == (byte)',') _arrayState = ArrayState.ExpectValue;
                else if (b == (byte)']') _arrayState = ArrayState.Done;
                else
                {
                    Fail(ReadErrorIds.InvalidJson, _line, "invalid JSON: expected ',' or ']' after array element " + (_arrayIndex - 1) + "; the rest of the array cannot be read reliably");
                    return false;
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
                var scan = ScanValue(isFinal, out var error);
                if (scan == Scan.NeedMore) return false;
                if (scan == Scan.Invalid)
                {
                    var (id, reason) = error!.Value;
                    Fail(id, _line, reason + " (array element " + _arrayIndex + "; the rest of the array cannot be read reliably)");
                    return false;
                }
                var element = new ReadOnlySpan<byte>(_buffer, _start, _scanLength);
                long line = _line;
                long offset = _offset;
                long index = _arrayIndex++;
                ConsumeCountingLines(_scanLength);
                _arrayState = ArrayState.ExpectCommaOrEnd;
                DatadogEnvelopes.Dispatch(element, new EventSource(_path, line, index), offset, _consumer);
                return true;
        }
    }

    private bool NextDocument(bool isFinal)
    {
        SkipWhitespace();
        if (_start == _end) return false;
        var scan = ScanValue(isFinal, out var error);
        if (scan == Scan.NeedMore) return false;
        if (scan == Scan.Invalid)
        {
            var (id, reason) = error!.Value;
            Fail(id, _line, reason + " (the rest of this file cannot be read reliably)");
            return false;
        }
        var value = new ReadOnlySpan<byte>(_buffer, _start, _scanLength);
        long line = _line;
        long offset = _offset;
        ConsumeCountingLines(_scanLength);
        DatadogEnvelopes.Dispatch(value, new EventSource(_path, line), offset, _consumer);
        return true;
    }

    private enum Scan { Complete, NeedMore, Invalid }

    private int _scanLength;

    /// <summary>Finds the end of the JSON value starting at _start. An incomplete value is scanned again only once
    /// the buffer has doubled, so a huge value (a 20 MB string) costs linear time, not quadratic.</summary>
    private Scan ScanValue(bool isFinal, out (string Id, string Reason)? error)
    {
        error = null;
        if (!isFinal && _end < _retryWhenFilledTo) return Scan.NeedMore;
        var span = new ReadOnlySpan<byte>(_buffer, _start, _end - _start);
        var reader = new Utf8JsonReader(span, isFinal, new JsonReaderState(ScanOptions));
        try
        {
            if (!reader.Read() || ((reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip()))
            {
                if (isFinal)
                {
                    error = (ReadErrorIds.InvalidJson, "invalid JSON: the input ends before the value is complete (truncated?)");
                    return Scan.Invalid;
                }
                // Doubling keeps re-scans of a huge value linear in total. No large floor: on a slow stream
                // (tail -f | csm-events get) a small event must be found as soon as its last byte arrives.
                _retryWhenFilledTo = _start + Math.Max(2 * (_end - _start), 16);
                return Scan.NeedMore;
            }
            _retryWhenFilledTo = 0;
            _scanLength = (int)reader.BytesConsumed;
            return Scan.Complete;
        }
        catch (JsonException ex)
        {
            _retryWhenFilledTo = 0;
            error = JsonErrorText.Describe(ex, _line);
            return Scan.Invalid;
        }
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
            if (b == (byte)'\n') _line++;
            else if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r') return;
            _start++;
            _offset++;
        }
    }

    private void Consume(int count)
    {
        _start += count;
        _offset += count;
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

    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = Array.Empty<byte>();
    }
}
