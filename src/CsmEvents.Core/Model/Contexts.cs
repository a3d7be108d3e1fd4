using System;
using System.Collections.Generic;
using CsmEvents.Model.Json;

namespace CsmEvents.Model;

// Typed parts of an event, one class per schema definition (seed 000 Windows, seed 003 old Linux, seed 002 base
// format, current Linux fields of FORMAT.md 1.3). Member order = schema order, which is the order agents write, so
// the common case needs no stored member order. Each class's Shape lists its JSON members once; the generic
// ObjectShape reader/writer does the lossless mapping.

/// <summary>The agent and rule that produced the event.</summary>
public sealed partial class AgentContext : CsmObject
{
    /// <summary>Id of the rule that matched. JSON: <c>rule_id</c>.</summary>
    public string? RuleId { get; set; }

    /// <summary>JSON: <c>rule_version</c>.</summary>
    public string? RuleVersion { get; set; }

    /// <summary>Actions the rule took (any JSON). JSON: <c>rule_actions</c>.</summary>
    public object? RuleActions { get; set; }

    /// <summary>JSON: <c>policy_name</c>.</summary>
    public string? PolicyName { get; set; }

    /// <summary>JSON: <c>policy_version</c>.</summary>
    public string? PolicyVersion { get; set; }

    /// <summary>Agent version. JSON: <c>version</c>.</summary>
    public string? Version { get; set; }

    /// <summary>linux or windows. JSON: <c>os</c>.</summary>
    public string? Os { get; set; }

    /// <summary>JSON: <c>arch</c>.</summary>
    public string? Arch { get; set; }

    /// <summary>ebpf or ebpfless on Linux. JSON: <c>origin</c>.</summary>
    public string? Origin { get; set; }

    /// <summary>JSON: <c>kernel_version</c>.</summary>
    public string? KernelVersion { get; set; }

    /// <summary>JSON: <c>distribution</c>.</summary>
    public string? Distribution { get; set; }

    internal static readonly ObjectShape<AgentContext> Shape = new ObjectShape<AgentContext>(() => new AgentContext())
            .String("rule_id", o => o.RuleId, (o, v) => o.RuleId = v)
            .String("rule_version", o => o.RuleVersion, (o, v) => o.RuleVersion = v)
            .Plain("rule_actions", o => o.RuleActions, (o, v) => o.RuleActions = v)
            .String("policy_name", o => o.PolicyName, (o, v) => o.PolicyName = v)
            .String("policy_version", o => o.PolicyVersion, (o, v) => o.PolicyVersion = v)
            .String("version", o => o.Version, (o, v) => o.Version = v)
            .String("os", o => o.Os, (o, v) => o.Os = v)
            .String("arch", o => o.Arch, (o, v) => o.Arch = v)
            .String("origin", o => o.Origin, (o, v) => o.Origin = v)
            .String("kernel_version", o => o.KernelVersion, (o, v) => o.KernelVersion = v)
            .String("distribution", o => o.Distribution, (o, v) => o.Distribution = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>What happened (schema EventContext): event type name, category, outcome.</summary>
public sealed partial class EventContext : CsmObject
{
    /// <summary>Event type (exec, open, set_key_value, ...). JSON: <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Process Activity, File Activity, Network Activity, Kernel Activity. JSON: <c>category</c>.</summary>
    public string? Category { get; set; }

    /// <summary>Success, Refused, Error (Linux); unknown on Windows exec/exit. JSON: <c>outcome</c>.</summary>
    public string? Outcome { get; set; }

    /// <summary>JSON: <c>async</c>.</summary>
    public bool? Async { get; set; }

    /// <summary>JSON: <c>matched_rules</c>.</summary>
    public List<MatchedRule>? MatchedRules { get; set; }

    /// <summary>JSON: <c>variables</c>.</summary>
    public object? Variables { get; set; }

    /// <summary>JSON: <c>rule_context</c>.</summary>
    public RuleContext? RuleContext { get; set; }

    internal static readonly ObjectShape<EventContext> Shape = new ObjectShape<EventContext>(() => new EventContext())
            .String("name", o => o.Name, (o, v) => o.Name = v)
            .String("category", o => o.Category, (o, v) => o.Category = v)
            .String("outcome", o => o.Outcome, (o, v) => o.Outcome = v)
            .Boolean("async", o => o.Async, (o, v) => o.Async = v)
            .Objects("matched_rules", o => o.MatchedRules, (o, v) => o.MatchedRules = v, MatchedRule.Shape)
            .Plain("variables", o => o.Variables, (o, v) => o.Variables = v)
            .Object("rule_context", o => o.RuleContext, (o, v) => o.RuleContext = v, RuleContext.Shape);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A rule that matched the event.</summary>
public sealed partial class MatchedRule : CsmObject
{
    /// <summary>JSON: <c>id</c>.</summary>
    public string? Id { get; set; }

    /// <summary>JSON: <c>version</c>.</summary>
    public string? Version { get; set; }

    /// <summary>JSON: <c>tags</c>.</summary>
    public string[]? Tags { get; set; }

    /// <summary>JSON: <c>policy_name</c>.</summary>
    public string? PolicyName { get; set; }

    /// <summary>JSON: <c>policy_version</c>.</summary>
    public string? PolicyVersion { get; set; }

    internal static readonly ObjectShape<MatchedRule> Shape = new ObjectShape<MatchedRule>(() => new MatchedRule())
            .String("id", o => o.Id, (o, v) => o.Id = v)
            .String("version", o => o.Version, (o, v) => o.Version = v)
            .Strings("tags", o => o.Tags, (o, v) => o.Tags = v)
            .String("policy_name", o => o.PolicyName, (o, v) => o.PolicyName = v)
            .String("policy_version", o => o.PolicyVersion, (o, v) => o.PolicyVersion = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>The rule expression and the parts of it that matched.</summary>
public sealed partial class RuleContext : CsmObject
{
    /// <summary>JSON: <c>matching_subexprs</c>.</summary>
    public List<MatchingSubExpr>? MatchingSubexprs { get; set; }

    /// <summary>JSON: <c>expression</c>.</summary>
    public string? Expression { get; set; }

    internal static readonly ObjectShape<RuleContext> Shape = new ObjectShape<RuleContext>(() => new RuleContext())
            .Objects("matching_subexprs", o => o.MatchingSubexprs, (o, v) => o.MatchingSubexprs = v, MatchingSubExpr.Shape)
            .String("expression", o => o.Expression, (o, v) => o.Expression = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A matching part of a rule expression.</summary>
public sealed partial class MatchingSubExpr : CsmObject
{
    /// <summary>JSON: <c>offset</c>.</summary>
    public long? Offset { get; set; }

    /// <summary>JSON: <c>length</c>.</summary>
    public long? Length { get; set; }

    /// <summary>JSON: <c>value</c>.</summary>
    public string? Value { get; set; }

    /// <summary>JSON: <c>field</c>.</summary>
    public string? Field { get; set; }

    internal static readonly ObjectShape<MatchingSubExpr> Shape = new ObjectShape<MatchingSubExpr>(() => new MatchingSubExpr())
            .Int64("offset", o => o.Offset, (o, v) => o.Offset = v)
            .Int64("length", o => o.Length, (o, v) => o.Length = v)
            .String("value", o => o.Value, (o, v) => o.Value = v)
            .String("field", o => o.Field, (o, v) => o.Field = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>The container an event or process belongs to.</summary>
public sealed partial class ContainerContext : CsmObject
{
    /// <summary>JSON: <c>id</c>.</summary>
    public string? Id { get; set; }

    private TimeValue _createdAt;

    /// <summary>JSON: <c>created_at</c>. The original text (nanoseconds, offset) is written back unless the value is changed.</summary>
    public DateTimeOffset? CreatedAt { get => _createdAt.Value; set => _createdAt = TimeValue.FromUser(value); }

    /// <summary>JSON: <c>variables</c>.</summary>
    public object? Variables { get; set; }

    internal static readonly ObjectShape<ContainerContext> Shape = new ObjectShape<ContainerContext>(() => new ContainerContext())
            .String("id", o => o.Id, (o, v) => o.Id = v)
            .Time("created_at", o => o._createdAt, (o, v) => o._createdAt = v)
            .Plain("variables", o => o.Variables, (o, v) => o.Variables = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>The user (top-level `usr`): Linux {id, group}, Windows {name, sid}.</summary>
public sealed partial class UserContext : CsmObject
{
    /// <summary>Linux user name. JSON: <c>id</c>.</summary>
    public string? Id { get; set; }

    /// <summary>JSON: <c>group</c>.</summary>
    public string? Group { get; set; }

    /// <summary>Windows user name. JSON: <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Windows security identifier. JSON: <c>sid</c>.</summary>
    public string? Sid { get; set; }

    internal static readonly ObjectShape<UserContext> Shape = new ObjectShape<UserContext>(() => new UserContext())
            .String("id", o => o.Id, (o, v) => o.Id = v)
            .String("group", o => o.Group, (o, v) => o.Group = v)
            .String("name", o => o.Name, (o, v) => o.Name = v)
            .String("sid", o => o.Sid, (o, v) => o.Sid = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>Datadog APM correlation ids. Seed 003 wrote them as numbers, current agents as strings; both are read and written back as they came.</summary>
public sealed partial class DDContext : CsmObject
{
    private IdValue _spanId;

    /// <summary>JSON: <c>span_id</c>.</summary>
    public ulong? SpanId { get => _spanId.Value; set => _spanId = new IdValue(value, _spanId.AsString); }

    private IdValue _traceId;

    /// <summary>JSON: <c>trace_id</c>.</summary>
    public ulong? TraceId { get => _traceId.Value; set => _traceId = new IdValue(value, _traceId.AsString); }

    internal static readonly ObjectShape<DDContext> Shape = new ObjectShape<DDContext>(() => new DDContext())
            .Id("span_id", o => o._spanId, (o, v) => o._spanId = v)
            .Id("trace_id", o => o._traceId, (o, v) => o._traceId = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>The security profile the event was evaluated against.</summary>
public sealed partial class SecurityProfileContext : CsmObject
{
    /// <summary>JSON: <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>JSON: <c>version</c>.</summary>
    public string? Version { get; set; }

    /// <summary>JSON: <c>tags</c>.</summary>
    public string[]? Tags { get; set; }

    /// <summary>JSON: <c>event_in_profile</c>.</summary>
    public bool? EventInProfile { get; set; }

    /// <summary>JSON: <c>event_type_state</c>.</summary>
    public string? EventTypeState { get; set; }

    internal static readonly ObjectShape<SecurityProfileContext> Shape = new ObjectShape<SecurityProfileContext>(() => new SecurityProfileContext())
            .String("name", o => o.Name, (o, v) => o.Name = v)
            .String("version", o => o.Version, (o, v) => o.Version = v)
            .Strings("tags", o => o.Tags, (o, v) => o.Tags = v)
            .Boolean("event_in_profile", o => o.EventInProfile, (o, v) => o.EventInProfile = v)
            .String("event_type_state", o => o.EventTypeState, (o, v) => o.EventTypeState = v);

    internal override IObjectShape ShapeOf => Shape;
}
