using System.Collections.Generic;
using CsmEvents.Model;

namespace CsmEvents.Schema;

/// <summary>The verdict on one event (Test-CsmEvent -Detailed, <c>csm-events test --json</c>).</summary>
public sealed class CsmValidationResult
{
    public CsmValidationResult(bool isValid, string? schema, EventSource source, string? ruleId, string? eventType, IReadOnlyList<SchemaError> errors, string? agentVersion = null)
    {
        AgentVersion = agentVersion;
        IsValid = isValid;
        Schema = schema;
        Source = source;
        RuleId = ruleId;
        EventType = eventType;
        Errors = errors as SchemaError[] ?? System.Linq.Enumerable.ToArray(errors);
    }

    public bool IsValid { get; }

    /// <summary>The schema used: an embedded name (windows, linux, base), a cached schema (backend_linux@7.64.3) or
    /// the schema file given; null when no schema fits the event.</summary>
    public string? Schema { get; }

    /// <summary>Where the event was read (path:line).</summary>
    public EventSource Source { get; }

    public string? RuleId { get; }

    public string? EventType { get; }

    /// <summary>The agent version that wrote the event (agent.version); null when the event has none.</summary>
    public string? AgentVersion { get; }

    /// <summary>Why the event is invalid: instance path, schema location, keyword, message, value.</summary>
    public SchemaError[] Errors { get; }

    /// <summary>Display text <c>path:line: valid</c> or <c>path:line: N error(s)</c>, escaped for terminals.</summary>
    public override string ToString() => Text.TerminalText.Escape(Source.Location + ": " + (IsValid ? "valid" : Errors.Length + " error(s)"))!;
}
