using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsmEvents.ProcessTree;

namespace CsmEvents.Report;

/// <summary>
/// The data the page's script renders the process trees and the event table from, as one JSON document (written into
/// the page through <see cref="ScriptJson"/>). Column-wise arrays keep it small: a few numbers per event, strings
/// once in <c>strings</c> (display forms, see <see cref="StringTable"/>), referred to by index (-1: none).
/// <code>
/// { "format": 1,
///   "hosts": [{"name": S, "input": bool, "events": N, "processes": N}], "rules": [{"name": S|-1, "events": N, "severity": 0-5}],
///   "types": [{"name": S|-1, "events": N}],
///   "events": {"time": [µs since 1970 | null], "host": [slot], "rule": [slot], "type": [slot], "category": [S], "outcome": [S],
///              "process": [S], "pid": [N|null], "target": [S], "path": [S], "line": [N], "node": [node|-1], "valid": [0-3]?},
///   "nodes": {"parent": [node|-1], "host": [slot], "pid": [N|null], "ppid": [N|null], "name": [S], "path": [S], "commandLine": [S],
///             "user": [S], "start": [S], "exit": [S], "flags": [bits], "events": [N], "rules": [[slot, N, ...]]},
///   "chunks": [[where each event of the raw chunk is in its unpacked text]],
///   "validation": {"schema": S, "valid": N, "invalid": N, "withoutSchema": N, "listed": [[event, S, [[path, keyword, message]], more]]} | null,
///   "strings": [...] }
/// </code>
/// Node flags: 1 exec, 2 thread, 4 orphan, 8 gap, 16 kworker (as <see cref="ProcessNodeFlags"/>). valid: 1 valid, 2 invalid,
/// 3 no schema fits, 0 not validated.
/// </summary>
internal static class ReportModelWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static string Render(ReportContent c)
    {
        using var buffer = new MemoryStream(1 << 16);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            var s = c.Table.Strings;
            w.WriteStartObject();
            w.WriteNumber("format", 1);
            WriteSummaries(w, c);
            WriteEvents(w, c);
            WriteNodes(w, c);
            w.WriteStartArray("chunks");
            foreach (var chunk in c.Chunks)
            {
                w.WriteStartArray();
                foreach (int position in chunk.Order) w.WriteNumberValue(position);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            WriteValidation(w, c);
            // Last: writing the nodes and the validation errors added their strings.
            w.WriteStartArray("strings");
            foreach (string text in s.All) w.WriteStringValue(text);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteSummaries(Utf8JsonWriter w, ReportContent c)
    {
        w.WriteStartArray("hosts");
        foreach (var h in c.Hosts)
        {
            w.WriteStartObject();
            w.WriteNumber("name", h.Id);
            w.WriteBoolean("input", h.IsInput);
            w.WriteNumber("events", h.Events);
            w.WriteNumber("processes", h.Processes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("rules");
        foreach (var r in c.Rules)
        {
            w.WriteStartObject();
            w.WriteNumber("name", r.Id);
            w.WriteNumber("events", r.Events);
            w.WriteNumber("severity", r.Severity);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("types");
        foreach (var t in c.Types)
        {
            w.WriteStartObject();
            w.WriteNumber("name", t.Id);
            w.WriteNumber("events", t.Events);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteEvents(Utf8JsonWriter w, ReportContent c)
    {
        var t = c.Table;
        int n = t.Count;
        w.WriteStartObject("events");
        Numbers(w, "time", n, i => t.Micros[i]);
        Ints(w, "host", n, i => c.HostSlot[t.Host[i]]);
        Ints(w, "rule", n, i => c.RuleSlot[t.Rule[i]]);
        Ints(w, "type", n, i => c.TypeSlot[t.Type[i]]);
        Ints(w, "category", n, i => t.Category[i]);
        Ints(w, "outcome", n, i => t.Outcome[i]);
        Ints(w, "process", n, i => t.ProcessName[i]);
        Numbers(w, "pid", n, i => t.Pid[i]);
        Ints(w, "target", n, i => t.Target[i]);
        Ints(w, "path", n, i => t.SourcePath[i]);
        Numbers(w, "line", n, i => t.SourceLine[i]);
        Ints(w, "node", n, i => c.EventNode[i]);
        if (c.Validation != null)
        {
            var verdicts = new int[n];
            for (int i = 0; i < n; i++) verdicts[i] = 1;
            foreach (var (index, result) in c.Validation.Listed) verdicts[index] = result.Schema == null ? 3 : 2;
            Ints(w, "valid", n, i => verdicts[i]);
        }
        w.WriteEndObject();
    }

    private static void WriteNodes(Utf8JsonWriter w, ReportContent c)
    {
        var nodes = c.Tree.Nodes;
        var s = c.Table.Strings;
        int n = nodes.Count;
        var index = new Dictionary<ProcessNode, int>(n);
        for (int i = 0; i < n; i++) index[nodes[i]] = i;
        w.WriteStartObject("nodes");
        Ints(w, "parent", n, i => nodes[i].Parent is { } p ? index[p] : -1);
        Ints(w, "host", n, i => c.HostSlot.TryGetValue(s.IdOf(nodes[i].Host), out int slot) ? slot : -1);
        Numbers(w, "pid", n, i => nodes[i].Pid);
        Numbers(w, "ppid", n, i => nodes[i].Ppid);
        Ints(w, "name", n, i => s.IdOf(nodes[i].Name));
        Ints(w, "path", n, i => s.IdOf(nodes[i].Path));
        Ints(w, "commandLine", n, i => s.IdOf(nodes[i].CommandLine));
        Ints(w, "user", n, i => s.IdOf(nodes[i].User));
        Ints(w, "start", n, i => s.IdOf(nodes[i].ExecTimeText ?? nodes[i].ForkTimeText));
        Ints(w, "exit", n, i => s.IdOf(nodes[i].ExitTimeText));
        Ints(w, "flags", n, i => (int)nodes[i].Flags);
        Numbers(w, "events", n, i => nodes[i].EventCount);
        w.WriteStartArray("rules");
        foreach (var node in nodes)
        {
            if (node.Rules.Count == 0)
            {
                w.WriteNumberValue(0);
                continue;
            }
            w.WriteStartArray();
            foreach (var pair in node.Rules)
            {
                w.WriteNumberValue(c.RuleSlot.TryGetValue(s.IdOf(pair.Key), out int slot) ? slot : -1);
                w.WriteNumberValue(pair.Value);
            }
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteValidation(Utf8JsonWriter w, ReportContent c)
    {
        var v = c.Validation;
        if (v == null)
        {
            w.WriteNull("validation");
            return;
        }
        var s = c.Table.Strings;
        w.WriteStartObject("validation");
        w.WriteNumber("schema", s.IdOf(v.Schema));
        w.WriteBoolean("ignoreAdditionalProperties", v.IgnoreAdditionalProperties);
        w.WriteNumber("valid", v.Valid);
        w.WriteNumber("invalid", v.Invalid);
        w.WriteNumber("withoutSchema", v.WithoutSchema);
        w.WriteStartArray("listed");
        foreach (var (index, result) in v.Listed)
        {
            w.WriteStartArray();
            w.WriteNumberValue(index);
            w.WriteNumberValue(s.IdOf(result.Schema));
            w.WriteStartArray();
            int shown = Math.Min(result.Errors.Length, ReportValidation.MaxErrorsPerEvent);
            for (int i = 0; i < shown; i++)
            {
                var e = result.Errors[i];
                w.WriteStartArray();
                w.WriteNumberValue(s.IdOf(e.InstancePath.Length == 0 ? "/" : e.InstancePath));
                w.WriteNumberValue(s.IdOf(e.Keyword));
                w.WriteNumberValue(s.IdOf(e.Message));
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteNumberValue(result.Errors.Length - shown);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Ints(Utf8JsonWriter w, string name, int count, Func<int, int> value)
    {
        w.WriteStartArray(name);
        for (int i = 0; i < count; i++) w.WriteNumberValue(value(i));
        w.WriteEndArray();
    }

    private static void Numbers(Utf8JsonWriter w, string name, int count, Func<int, long?> value)
    {
        w.WriteStartArray(name);
        for (int i = 0; i < count; i++)
        {
            long? v = value(i);
            if (v.HasValue) w.WriteNumberValue(v.Value);
            else w.WriteNullValue();
        }
        w.WriteEndArray();
    }
}
