using System;
using System.Collections.Generic;
using CsmEvents.Model.Json;

namespace CsmEvents.Model;

// Typed parts of an event, one class per schema definition (seed 000 Windows, seed 003 old Linux, seed 002 base
// format, current Linux fields of FORMAT.md 1.3). Member order = schema order, which is the order agents write, so
// the common case needs no stored member order. Each class's Shape lists its JSON members once; the generic
// ObjectShape reader/writer does the lossless mapping.

/// <summary>A process exit.</summary>
public sealed partial class ExitEvent : CsmObject
{
    /// <summary>EXITED, SIGNALED or COREDUMPED. JSON: <c>cause</c>.</summary>
    public string? Cause { get; set; }

    /// <summary>Exit code or signal number. JSON: <c>code</c>.</summary>
    public long? Code { get; set; }

    internal static readonly ObjectShape<ExitEvent> Shape = new ObjectShape<ExitEvent>(() => new ExitEvent())
            .String("cause", o => o.Cause, (o, v) => o.Cause = v)
            .Int64("code", o => o.Code, (o, v) => o.Code = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A Windows registry event.</summary>
public sealed partial class RegistryEvent : CsmObject
{
    /// <summary>JSON: <c>key_name</c>.</summary>
    public string? KeyName { get; set; }

    /// <summary>JSON: <c>key_path</c>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Only for set_key_value. JSON: <c>value_name</c>.</summary>
    public string? ValueName { get; set; }

    internal static readonly ObjectShape<RegistryEvent> Shape = new ObjectShape<RegistryEvent>(() => new RegistryEvent())
            .String("key_name", o => o.KeyName, (o, v) => o.KeyName = v)
            .String("key_path", o => o.KeyPath, (o, v) => o.KeyPath = v)
            .String("value_name", o => o.ValueName, (o, v) => o.ValueName = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A Windows permission change (`permission_change`).</summary>
public sealed partial class ChangePermissionEvent : CsmObject
{
    /// <summary>JSON: <c>username</c>.</summary>
    public string? Username { get; set; }

    /// <summary>JSON: <c>user_domain</c>.</summary>
    public string? UserDomain { get; set; }

    /// <summary>JSON: <c>path</c>.</summary>
    public string? Path { get; set; }

    /// <summary>JSON: <c>type</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Original security descriptor. JSON: <c>old_sd</c>.</summary>
    public string? OldSd { get; set; }

    /// <summary>New security descriptor. JSON: <c>new_sd</c>.</summary>
    public string? NewSd { get; set; }

    internal static readonly ObjectShape<ChangePermissionEvent> Shape = new ObjectShape<ChangePermissionEvent>(() => new ChangePermissionEvent())
            .String("username", o => o.Username, (o, v) => o.Username = v)
            .String("user_domain", o => o.UserDomain, (o, v) => o.UserDomain = v)
            .String("path", o => o.Path, (o, v) => o.Path = v)
            .String("type", o => o.Type, (o, v) => o.Type = v)
            .String("old_sd", o => o.OldSd, (o, v) => o.OldSd = v)
            .String("new_sd", o => o.NewSd, (o, v) => o.NewSd = v);

    internal override IObjectShape ShapeOf => Shape;
}
