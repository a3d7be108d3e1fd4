using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using CsmEvents.Drift;
using CsmEvents.Model;
using CsmEvents.Reading;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Commands;

/// <summary>How to validate.</summary>
public sealed class TestEventsOptions
{
    /// <summary>"auto" (per event: windows, old-format linux, base, or the cached Linux schema of the event's agent
    /// version), an embedded schema name, or a cached schema name such as backend_linux@7.64.3.</summary>
    public string SchemaName { get; set; } = AutoSchema;

    /// <summary>A schema file (e.g. Datadog's current backend_linux.schema.json); overrides SchemaName.</summary>
    public string? SchemaPath { get; set; }

    /// <summary>Do not report additionalProperties errors (agents emit fields before the published schema lists them).</summary>
    public bool IgnoreAdditionalProperties { get; set; }

    /// <summary>Emit a <see cref="CsmValidationResult"/> per event instead of a bool.</summary>
    public bool Detailed { get; set; }

    public bool Recurse { get; set; }

    /// <summary>The cache of Datadog's published schemas, for current Linux events and cached schema names; null:
    /// embedded schemas only.</summary>
    public SchemaCache? SchemaCache { get; set; }

    /// <summary>The host's command that fetches a schema, with {0} for the agent version ("Save-CsmSchema {0}"), named
    /// in the warning about events whose schema is not cached.</summary>
    public string? FetchCommand { get; set; }

    /// <summary>Emit one <see cref="CsmDriftSummary"/> at the end instead of a verdict per event.</summary>
    public bool Summary { get; set; }

    /// <summary>A baseline file of known drift groups (implies <see cref="Summary"/>).</summary>
    public string? BaselinePath { get; set; }

    /// <summary>Write the run's groups to <see cref="BaselinePath"/> (implies <see cref="Summary"/>).</summary>
    public bool UpdateBaseline { get; set; }

    /// <summary>A JUnit XML report to write (implies <see cref="Summary"/>).</summary>
    public string? JUnitPath { get; set; }

    /// <summary>True when the run ends with a summary.</summary>
    public bool Summarizes => Summary || BaselinePath != null || UpdateBaseline || JUnitPath != null;

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
/// or one <see cref="CsmValidationResult"/> with <see cref="TestEventsOptions.Detailed"/>, or with
/// <see cref="TestEventsOptions.Summary"/> one <see cref="CsmDriftSummary"/> from <see cref="Complete"/>; invalid
/// events are results, not errors. Unreadable records are errors (<c>path:line: reason</c>). A fixed schema is
/// compiled once, before any event is read: an unusable schema throws <see cref="SchemaLoadException"/> from the
/// constructor. How <c>auto</c> chooses per event is in TestEventsRunner.Schemas.cs; the summary in
/// TestEventsRunner.Summary.cs.
/// </summary>
public sealed partial class TestEventsRunner : IRecordConsumer, IFileSummary
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = CsmEventParser.MaxDepth };
    private readonly TestEventsOptions _options;
    private readonly ICommandSink _sink;
    private readonly CompiledSchema? _fixedSchema;
    private readonly string? _fixedSchemaName;
    private readonly SchemaValidationOptions _validation;
    // Verdicts of the file being read, for its verbose line: events per schema (in order of first use) and counts at its start.
    private readonly List<KeyValuePair<string, long>> _fileSchemas = new();
    private long _fileValid, _fileInvalid, _fileWithoutSchema;

    /// <exception cref="SchemaLoadException">The fixed schema cannot be used.</exception>
    /// <exception cref="ArgumentException">An unknown schema name, or options that do not go together.</exception>
    /// <exception cref="BaselineLoadException">The baseline file cannot be read.</exception>
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
            (_fixedSchema, _fixedSchemaName) = FixedSchema(options.SchemaName);
        }
        else _cached = CachedLinuxSchemas();
        _drift = StartSummary();
        _sink.Verbose(DescribeSchemaChoice(options));
    }

    private string DescribeSchemaChoice(TestEventsOptions options)
    {
        string choice = options.SchemaPath != null ? "Schema: the file " + options.SchemaPath + ", for every event"
            : _fixedSchemaName != null ? "Schema: " + _fixedSchemaName + ", for every event"
            : "Schema: auto, chosen per event (windows for Windows events, linux or base for old-format events, the cached Datadog schema of the agent version for current Linux events)";
        return choice + (options.IgnoreAdditionalProperties ? "; fields the schema does not list are not reported." : ".");
    }

    public ReadStatistics Reading { get; } = new ReadStatistics();

    public ValidationStatistics Validation { get; } = new ValidationStatistics();

    /// <summary>The files this runner has read: each file is validated once per command.</summary>
    public FileLedger Files { get; } = new FileLedger();

    public void ReadPaths(IEnumerable<string> paths) => GetEventsRunner.ReadInputs(paths, _options.Recurse, this, _sink, Reading, Files, _options.MaxRecordBytes);

    /// <summary>Writes the closing verbose line: files, records, bad (unreadable) records, verdicts.</summary>
    public void ReportTotals() => _sink.Verbose(ReadReport.Total(Reading, Verdicts(Validation.Valid, Validation.Invalid, Validation.WithoutSchema)));

    public void ReadStream(Stream stream, string displayPath) => GetEventsRunner.ReadStream(stream, displayPath, this, Reading, null, _sink.Cancellation, _options.MaxRecordBytes);

    /// <summary>Validates pipeline text (lines or whole documents), piece by piece.</summary>
    public GetEventsRunner.TextInput BeginText(string displayPath) => GetEventsRunner.BeginText(displayPath, this, _sink, Reading, this, _options.MaxRecordBytes);

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
    /// the validator only ever sees strings that are text. Neither counts nor emits (the HTML report validates this
    /// way, on its worker threads).</summary>
    internal CsmValidationResult? Evaluate(ReadOnlySpan<byte> eventJson, EventSource source, out ReadError? error)
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
        else Validation.WithoutSchema++;
        NoteSchemaChoice(result);
        CountSchema(result.Schema ?? "none");
        if (_drift != null)
        {
            _drift.Add(result);
            return;
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
        _drift?.AddError(error);
        _sink.Error(GetEventsRunner.ToCsmError(error));
    }

    private CsmValidationResult Validate(JsonElement root, EventSource source)
    {
        string? ruleId = StringAt(root, "agent", "rule_id");
        string? eventType = StringAt(root, "evt", "name");
        string? agentVersion = StringAt(root, "agent", "version");
        var schema = _fixedSchema;
        string? schemaName = _fixedSchemaName;
        if (schema == null)
        {
            (schema, schemaName, string? notValidated) = ChooseSchema(root, agentVersion);
            if (schema == null) return NoSchema(source, ruleId, eventType, agentVersion, notValidated!);
        }
        var verdict = schema.Validate(root, _validation);
        return new CsmValidationResult(verdict.IsValid, schemaName, source, ruleId, eventType, verdict.Errors, agentVersion);
    }

    /// <summary>An event no schema fits cannot be called valid; <see cref="Deliver"/> tells the user once per run
    /// why, and how to get the schema.</summary>
    private static CsmValidationResult NoSchema(EventSource source, string? ruleId, string? eventType, string? agentVersion, string reason)
    {
        var error = new SchemaError(string.Empty, string.Empty, "schema", reason, null, null);
        return new CsmValidationResult(false, null, source, ruleId, eventType, new[] { error }, agentVersion);
    }

    private static string? StringAt(JsonElement root, string section, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object &&
        s.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    private void CountSchema(string schema)
    {
        for (int i = 0; i < _fileSchemas.Count; i++)
        {
            if (_fileSchemas[i].Key != schema) continue;
            _fileSchemas[i] = new KeyValuePair<string, long>(schema, _fileSchemas[i].Value + 1);
            return;
        }
        _fileSchemas.Add(new KeyValuePair<string, long>(schema, 1));
    }

    void IFileSummary.BeginFile()
    {
        _fileSchemas.Clear();
        _fileValid = Validation.Valid;
        _fileInvalid = Validation.Invalid;
        _fileWithoutSchema = Validation.WithoutSchema;
    }

    /// <summary>For the file's verbose line: <c>schema windows 8, linux 2; 9 valid, 1 invalid, 0 not validated</c>.</summary>
    string? IFileSummary.EndFile()
    {
        if (_fileSchemas.Count == 0) return null;
        var schemas = new List<string>();
        foreach (var entry in _fileSchemas) schemas.Add(entry.Key + " " + entry.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "schema " + string.Join(", ", schemas) + "; " +
            Verdicts(Validation.Valid - _fileValid, Validation.Invalid - _fileInvalid, Validation.WithoutSchema - _fileWithoutSchema);
    }

    private static string Verdicts(long valid, long invalid, long withoutSchema) =>
        valid.ToString(System.Globalization.CultureInfo.InvariantCulture) + " valid, " + invalid.ToString(System.Globalization.CultureInfo.InvariantCulture) + " invalid, " +
        withoutSchema.ToString(System.Globalization.CultureInfo.InvariantCulture) + " not validated";
}
