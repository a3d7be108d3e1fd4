using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
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
/// self-contained HTML page (<see cref="ReportPage"/>). Bad records are errors, as for Get-CsmEvent, and are also listed
/// in the page.
/// </summary>
public sealed class ReportRunner
{
    /// <summary>Problems listed in the page; more are counted.</summary>
    internal const int MaxListedProblems = 200;

    private readonly ReportOptions _options;
    private readonly ICommandSink _sink;
    private readonly HostObjectAdapter _adapter;
    private readonly ProcessTreeRunner _tree;
    private readonly TestEventsRunner? _validator;
    private readonly CsmEventParser _parser = new();
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
                SchemaCache = options.SchemaCache,
                FetchCommand = options.FetchCommand,
                Detailed = true,
            };
            _validator = new TestEventsRunner(validation, sink);
            _validation = new ReportValidation(options.SchemaPath ?? options.SchemaName, options.IgnoreAdditionalProperties);
        }
    }

    public ReadStatistics Statistics { get; } = new ReadStatistics();

    /// <summary>Reads files and folders (resolved by the host: no wildcards).</summary>
    public void ReadPaths(IEnumerable<string> paths) =>
        Read(records => GetEventsRunner.ReadInputs(paths, _options.Read.Recurse, records, _sink, Statistics, Files, _options.Read.MaxRecordBytes));

    /// <summary>The files this runner has read: each file is read once per command.</summary>
    public FileLedger Files { get; } = new FileLedger();

    /// <summary>Reads a stream such as standard input.</summary>
    public void ReadStream(Stream stream, string displayPath) =>
        Read(records => GetEventsRunner.ReadStream(stream, displayPath, records, Statistics, null, _sink.Cancellation, _options.Read.MaxRecordBytes));

    /// <summary>Reads the events of a Datadog Logs API search.</summary>
    public void ReadDatadog(Datadog.DatadogLogsClient client, Datadog.DatadogSearchOptions search) => Read(records => GetEventsRunner.ReadDatadog(client, search, records, _sink, Statistics));

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
        var verdict = _validator?.Evaluate(raw, evt.Source ?? new EventSource("<pipeline>", 0), out _);
        Accept(evt, raw, verdict);
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
        return new ReportResult(_table.Count, content.Hosts.Count, tree.Nodes.Count, content.Rules.Count, Statistics.Errors,
            _validation?.NotValid ?? 0, counting.Written);
    }

    /// <summary>
    /// Records are parsed on this thread, in input order, and each event is dropped as soon as the table, the tree and
    /// the raw chunks have taken what they keep: parsed events are large object graphs, and handing them between
    /// threads kept thousands alive long enough to be promoted, which made garbage collection dominate the run.
    /// Validation, the expensive part, runs on every core when asked: the workers pass back only the record's bytes
    /// and its verdict.
    /// </summary>
    private void Read(Action<IRecordConsumer> read)
    {
        // With -Verbose, each file's line counts its records when the file ends: they must have been delivered by
        // then, so records are validated as they are read (as csm-events get and test do under --verbose).
        if (_validator == null || _options.ValidateInOrder)
        {
            read(new SequentialRecords(this, _validator));
            return;
        }
        var validator = _validator;
        var records = new OrderedParallelRecords<Validated>(
            (ReadOnlySpan<byte> json, EventSource source, out ReadError? error) =>
            {
                error = null;
                return new Validated(json.ToArray(), source, validator.Evaluate(json, source, out _));
            },
            validated => OnRecord(validated.Json, validated.Source, validated.Verdict),
            (error, fromRecord) =>
            {
                if (fromRecord) Statistics.Records++;
                OnError(error);
            }, _sink.Cancellation);
        read(records);
        records.Complete();
    }

    private void OnRecord(ReadOnlySpan<byte> json, EventSource source, CsmValidationResult? verdict)
    {
        Statistics.Records++;
        var evt = EventRecordParsing.TryParse(_parser, json, source, out var error);
        if (evt == null)
        {
            OnError(error!);
            return;
        }
        if (!_options.Read.Filter.Matches(evt)) return;
        Accept(evt, json, verdict);
    }

    private void OnError(ReadError error)
    {
        Statistics.Errors++;
        var csmError = GetEventsRunner.ToCsmError(error);
        AddProblem(csmError.Message);
        _sink.Error(csmError);
    }

    private void Accept(CsmEvent evt, ReadOnlySpan<byte> json, CsmValidationResult? verdict)
    {
        Statistics.EventsEmitted++;
        var acting = _tree.AddAndLocate(evt);
        int index = _table.Add(evt, acting);
        _raw.Add(json, SimilarityKey(evt));
        if (_validation != null && verdict != null) _validation.Add(index, verdict);
    }

    /// <summary>Events with the same rule, type and process name have nearly the same JSON (see <see cref="RawEventChunks"/>).</summary>
    private static string SimilarityKey(CsmEvent evt) => evt.RuleId + "\u0000" + evt.EventType + "\u0000" + evt.Process?.Name;

    private sealed class SequentialRecords : IRecordConsumer
    {
        private readonly ReportRunner _owner;
        private readonly TestEventsRunner? _validator;

        public SequentialRecords(ReportRunner owner, TestEventsRunner? validator)
        {
            _owner = owner;
            _validator = validator;
        }

        public void OnRecord(ReadOnlySpan<byte> eventJson, EventSource source) =>
            _owner.OnRecord(eventJson, source, _validator?.Evaluate(eventJson, source, out _));

        public void OnError(ReadError error) => _owner.OnError(error);
    }

    private sealed class Validated
    {
        public Validated(byte[] json, EventSource source, CsmValidationResult? verdict)
        {
            Json = json;
            Source = source;
            Verdict = verdict;
        }

        public byte[] Json { get; }
        public EventSource Source { get; }
        public CsmValidationResult? Verdict { get; }
    }

    private void AddProblem(string message)
    {
        if (_problems.Count < MaxListedProblems) _problems.Add(message);
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
