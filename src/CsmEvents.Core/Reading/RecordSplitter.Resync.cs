using System;
using System.Globalization;
using System.Text;
using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>
/// Recovery inside arrays and documents. A broken element of a JSON array, or garbage between pretty-printed
/// documents, used to end the input: nothing after it was read. Now reading resynchronises at the next record that
/// can be found without guessing: a line that begins (after the indentation the good records had) with <c>{</c>,
/// after the line the error is on, whose value is complete JSON and, in an array, is followed by <c>,</c> or
/// <c>]</c>. Lines before the error line belong to the broken record: the parser went through them without
/// complaint, so a nested object there must not be taken for a record. The error names the byte range and the
/// lines skipped, so that nothing is lost silently. A one-line array has no line to resume at: the rest of it is
/// skipped, and the error says so.
/// </summary>
public sealed partial class RecordSplitter
{
    /// <summary>The indentation of the records read so far (pretty printers indent every element alike), or -1.</summary>
    private int _expectedIndent = -1;

    private ResyncState? _resync;

    private sealed class ResyncState
    {
        public ResyncState(string id, string reason, long line, long offset, Form resume, int indent)
        {
            Id = id;
            Reason = reason;
            Line = line;
            Offset = offset;
            Resume = resume;
            Indent = indent;
        }

        public string Id { get; }
        public string Reason { get; }
        public long Line { get; }
        public long Offset { get; }
        public Form Resume { get; }
        /// <summary>The indentation a record must begin at, or -1 for any.</summary>
        public int Indent { get; }
    }

    private void RememberIndent(int indent)
    {
        if (indent >= 0) _expectedIndent = indent;
    }

    /// <summary>The record at _start is broken; <paramref name="failedAt"/> is the start of the line the error was
    /// found on (or _start). Looks for the next record from there.</summary>
    private void StartResync(string id, string reason, int failedAt, Form resume)
    {
        if (failedAt >= _end && _end > _start)
        {
            // The input ended inside the record: nothing follows to resynchronise with.
            Fail(id, _line, reason);
            return;
        }
        int indent = resume == Form.Document ? 0 : _expectedIndent >= 0 ? _expectedIndent : _lineIndent;
        _resync = new ResyncState(id, reason, _line, _offset, resume, indent);
        if (failedAt > _start)
        {
            ConsumeCountingLines(failedAt - _start);
            _lineIndent = 0; // failedAt is the start of a line
        }
        _newlineSearchedTo = 0;
        _retryWhenFilledTo = 0;
    }

    /// <summary>Goes through the buffered lines looking for a record to resume at; true when the state changed.</summary>
    private bool ContinueResync(bool isFinal)
    {
        var state = _resync!;
        while (true)
        {
            if (_lineIndent < 0 && !SkipRestOfLine()) return EndOfInputDuringResync(isFinal);
            SkipWhitespace();
            if (_start == _end) return EndOfInputDuringResync(isFinal);
            bool candidate = _buffer[_start] == (byte)'{' && _lineIndent >= 0 && (state.Indent < 0 || _lineIndent == state.Indent);
            if (!candidate)
            {
                _lineIndent = -1;
                continue;
            }
            var scan = ScanValue(isFinal, out _, out _);
            if (scan == Scan.NeedMore)
            {
                if (_end - _start <= _maxRecordBytes) return false;
                _lineIndent = -1; // a candidate that large is no record we could read: look further
                continue;
            }
            if (scan == Scan.Invalid)
            {
                _lineIndent = -1;
                continue;
            }
            if (state.Resume == Form.Array)
            {
                int after = _start + _scanLength;
                while (after < _end && IsWhitespace(_buffer[after])) after++;
                if (after == _end && !isFinal) return false;
                if (after < _end && _buffer[after] != (byte)',' && _buffer[after] != (byte)']')
                {
                    _lineIndent = -1;
                    continue;
                }
            }
            ResumeAt(state);
            return true;
        }
    }

    private void ResumeAt(ResyncState state)
    {
        string skipped = _offset > state.Offset
            ? "; skipped " + Lines(state.Line, _line - 1) + " (" + Bytes(state.Offset, _offset - 1) + "); reading resumes at line " + _line.ToString(CultureInfo.InvariantCulture)
            : "; nothing skipped, reading goes on at line " + _line.ToString(CultureInfo.InvariantCulture);
        _resync = null;
        _form = state.Resume;
        if (_form == Form.Array)
        {
            _arrayIndex++; // the broken element
            _arrayState = ArrayState.ExpectValue;
        }
        _consumer.OnError(new ReadError(state.Id, new EventSource(_path, state.Line), state.Reason + skipped));
    }

    private bool EndOfInputDuringResync(bool isFinal)
    {
        if (!isFinal) return false;
        var state = _resync!;
        _resync = null;
        Fail(state.Id, state.Line, state.Reason + "; no further record could be found after it: skipped the rest of the input (" +
            Lines(state.Line, _line) + ", " + Bytes(state.Offset, Math.Max(state.Offset, _offset - 1)) + ")");
        return true;
    }

    /// <summary>Consumes up to and including the next line feed; false when the buffer ends first (all consumed).</summary>
    private bool SkipRestOfLine()
    {
        int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
        if (newline < 0)
        {
            Consume(_end - _start);
            return false;
        }
        Consume(newline + 1 - _start);
        _line++;
        _lineIndent = 0;
        return true;
    }

    private static bool IsWhitespace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

    private static string Lines(long first, long last) => first >= last
        ? "line " + first.ToString(CultureInfo.InvariantCulture)
        : "lines " + first.ToString(CultureInfo.InvariantCulture) + "-" + last.ToString(CultureInfo.InvariantCulture);

    private static string Bytes(long first, long last) => "bytes " + first.ToString(CultureInfo.InvariantCulture) + "-" + last.ToString(CultureInfo.InvariantCulture);

    /// <summary>The input does not start like JSON (no <c>{</c> or <c>[</c>): JSON lines whose first line is bad, or no
    /// JSON at all? Lines it is as soon as one line in the first 64 KiB begins with <c>{</c> or <c>[</c>, unless a NUL
    /// byte comes first (binary data: text never holds one, and random bytes would soon start a line with a
    /// brace); otherwise the whole input is one <see cref="ReadErrorIds.NotJson"/> error (a README given by mistake
    /// is one error, not one per line, and /dev/zero or /dev/urandom are not read for ever).</summary>
    private bool DetectTextOrLines(bool isFinal)
    {
        const int Window = 64 * 1024;
        int limit = Math.Min(_end, _start + Window);
        bool atLineStart = true;
        bool binary = false;
        for (int i = _start; i < limit && !binary; i++)
        {
            byte b = _buffer[i];
            if (b == (byte)'\n') atLineStart = true;
            else if (b == 0) binary = true;
            else if (atLineStart && (b == (byte)'{' || b == (byte)'['))
            {
                _form = Form.Lines;
                return true;
            }
            else if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r') atLineStart = false;
        }
        if (!binary && _end - _start < Window && !isFinal) return false;
        if (binary && _end - _start <= PreviewBytes && !isFinal) return false; // the message shows the same bytes however the input arrives
        string why = binary ? "holds NUL bytes (binary data)"
            : isFinal && _end - _start <= Window ? "none of its lines begins with '{' or '['"
            : "no line in its first 64 KiB begins with '{' or '['";
        Fail(ReadErrorIds.NotJson, _line, "not JSON events: the input begins with " + Preview(Live()) + " and " + why + ", so it was not read");
        return true;
    }

    /// <summary>The first bytes, quoted: printable ASCII as is, anything else as \xNN (binary input stays legible).</summary>
    private const int PreviewBytes = 32;

    private static string Preview(ReadOnlySpan<byte> bytes)
    {
        const int Max = PreviewBytes;
        var text = new StringBuilder("\"");
        int shown = Math.Min(bytes.Length, Max);
        for (int i = 0; i < shown; i++)
        {
            byte b = bytes[i];
            if (b == (byte)'\n') text.Append("\\n");
            else if (b == (byte)'"' || b == (byte)'\\') text.Append('\\').Append((char)b);
            else if (b >= 0x20 && b < 0x7F) text.Append((char)b);
            else text.Append("\\x").Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        if (bytes.Length > Max) text.Append("...");
        return text.Append('"').ToString();
    }
}
