using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CsmEvents.Model;
using CsmEvents.Reading;
using CsmEvents.Schema;

namespace CsmEvents.Commands;

/// <summary>How to validate.</summary>
public sealed class TestEventsOptions
{
    /// <summary>"auto" (per event: windows, old-format linux, or none), or an embedded schema name.</summary>
    public string SchemaName { get; set; } = AutoSchema;

    /// <summary>A schema file (e.g. Datadog's current backend_linux.schema.json); overrides SchemaName.</summary>
    public string? SchemaPath { get; set; }

    /// <summary>Do not report additionalProperties errors (agents emit fields before the published schema lists them).</summary>
    public bool IgnoreAdditionalProperties { get; set; }

    /// <summary>Emit a <see cref="CsmValidationResult"/> per event instead of a bool.</summary>
    public bool Detailed { get; set; }

    public bool Recurse { get; set; }

    /// <summary>Records larger than this many bytes are skipped with one error (RecordTooLarge).</summary>
    public long MaxRecordBytes { get; set; } = RecordSplitter.DefaultMaxRecordBytes;

    public const string AutoSchema = "auto";
}

/// <summary>Counts of a validation run.</summary>
public sealed class ValidationStatistics
{
    public long Valid { get; internal set; }
    public long Invalid { get; internal set; }
    public long Unreadable { get; internal set; }
    /// <summary>Events no embedded schema fits: reported as not valid (a validation job must not pass them),
    /// counted apart from invalid ones.</summary>
    public long WithoutSchema { get; internal set; }
}

/// <summary>
/// Validates events against the event schemas: raw records as read from files (the bytes, not a re-serialised
/// object), or CsmEvent objects through their lossless JSON — the same verdict either way. Emits one bool per event,
/// or one <see cref="CsmValidationResult"/> with <see cref="TestEventsOptions.Detailed"/>; invalid events are results,
/// not errors. Unreadable records are errors (<c>path:line: reason</c>). The schema is compiled once, before any
/// event is read: an unusable schema throws <see cref="SchemaLoadException"/> from the constructor.
/// </summary>
public sealed class TestEventsRunner : IRecordConsumer
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = CsmEventParser.MaxDepth };
    private readonly TestEventsOptions _options;
    private readonly ICommandSink _sink;
    private readonly CompiledSchema? _fixedSchema;
    private readonly string? _fixedSchemaName;
    private readonly SchemaValidationOptions _validation;
    private bool _warnedNoSchema;

    public TestEventsRunner(TestEventsOptions options, ICommandSink sink)
    {
        _options = options;
        _sink = sink;
        _validation = SchemaValidationOptions.Events.WithIgnoreAdditionalProperties(options.IgnoreAdditionalProperties);
        if (options.SchemaPath != null)
        {
            _fixedSchema = SchemaCompiler.CompileFile(options.SchemaPath);
            _fixedSchemaName = options.SchemaPath;
        }
        else if (!string.Equals(options.SchemaName, TestEventsOptions.AutoSchema, StringComparison.OrdinalIgnoreCase))
        {
            if (!EmbeddedSchemas.Exists(options.SchemaName))
            {
                throw new ArgumentException("unknown schema '" + options.SchemaName + "': use auto, " + string.Join(", ", EmbeddedSchemaNames()) + ", or a schema file");
            }
            _fixedSchema = EmbeddedSchemas.Get(options.SchemaName);
            _fixedSchemaName = options.SchemaName;
        }
    }

    public ReadStatistics Reading { get; } = new ReadStatistics();

    public ValidationStatistics Validation { get; } = new ValidationStatistics();

    public void ReadPaths(IEnumerable<string> paths) => GetEventsRunner.ReadInputs(paths, _options.Recurse, this, _sink, Reading, _options.MaxRecordBytes);

    public void ReadStream(Stream stream, string displayPath) => GetEventsRunner.ReadStream(stream, displayPath, this, Reading, null, _sink.Cancellation, _options.MaxRecordBytes);

    /// <summary>Validates pipeline text (lines or whole documents), piece by piece.</summary>
    public GetEventsRunner.TextInput BeginText(string displayPath) => new GetEventsRunner.TextInput(new RecordSplitter(displayPath, this, maxRecordBytes: _options.MaxRecordBytes));

    /// <summary>Validates an event object through its lossless JSON (same verdict as its file).</summary>
    public void TestEvent(CsmEvent evt)
    {
        byte[] json = System.Text.Encoding.UTF8.GetBytes(evt.ToJson());
        ((IRecordConsumer)this).OnRecord(json, evt.Source ?? new EventSource("<pipeline>", 0));
    }

    void IRecordConsumer.OnRecord(ReadOnlySpan<byte> eventJson, EventSource source)
    {
        var result = Evaluate(eventJson, source, out var error);
        if (error != null) DeliverError(error, fromRecord: true);
        else Deliver(result!);
    }

    /// <summary>
    /// A consumer that validates on every core and delivers the verdicts in input order (same outputs, counts and
    /// warning as this runner's sequential path). Call <see cref="OrderedParallelRecords{T}.Complete"/> at the end.
    /// </summary>
    public OrderedParallelRecords<CsmValidationResult?> CreateParallelConsumer() =>
        new((ReadOnlySpan<byte> json, EventSource source, out ReadError? error) => Evaluate(json, source, out error),
            result => Deliver(result!), DeliverError, _sink.Cancellation);

    /// <summary>Checks, parses and validates one record. Thread-safe: compiled schemas are immutable and nothing
    /// else is shared. The record check is the reader's own (<see cref="RecordCheck"/>): a record Get-CsmEvent
    /// rejects (invalid UTF-8, a lone surrogate, a duplicate member) is the same error here, never a verdict, and
    /// the validator only ever sees strings that are text.</summary>
    private CsmValidationResult? Evaluate(ReadOnlySpan<byte> eventJson, EventSource source, out ReadError? error)
    {
        error = RecordCheck.Check(eventJson, source);
        if (error != null) return null;
        try
        {
            using var document = JsonDocument.Parse(eventJson.ToArray(), ParseOptions);
            return Validate(document.RootElement, source);
        }
        catch (JsonException ex)
        {
            var (id, reason) = JsonErrorText.Describe(ex, source.Line);
            error = new ReadError(id, source, reason);
            return null;
        }
    }

    /// <summary>Counts, warns (once per run for events no schema fits) and emits a verdict, in input order.</summary>
    private void Deliver(CsmValidationResult result)
    {
        Reading.Records++;
        if (result.IsValid) Validation.Valid++;
        else if (result.Schema != null) Validation.Invalid++;
        else
        {
            Validation.WithoutSchema++;
            if (!_warnedNoSchema)
            {
                _warnedNoSchema = true;
                _sink.Warning(result.Source + ": " + EventSchemaSelector.NoEmbeddedSchemaMessage);
            }
        }
        if (_options.Detailed) _sink.Emit(result);
        else _sink.Emit(result.IsValid);
    }

    private void DeliverError(ReadError error, bool fromRecord)
    {
        if (fromRecord) Reading.Records++;
        ((IRecordConsumer)this).OnError(error);
    }

    void IRecordConsumer.OnError(ReadError error)
    {
        Reading.Errors++;
        Validation.Unreadable++;
        _sink.Error(GetEventsRunner.ToCsmError(error));
    }

    private CsmValidationResult Validate(JsonElement root, EventSource source)
    {
        string? ruleId = StringAt(root, "agent", "rule_id");
        string? eventType = StringAt(root, "evt", "name");
        var schema = _fixedSchema;
        string? schemaName = _fixedSchemaName;
        if (schema == null)
        {
            schemaName = EventSchemaSelector.SelectEmbedded(root);
            if (schemaName == null) return NoSchema(source, ruleId, eventType);
            schema = EmbeddedSchemas.Get(schemaName);
        }
        var verdict = schema.Validate(root, _validation);
        return new CsmValidationResult(verdict.IsValid, schemaName, source, ruleId, eventType, verdict.Errors);
    }

    /// <summary>An event no embedded schema fits cannot be called valid; <see cref="Deliver"/> tells the user once
    /// per run how to validate it (Datadog's current schema file).</summary>
    private static CsmValidationResult NoSchema(EventSource source, string? ruleId, string? eventType)
    {
        var error = new SchemaError(string.Empty, string.Empty, "schema", NotValidatedReason, null, null);
        return new CsmValidationResult(false, null, source, ruleId, eventType, new[] { error });
    }

    /// <summary>The per-event reason; the full explanation is the once-per-run warning.</summary>
    public const string NotValidatedReason = "not validated: no embedded schema fits this event (pass a schema file; see the warning)";

    private static string? StringAt(JsonElement root, string section, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object &&
        s.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<string> EmbeddedSchemaNames()
    {
        foreach (var info in EmbeddedSchemas.List) yield return info.Name;
    }
}
