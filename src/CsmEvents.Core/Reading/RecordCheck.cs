using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>
/// Decides whether one record is an event the reader accepts, and if not, says exactly why: one JSON object,
/// nested at most <see cref="CsmEventParser.MaxDepth"/> levels, nothing after it but whitespace, every string and
/// member name valid Unicode text (UTF-8 bytes, no escape for half of a surrogate pair), and no member name twice
/// in one object. <c>get</c> (through <see cref="EventRecordParsing"/>) and <c>test</c> both take their verdict and
/// message from here, so they never disagree about what is readable. The validator checks it before it looks at
/// a record (its keywords read strings as text); the event parser, which meets the same problems while it reads,
/// asks it only to describe a failure, so the hot path pays nothing.
/// </summary>
public static class RecordCheck
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = CsmEventParser.MaxDepth };

    // Member names of the objects open at each depth, reused across records (one set per thread).
    [ThreadStatic] private static List<NameSet>? _namesByDepth;

    /// <summary>Null when the record is acceptable; else the error a user sees (<c>PATH:LINE: reason</c>).</summary>
    public static ReadError? Check(ReadOnlySpan<byte> json, EventSource source) => Check(json, source, out _);

    /// <summary>As <see cref="Check(ReadOnlySpan{byte}, EventSource)"/>, and tells whether an acceptable record is
    /// already compact (no whitespace between its tokens, none around it), which the walk over its tokens shows
    /// for free: <c>get</c> then writes the record as it is, without looking for whitespace again.</summary>
    public static ReadError? Check(ReadOnlySpan<byte> json, EventSource source, out bool isCompact)
    {
        isCompact = false;
        var reader = new Utf8JsonReader(json, Options);
        var names = _namesByDepth ??= new List<NameSet>();
        try
        {
            if (!reader.Read()) return new ReadError(ReadErrorIds.InvalidJson, source, "invalid JSON: the record is empty");
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new ReadError(ReadErrorIds.NotAnObject, source, "the value is " + CsmEventParser.Describe(reader.TokenType) + ", not a JSON object; an event must be an object");
            }
            int objectDepth = 0;
            NamesAt(names, 0).Clear();
            // Most records are ASCII without \u escapes: then no string needs a look of its own.
            bool checkStrings = !Utf8Text.CannotHoldStringProblems(json);
            bool compact = reader.TokenStartIndex == 0;
            long previousEnd = reader.BytesConsumed;
            while (reader.Read())
            {
                if (compact) compact = FollowsCompactly(ref reader, json, previousEnd);
                previousEnd = reader.BytesConsumed;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        NamesAt(names, ++objectDepth).Clear();
                        break;
                    case JsonTokenType.EndObject:
                        objectDepth--;
                        break;
                    case JsonTokenType.PropertyName:
                        {
                            var problem = checkStrings ? StringProblem(ref reader, json, source) : null;
                            if (problem != null) return problem;
                            if (!NamesAt(names, objectDepth).Add(ref reader, json))
                            {
                                string name = reader.GetString()!;
                                return new ReadError(ReadErrorIds.DuplicateProperty, source, "duplicate property \"" + name + "\" in one object" + At(json, (int)reader.TokenStartIndex, source) + " (it cannot be kept without losing one of the values)");
                            }
                            break;
                        }
                    case JsonTokenType.String:
                        {
                            var problem = checkStrings ? StringProblem(ref reader, json, source) : null;
                            if (problem != null) return problem;
                            break;
                        }
                }
                if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject) break;
            }
            var trailing = TrailingText(json, (int)reader.BytesConsumed, source);
            isCompact = trailing == null && compact && reader.BytesConsumed == json.Length;
            return trailing;
        }
        catch (JsonException ex)
        {
            var (id, reason) = JsonErrorText.Describe(ex, source.Line);
            return new ReadError(id, source, reason);
        }
        finally
        {
            foreach (var set in names) set.Clear();
        }
    }

    /// <summary>True when the token at the reader follows the previous one (which ended at
    /// <paramref name="previousEnd"/>) with nothing between them but the comma the grammar needs. The reader counts
    /// a member name's colon, and any whitespace before it, as part of the name, so a name must span exactly its
    /// quotes, its bytes and the colon.</summary>
    private static bool FollowsCompactly(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, long previousEnd)
    {
        long gap = reader.TokenStartIndex - previousEnd;
        if (gap != 0 && !(gap == 1 && json[(int)previousEnd] == (byte)',')) return false;
        return reader.TokenType != JsonTokenType.PropertyName || reader.BytesConsumed - reader.TokenStartIndex == reader.ValueSpan.Length + 3;
    }

    private static NameSet NamesAt(List<NameSet> names, int depth)
    {
        while (names.Count <= depth) names.Add(new NameSet());
        return names[depth];
    }

    /// <summary>The member names of one object. Events have small objects with plain names: those are compared
    /// by their packed head and tail words (<see cref="Model.Json.MemberNameKey"/>), and by their bytes where they
    /// lie in the record only when both words match and the name is longer than the words hold, with no string
    /// made. Escaped names and large objects use a set of strings (linear search would be quadratic for an object
    /// with 100,000 members).</summary>
    private sealed class NameSet
    {
        private const int LinearLimit = 64;
        private ulong[] _heads = new ulong[16];
        private ulong[] _tails = new ulong[16];
        private int[] _starts = new int[16];
        private int[] _lengths = new int[16];
        private int _count;
        private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
        private bool _useStrings;

        public void Clear()
        {
            _count = 0;
            if (_useStrings) _strings.Clear();
            _useStrings = false;
        }

        /// <summary>False when the name at the reader is already in this object.</summary>
        public bool Add(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
        {
            if (!_useStrings && !reader.ValueIsEscaped && _count < LinearLimit)
            {
                var name = reader.ValueSpan;
                ulong head = Model.Json.MemberNameKey.Head(name);
                ulong tail = Model.Json.MemberNameKey.Tail(name);
                for (int i = 0; i < _count; i++)
                {
                    if (_heads[i] == head && _tails[i] == tail && _lengths[i] == name.Length &&
                        (name.Length <= Model.Json.MemberNameKey.HeadAndTailBytes || json.Slice(_starts[i], name.Length).SequenceEqual(name)))
                    {
                        return false;
                    }
                }
                if (_count == _heads.Length)
                {
                    Array.Resize(ref _heads, _count * 2);
                    Array.Resize(ref _tails, _count * 2);
                    Array.Resize(ref _starts, _count * 2);
                    Array.Resize(ref _lengths, _count * 2);
                }
                _heads[_count] = head;
                _tails[_count] = tail;
                _starts[_count] = (int)reader.TokenStartIndex + 1;
                _lengths[_count] = name.Length;
                _count++;
                return true;
            }
            if (!_useStrings)
            {
                _useStrings = true;
                // The names so far, from their bytes in the record (all plain: escaped names go to the set).
                for (int i = 0; i < _count; i++) _strings.Add(Encoding.UTF8.GetString(json.Slice(_starts[i], _lengths[i]).ToArray()));
            }
            return _strings.Add(reader.GetString()!);
        }
    }

    private static ReadError? StringProblem(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, EventSource source)
    {
        var problem = Utf8Text.FindProblem(reader.ValueSpan, reader.ValueIsEscaped, out int at, out int length, out int codeUnit);
        if (problem == Utf8Text.Problem.None) return null;
        // TokenStartIndex is the opening quote; ValueSpan starts after it.
        int index = (int)reader.TokenStartIndex + 1 + at;
        if (problem == Utf8Text.Problem.LoneSurrogate)
        {
            return new ReadError(ReadErrorIds.LoneSurrogate, source, "lone surrogate U+" + codeUnit.ToString("X4", CultureInfo.InvariantCulture) + At(json, index, source) +
                ": half of a UTF-16 surrogate pair is not a character, so the string cannot be read as text");
        }
        return new ReadError(ReadErrorIds.InvalidUtf8, source, "invalid UTF-8" + At(json, index, source) + ": " + Utf8Text.DescribeInvalid(reader.ValueSpan.Slice(at, length)));
    }

    /// <summary>An error for anything but whitespace after the record's object. A carriage return there means a
    /// file with CR-only line ends, read as one line: say so, since "text after the value" alone would puzzle.</summary>
    private static ReadError? TrailingText(ReadOnlySpan<byte> json, int end, EventSource source)
    {
        bool sawCarriageReturn = false;
        for (int i = end; i < json.Length; i++)
        {
            byte b = json[i];
            if (b == (byte)'\r') sawCarriageReturn = true;
            else if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\n')
            {
                string reason = sawCarriageReturn && json.Slice(end, i - end).IndexOf((byte)'\n') < 0
                    ? "invalid JSON" + At(json, i, source) + ": another value follows a carriage return (CR) on the same line; records must end with LF or CRLF, CR alone does not end a record"
                    : "invalid JSON" + At(json, i, source) + ": text after the end of the event object (" + Preview(json.Slice(i)) + ")";
                return new ReadError(ReadErrorIds.InvalidJson, source, reason);
            }
        }
        return null;
    }

    /// <summary><c> at column N</c>, or <c> at line L, column N</c> when the position is not on the record's first line.
    /// Columns count bytes from 1, as System.Text.Json's positions do.</summary>
    internal static string At(ReadOnlySpan<byte> json, int index, EventSource source)
    {
        var before = json.Slice(0, Math.Min(index, json.Length));
        int lines = RecordSplitter.CountNewlines(before);
        int column = index - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return lines == 0
            ? " at column " + column.ToString(CultureInfo.InvariantCulture)
            : " at line " + (source.Line + lines).ToString(CultureInfo.InvariantCulture) + ", column " + column.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The first few characters of some text, quoted, for a message (escaped later for terminals).</summary>
    internal static string Preview(ReadOnlySpan<byte> text, int maxBytes = 20)
    {
        var head = text.Slice(0, Math.Min(text.Length, maxBytes));
        string shown = Encoding.UTF8.GetString(head.ToArray());
        return "'" + shown + (text.Length > maxBytes ? "...'" : "'");
    }
}
