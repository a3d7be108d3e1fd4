using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using CsmEvents.Commands;
using CsmEvents.Conversion;
using CsmEvents.Model;
using CsmEvents.ProcessTree;
using CsmEvents.Reading;
using CsmEvents.Schema;

namespace CsmEvents.Report;

/// <summary>
/// Export-CsmReport and <c>csm-events report</c>: reads events (files, streams, the Datadog API, or event objects),
/// keeps what the page needs of each (<see cref="ReportEventTable"/>, the exact JSON in <see cref="RawEventChunks"/>),
/// builds the process trees as Get-CsmProcessTree does, validates when asked, and at <see cref="Complete"/> writes one
/// self-contained HTML page (<see cref="ReportPage"/>). Records from files are parsed (and validated) on every core and
/// taken in input order. Bad records are errors, as for Get-CsmEvent, and are also listed in the page.
/// </summary>
public sealed class ReportRunner
{
    /// <summary>Problems listed in the page; more are counted.</summary>
    internal const int MaxListedProblems = 1000;

    private readonly ReportOptions _options;
    private readonly ICommandSink _sink;
    private readonly HostObjectAdapter _adapter;
    private readonly ProcessTreeRunner _tree;
    private readonly TestEventsRunner? _validator;
    private readonly ThreadLocal<CsmEventParser> _parsers = new(() => new CsmEventParser());
    private readonly ReportEventTable _table = new();
    private readonly RawEventChunks _raw = new();
    private readonly ReportValidation? _validation;
    private readonly List<string> _problems = new();
    private readonly List<string> _treeWarnings = new();
    private long _treeWarningCount;
    private bool _completed;

    /// <summary>Throws <see cref="SchemaLoadException"/> for an unusable schema file and
    /// <see cref="ArgumentException"/> for an unknown schema name, before anything is read.</summary>
    public ReportRunner(ReportOptions options, ICommandSink sink, HostObjectAdapter? adapter = null)
    {
        _options = options;
        _sink = sink;
        _adapter = adapter ?? HostObjectAdapter.None;
        _tree = new ProcessTreeRunner(new ProcessTreeOptions(), warning =>
        {
            _treeWarningCount++;
            if (_treeWarnings.Count < MaxListedProblems) _treeWarnings.Add(warning.Message);
            sink.Warning(warning.Message);
        });
        if (options.Validate)
        {
            var validation = new TestEventsOptions
            {
                SchemaName = options.SchemaName,
                SchemaPath = options.SchemaPath,
                IgnoreAdditionalProperties = options.IgnoreAdditionalProperties,
                Detailed = true,
            };
            _validator = new TestEventsRunner(validation, sink);
            _validation = new ReportValidation(options.SchemaPath ?? options.SchemaName, options.IgnoreAdditionalProperties);
        }
    }

    public ReadStatistics Statistics { get; } = new ReadStatistics();

    /// <summary>Reads files and folders (resolved by the host: no wildcards).</summary>
    public void ReadPaths(IEnumerable<string> paths)
    {
        var records = CreateConsumer();
        GetEventsRunner.ReadInputs(paths, _options.Read.Recurse, records, _sink, Statistics);
        records.Complete();
    }

    /// <summary>Reads a stream such as standard input.</summary>
    public void ReadStream(Stream stream, string displayPath)
    {
        var records = CreateConsumer();
        GetEventsRunner.ReadStream(stream, displayPath, records, Statistics, null, _sink.Cancellation);
        records.Complete();
    }

    /// <summary>Reads the events of a Datadog Logs API search.</summary>
    public void ReadDatadog(Datadog.DatadogLogsClient client, Datadog.DatadogSearchOptions search)
    {
        var records = CreateConsumer();
        GetEventsRunner.ReadDatadog(client, search, records, _sink, Statistics);
        records.Complete();
    }

    /// <summary>Adds an event object (from the pipeline), if it passes the filter. Its JSON is its lossless text.</summary>
    public void Add(CsmEvent evt)
    {
        _sink.Cancellation.ThrowIfCancellationRequested();
        if (!_options.Read.Filter.Matches(evt)) return;
        var error = ConvertFromEventsRunner.TryToJson(evt, indented: false, _adapter, out string json);
        if (error != null)
        {
            AddProblem(error.Message);
            _sink.Error(error);
            return;
        }
        byte[] raw = Encoding.UTF8.GetBytes(json);
        CsmValidationResult? verdict = null;
        if (_validator != null) verdict = _validator.Evaluate(raw, evt.Source ?? new EventSource("<pipeline>", 0), out _);
        Accept(new Accepted(evt, raw, verdict));
    }

    /// <summary>Builds the trees and writes the page to <paramref name="output"/> (UTF-8). Call once.</summary>
    public ReportResult Complete(Stream output)
    {
        if (_completed) throw new InvalidOperationException("Complete() was already called.");
        _completed = true;
        _sink.Cancellation.ThrowIfCancellationRequested();
        var tree = _tree.Complete();
        var chunks = _raw.Complete();
        var content = new ReportContent(_options, _table, tree, chunks, _validation, _problems, Statistics.Errors, _treeWarnings, _treeWarningCount);
        var counting = new CountingStream(output);
        using (var writer = new StreamWriter(counting, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" })
        {
            ReportPage.Write(writer, content);
        }
        output.Flush();
        _parsers.Dispose();
        return new ReportResult(_table.Count, content.Hosts.Count, tree.Nodes.Count, content.Rules.Count, Statistics.Errors,
            _validation?.NotValid ?? 0, counting.Written);
    }

    private OrderedParallelRecords<Accepted?> CreateConsumer() =>
        new(Parse, accepted =>
        {
            Statistics.Records++;
            if (accepted != null) Accept(accepted);
        }, (error, fromRecord) =>
        {
            if (fromRecord) Statistics.Records++;
            Statistics.Errors++;
            var csmError = GetEventsRunner.ToCsmError(error);
            AddProblem(csmError.Message);
            _sink.Error(csmError);
        }, _sink.Cancellation);

    /// <summary>On a worker thread: parse, filter, validate. Null when the filter leaves the event out.</summary>
    private Accepted? Parse(ReadOnlySpan<byte> json, EventSource source, out ReadError? error)
    {
        var evt = EventRecordParsing.TryParse(_parsers.Value!, json, source, out error);
        if (evt == null || !_options.Read.Filter.Matches(evt)) return null;
        var verdict = _validator?.Evaluate(json, source, out _);
        return new Accepted(evt, json.ToArray(), verdict);
    }

    /// <summary>On the calling thread, in input order.</summary>
    private void Accept(Accepted accepted)
    {
        Statistics.EventsEmitted++;
        var acting = _tree.AddAndLocate(accepted.Event);
        int index = _table.Add(accepted.Event, acting);
        _raw.Add(accepted.Json, 0, accepted.Json.Length);
        if (_validation != null && accepted.Verdict != null) _validation.Add(index, accepted.Verdict);
    }

    private void AddProblem(string message)
    {
        if (_problems.Count < MaxListedProblems) _problems.Add(message);
    }

    private sealed class Accepted
    {
        public Accepted(CsmEvent evt, byte[] json, CsmValidationResult? verdict)
        {
            Event = evt;
            Json = json;
            Verdict = verdict;
        }

        public CsmEvent Event { get; }
        public byte[] Json { get; }
        public CsmValidationResult? Verdict { get; }
    }

    /// <summary>Counts the bytes of the page on their way out.</summary>
    private sealed class CountingStream : Stream
    {
        private readonly Stream _inner;

        public CountingStream(Stream inner) => _inner = inner;

        public long Written { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override void Flush() => _inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
            Written += count;
        }
    }
}
