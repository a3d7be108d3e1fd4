using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsmEvents.Model.Json;

namespace CsmEvents.ProcessTree.Rendering;

/// <summary>
/// <c>{"roots":[NODE...]}</c> where NODE is, in this order: pid, ppid, name, path, commandLine, user,
/// execTime, forkTime, exitTime (times as the agent wrote them), host, container, depth, eventCount,
/// eventTypes {type: count}, rules {rule: count}, firstSeen, lastSeen, flags [names], selected, events [the
/// events' JSON, only with IncludeEvents], children [NODE...]. Unknown values are null. Strings hold the exact
/// values; JSON escaping already turns every control character into <c>\u00XX</c>, so the document is safe on a
/// terminal without altering the data. Written without recursion, so any depth can be written.
/// </summary>
internal static class JsonTreeRenderer
{
    /// <summary>Bytes of JSON gathered before they are handed to the text writer. Small enough that the buffers
    /// stay off the large object heap, which is only collected with the oldest generation.</summary>
    private const int ChunkBytes = 1 << 15;

    /// <summary>Writes the document for <paramref name="nodes"/> in tree order (depth first, as the walk makes
    /// them): a node's children array is closed when the walk leaves its subtree. The JSON goes out in chunks, so
    /// the document of any size is never held whole.</summary>
    public static void Write(IEnumerable<ProcessNode> nodes, bool includeEvents, bool indented, TextWriter output)
    {
        var options = new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Indented = indented,
            SkipValidation = true,
            MaxDepth = int.MaxValue,
        };
        using var buffer = new MemoryStream(ChunkBytes * 2);
        using var writer = new Utf8JsonWriter(buffer, options);
        var chars = new char[ChunkBytes * 2];
        writer.WriteStartObject();
        writer.WriteStartArray("roots");
        int open = 0; // nodes whose object is still open: the depth of the last node + 1
        foreach (var node in nodes)
        {
            for (; open > node.Depth; open--)
            {
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            WriteNodeStart(writer, node, includeEvents);
            open++;
            if (writer.BytesPending + buffer.Length >= ChunkBytes) Drain(writer, buffer, ref chars, output);
        }
        for (; open > 0; open--)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        Drain(writer, buffer, ref chars, output);
    }

    /// <summary>Hands the JSON written so far to <paramref name="output"/>. The writer flushes whole tokens, so a
    /// chunk never ends inside a character.</summary>
    private static void Drain(Utf8JsonWriter writer, MemoryStream buffer, ref char[] chars, TextWriter output)
    {
        writer.Flush();
        int length = (int)buffer.Length;
        if (length == 0) return;
        if (chars.Length < length) chars = new char[length]; // a UTF-8 byte never makes more than one UTF-16 char
        int count = Encoding.UTF8.GetChars(buffer.GetBuffer(), 0, length, chars, 0);
        WriteEscapingInvisibleControls(chars, count, output);
        buffer.SetLength(0);
    }

    /// <summary>
    /// The relaxed encoder (kept for readable paths and quotes) escapes control characters but not bidirectional
    /// overrides and isolates, which can make a terminal display text in another order than it is. Such
    /// characters can only occur inside JSON strings, so writing them as their \uXXXX escape keeps the same
    /// values and valid JSON.
    /// </summary>
    private static void WriteEscapingInvisibleControls(char[] chars, int count, TextWriter output)
    {
        int start = 0;
        for (int i = 0; i < count; i++)
        {
            char c = chars[i];
            bool escape = (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029';
            if (!escape) continue;
            output.Write(chars, start, i - start);
            output.Write("\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            start = i + 1;
        }
        output.Write(chars, start, count - start);
    }

    /// <summary>Writes every member of the node up to and including the opening of its children array.</summary>
    private static void WriteNodeStart(Utf8JsonWriter w, ProcessNode n, bool includeEvents)
    {
        w.WriteStartObject();
        Number(w, "pid", n.Pid);
        Number(w, "ppid", n.Ppid);
        w.WriteString("name", Wellformed(n.Name));
        w.WriteString("path", Wellformed(n.Path));
        w.WriteString("commandLine", Wellformed(n.CommandLine));
        w.WriteString("user", Wellformed(n.User));
        w.WriteString("execTime", n.ExecTimeText);
        w.WriteString("forkTime", n.ForkTimeText);
        w.WriteString("exitTime", n.ExitTimeText);
        w.WriteString("host", Wellformed(n.Host));
        w.WriteString("container", Wellformed(n.ContainerId));
        w.WriteNumber("depth", n.Depth);
        w.WriteNumber("eventCount", n.EventCount);
        Counts(w, "eventTypes", n.EventTypes);
        Counts(w, "rules", n.Rules);
        w.WriteString("firstSeen", n.FirstSeen.HasValue ? CsmTime.Format(n.FirstSeen.Value) : null);
        w.WriteString("lastSeen", n.LastSeen.HasValue ? CsmTime.Format(n.LastSeen.Value) : null);
        w.WriteStartArray("flags");
        // "selected" has its own member in JSON.
        foreach (var flag in ProcessNodeFlagNames.Of(n.Flags)) w.WriteStringValue(flag);
        w.WriteEndArray();
        w.WriteBoolean("selected", n.IsSelected);
        if (includeEvents)
        {
            w.WriteStartArray("events");
            foreach (var evt in n.Events) evt.WriteJson(w);
            w.WriteEndArray();
        }
        w.WriteStartArray("children");
    }

    /// <summary>Events read from JSON cannot hold a lone surrogate, but a caller can set one on a model object;
    /// the writer would throw on it, so it becomes U+FFFD here.</summary>
    private static string? Wellformed(string? s)
    {
        if (s == null) return null;
        for (int i = 0; i < s.Length; i++)
        {
            if (!char.IsSurrogate(s[i])) continue;
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            var chars = s.ToCharArray();
            for (int k = i; k < chars.Length; k++)
            {
                if (!char.IsSurrogate(chars[k])) continue;
                if (char.IsHighSurrogate(chars[k]) && k + 1 < chars.Length && char.IsLowSurrogate(chars[k + 1])) { k++; continue; }
                chars[k] = '\uFFFD';
            }
            return new string(chars);
        }
        return s;
    }

    private static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value.HasValue) w.WriteNumber(name, value.Value);
        else w.WriteNull(name);
    }

    private static void Counts(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, long> counts)
    {
        w.WriteStartObject(name);
        foreach (var pair in counts) w.WriteNumber(pair.Key, pair.Value);
        w.WriteEndObject();
    }
}
