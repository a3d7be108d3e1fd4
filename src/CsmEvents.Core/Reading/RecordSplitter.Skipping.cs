using System;
using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>
/// The record-size limit. A record that grows past it is reported at once (one
/// <see cref="ReadErrorIds.RecordTooLarge"/> error at its first line) and then skipped without being kept: a JSON
/// line up to its line feed, an array element or a document up to the bracket that closes it, found by a small
/// scanner that keeps only its nesting depth and whether it is inside a string. Memory therefore stays bounded by
/// the limit whatever the input (a 2 GiB line, /dev/zero, a gzip bomb), and the record after the big one is read.
/// </summary>
public sealed partial class RecordSplitter
{
    private enum SkipKind { None, ToLineEnd, ToValueEnd }

    private SkipKind _skip;
    private ValueEndScanner _valueEnd;

    /// <summary>Reports the record at _start as too large and skips it.</summary>
    private bool StartSkippingTooLarge(SkipKind kind)
    {
        if (_form == Form.Unknown) _form = kind == SkipKind.ToLineEnd ? Form.Lines : Form.Document;
        ReportTooLarge(_line, kind == SkipKind.ToLineEnd ? "skipped up to the end of its line" : "skipped up to its end");
        if (_form == Form.Array)
        {
            _arrayIndex++;
            _arrayState = ArrayState.ExpectCommaOrEnd;
        }
        _skip = kind;
        _valueEnd = default;
        _newlineSearchedTo = 0;
        _retryWhenFilledTo = 0;
        return true;
    }

    private void ReportTooLarge(long line, string what) =>
        _consumer.OnError(new ReadError(ReadErrorIds.RecordTooLarge, new EventSource(_path, line),
            "record larger than the record-size limit of " + SizeText.Format(_maxRecordBytes) + ": " + what +
            ", and reading goes on after it (a larger limit: --max-record-size, -MaxRecordSize)"));

    /// <summary>Consumes what is buffered of the record being skipped; true once it has ended.</summary>
    private bool ContinueSkip(bool isFinal)
    {
        int consumed;
        bool ended;
        if (_skip == SkipKind.ToLineEnd)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            ended = newline >= 0;
            consumed = ended ? newline + 1 - _start : _end - _start;
        }
        else
        {
            int end = _valueEnd.Advance(Live());
            ended = end >= 0;
            consumed = ended ? end : _end - _start;
        }
        ConsumeCountingLines(consumed);
        if (ended && _skip == SkipKind.ToLineEnd) _lineIndent = 0;
        if (ended || isFinal)
        {
            _skip = SkipKind.None;
            return true;
        }
        return false;
    }

    /// <summary>Finds where a JSON value ends without keeping it: only the bracket depth and the string state are
    /// remembered between pieces. It does not check the value (a record this large is skipped anyway).</summary>
    private struct ValueEndScanner
    {
        private int _depth;
        private bool _started;
        private bool _inString;
        private bool _escaped;
        private bool _inScalar;

        /// <summary>The index just after the value's end in <paramref name="span"/>, or -1 when it goes on.</summary>
        public int Advance(ReadOnlySpan<byte> span)
        {
            for (int i = 0; i < span.Length; i++)
            {
                byte b = span[i];
                if (_inString)
                {
                    if (!_escaped && b != (byte)'"' && b != (byte)'\\')
                    {
                        // Most of a huge record is one string: jump to its next quote or backslash.
                        int next = span.Slice(i).IndexOfAny((byte)'"', (byte)'\\');
                        if (next < 0) return -1;
                        i += next - 1;
                        continue;
                    }
                    if (_escaped) _escaped = false;
                    else if (b == (byte)'\\') _escaped = true;
                    else if (b == (byte)'"')
                    {
                        _inString = false;
                        if (_depth == 0) return i + 1;
                    }
                    continue;
                }
                if (_inScalar)
                {
                    if (b == (byte)',' || b == (byte)']' || b == (byte)'}' || b == (byte)' ' || b == (byte)'\n' || b == (byte)'\r' || b == (byte)'\t') return i;
                    continue;
                }
                if (!_started)
                {
                    _started = true;
                    if (b == (byte)'{' || b == (byte)'[') _depth = 1;
                    else if (b == (byte)'"') _inString = true;
                    else _inScalar = true;
                    continue;
                }
                if (b == (byte)'"') _inString = true;
                else if (b == (byte)'{' || b == (byte)'[') _depth++;
                else if ((b == (byte)'}' || b == (byte)']') && --_depth <= 0) return i + 1;
            }
            return -1;
        }
    }
}
