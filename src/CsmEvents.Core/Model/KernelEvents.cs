using System;
using System.Collections.Generic;
using CsmEvents.Model.Json;

namespace CsmEvents.Model;

// Typed parts of an event, one class per schema definition (seed 000 Windows, seed 003 old Linux, seed 002 base
// format, current Linux fields of FORMAT.md 1.3). Member order = schema order, which is the order agents write, so
// the common case needs no stored member order. Each class's Shape lists its JSON members once; the generic
// ObjectShape reader/writer does the lossless mapping.

/// <summary>An SELinux event.</summary>
public sealed partial class SELinuxEvent : CsmObject
{
    /// <summary>JSON: <c>bool</c>.</summary>
    public SELinuxBoolChange? Bool { get; set; }

    /// <summary>JSON: <c>enforce</c>.</summary>
    public SELinuxEnforceStatus? Enforce { get; set; }

    /// <summary>JSON: <c>bool_commit</c>.</summary>
    public SELinuxBoolCommit? BoolCommit { get; set; }

    internal static readonly ObjectShape<SELinuxEvent> Shape = new ObjectShape<SELinuxEvent>(() => new SELinuxEvent())
            .Object("bool", o => o.Bool, (o, v) => o.Bool = v, SELinuxBoolChange.Shape)
            .Object("enforce", o => o.Enforce, (o, v) => o.Enforce = v, SELinuxEnforceStatus.Shape)
            .Object("bool_commit", o => o.BoolCommit, (o, v) => o.BoolCommit = v, SELinuxBoolCommit.Shape);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>An SELinux boolean change.</summary>
public sealed partial class SELinuxBoolChange : CsmObject
{
    /// <summary>JSON: <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>JSON: <c>state</c>.</summary>
    public string? State { get; set; }

    internal static readonly ObjectShape<SELinuxBoolChange> Shape = new ObjectShape<SELinuxBoolChange>(() => new SELinuxBoolChange())
            .String("name", o => o.Name, (o, v) => o.Name = v)
            .String("state", o => o.State, (o, v) => o.State = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>An SELinux enforcement status change.</summary>
public sealed partial class SELinuxEnforceStatus : CsmObject
{
    /// <summary>JSON: <c>status</c>.</summary>
    public string? Status { get; set; }

    internal static readonly ObjectShape<SELinuxEnforceStatus> Shape = new ObjectShape<SELinuxEnforceStatus>(() => new SELinuxEnforceStatus())
            .String("status", o => o.Status, (o, v) => o.Status = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>An SELinux boolean commit.</summary>
public sealed partial class SELinuxBoolCommit : CsmObject
{
    /// <summary>JSON: <c>state</c>.</summary>
    public bool? State { get; set; }

    internal static readonly ObjectShape<SELinuxBoolCommit> Shape = new ObjectShape<SELinuxBoolCommit>(() => new SELinuxBoolCommit())
            .Boolean("state", o => o.State, (o, v) => o.State = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A bpf() call.</summary>
public sealed partial class BPFEvent : CsmObject
{
    /// <summary>JSON: <c>cmd</c>.</summary>
    public string? Cmd { get; set; }

    /// <summary>JSON: <c>map</c>.</summary>
    public BPFMap? Map { get; set; }

    /// <summary>JSON: <c>program</c>.</summary>
    public BPFProgram? Program { get; set; }

    internal static readonly ObjectShape<BPFEvent> Shape = new ObjectShape<BPFEvent>(() => new BPFEvent())
            .String("cmd", o => o.Cmd, (o, v) => o.Cmd = v)
            .Object("map", o => o.Map, (o, v) => o.Map = v, BPFMap.Shape)
            .Object("program", o => o.Program, (o, v) => o.Program = v, BPFProgram.Shape);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>An eBPF map.</summary>
public sealed partial class BPFMap : CsmObject
{
    /// <summary>JSON: <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>JSON: <c>map_type</c>.</summary>
    public string? MapType { get; set; }

    internal static readonly ObjectShape<BPFMap> Shape = new ObjectShape<BPFMap>(() => new BPFMap())
            .String("name", o => o.Name, (o, v) => o.Name = v)
            .String("map_type", o => o.MapType, (o, v) => o.MapType = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>An eBPF program.</summary>
public sealed partial class BPFProgram : CsmObject
{
    /// <summary>JSON: <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>JSON: <c>tag</c>.</summary>
    public string? Tag { get; set; }

    /// <summary>JSON: <c>program_type</c>.</summary>
    public string? ProgramType { get; set; }

    /// <summary>JSON: <c>attach_type</c>.</summary>
    public string? AttachType { get; set; }

    /// <summary>JSON: <c>helpers</c>.</summary>
    public string[]? Helpers { get; set; }

    internal static readonly ObjectShape<BPFProgram> Shape = new ObjectShape<BPFProgram>(() => new BPFProgram())
            .String("name", o => o.Name, (o, v) => o.Name = v)
            .String("tag", o => o.Tag, (o, v) => o.Tag = v)
            .String("program_type", o => o.ProgramType, (o, v) => o.ProgramType = v)
            .String("attach_type", o => o.AttachType, (o, v) => o.AttachType = v)
            .Strings("helpers", o => o.Helpers, (o, v) => o.Helpers = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A ptrace call.</summary>
public sealed partial class PTraceEvent : CsmObject
{
    /// <summary>JSON: <c>request</c>.</summary>
    public string? Request { get; set; }

    /// <summary>JSON: <c>address</c>.</summary>
    public string? Address { get; set; }

    /// <summary>The traced process. JSON: <c>tracee</c>.</summary>
    public ProcessContext? Tracee { get; set; }

    internal static readonly ObjectShape<PTraceEvent> Shape = new ObjectShape<PTraceEvent>(() => new PTraceEvent())
            .String("request", o => o.Request, (o, v) => o.Request = v)
            .String("address", o => o.Address, (o, v) => o.Address = v)
            .Object("tracee", o => o.Tracee, (o, v) => o.Tracee = v, ProcessContext.Shape);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A signal sent to a process.</summary>
public sealed partial class SignalEvent : CsmObject
{
    /// <summary>JSON: <c>type</c>.</summary>
    public string? Type { get; set; }

    /// <summary>JSON: <c>pid</c>.</summary>
    public long? Pid { get; set; }

    /// <summary>The process the signal was sent to. JSON: <c>target</c>.</summary>
    public ProcessContext? Target { get; set; }

    internal static readonly ObjectShape<SignalEvent> Shape = new ObjectShape<SignalEvent>(() => new SignalEvent())
            .String("type", o => o.Type, (o, v) => o.Type = v)
            .Int64("pid", o => o.Pid, (o, v) => o.Pid = v)
            .Object("target", o => o.Target, (o, v) => o.Target = v, ProcessContext.Shape);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A mount.</summary>
public sealed partial class MountEvent : CsmObject
{
    /// <summary>JSON: <c>mp</c>.</summary>
    public CsmFile? Mp { get; set; }

    /// <summary>JSON: <c>root</c>.</summary>
    public CsmFile? Root { get; set; }

    /// <summary>JSON: <c>mount_id</c>.</summary>
    public long? MountId { get; set; }

    /// <summary>JSON: <c>parent_mount_id</c>.</summary>
    public long? ParentMountId { get; set; }

    /// <summary>JSON: <c>bind_src_mount_id</c>.</summary>
    public long? BindSrcMountId { get; set; }

    /// <summary>JSON: <c>device</c>.</summary>
    public long? Device { get; set; }

    /// <summary>JSON: <c>fs_type</c>.</summary>
    public string? FsType { get; set; }

    /// <summary>JSON: <c>mountpoint.path</c>.</summary>
    public string? MountpointPath { get; set; }

    /// <summary>JSON: <c>source.path</c>.</summary>
    public string? SourcePath { get; set; }

    /// <summary>JSON: <c>mountpoint.path_error</c>.</summary>
    public string? MountpointPathError { get; set; }

    /// <summary>JSON: <c>source.path_error</c>.</summary>
    public string? SourcePathError { get; set; }

    /// <summary>JSON: <c>detached</c>.</summary>
    public bool? Detached { get; set; }

    /// <summary>JSON: <c>visible</c>.</summary>
    public bool? Visible { get; set; }

    internal static readonly ObjectShape<MountEvent> Shape = new ObjectShape<MountEvent>(() => new MountEvent())
            .Object("mp", o => o.Mp, (o, v) => o.Mp = v, CsmFile.Shape)
            .Object("root", o => o.Root, (o, v) => o.Root = v, CsmFile.Shape)
            .Int64("mount_id", o => o.MountId, (o, v) => o.MountId = v)
            .Int64("parent_mount_id", o => o.ParentMountId, (o, v) => o.ParentMountId = v)
            .Int64("bind_src_mount_id", o => o.BindSrcMountId, (o, v) => o.BindSrcMountId = v)
            .Int64("device", o => o.Device, (o, v) => o.Device = v)
            .String("fs_type", o => o.FsType, (o, v) => o.FsType = v)
            .String("mountpoint.path", o => o.MountpointPath, (o, v) => o.MountpointPath = v)
            .String("source.path", o => o.SourcePath, (o, v) => o.SourcePath = v)
            .String("mountpoint.path_error", o => o.MountpointPathError, (o, v) => o.MountpointPathError = v)
            .String("source.path_error", o => o.SourcePathError, (o, v) => o.SourcePathError = v)
            .Boolean("detached", o => o.Detached, (o, v) => o.Detached = v)
            .Boolean("visible", o => o.Visible, (o, v) => o.Visible = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A kernel module load or unload.</summary>
public sealed partial class ModuleEvent : CsmObject
{
    /// <summary>JSON: <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>JSON: <c>loaded_from_memory</c>.</summary>
    public bool? LoadedFromMemory { get; set; }

    /// <summary>JSON: <c>argv</c>.</summary>
    public string[]? Argv { get; set; }

    /// <summary>JSON: <c>args_truncated</c>.</summary>
    public bool? ArgsTruncated { get; set; }

    internal static readonly ObjectShape<ModuleEvent> Shape = new ObjectShape<ModuleEvent>(() => new ModuleEvent())
            .String("name", o => o.Name, (o, v) => o.Name = v)
            .Boolean("loaded_from_memory", o => o.LoadedFromMemory, (o, v) => o.LoadedFromMemory = v)
            .Strings("argv", o => o.Argv, (o, v) => o.Argv = v)
            .Boolean("args_truncated", o => o.ArgsTruncated, (o, v) => o.ArgsTruncated = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>An mmap call.</summary>
public sealed partial class MMapEvent : CsmObject
{
    /// <summary>JSON: <c>address</c>.</summary>
    public string? Address { get; set; }

    /// <summary>JSON: <c>offset</c>.</summary>
    public long? Offset { get; set; }

    /// <summary>JSON: <c>length</c>.</summary>
    public long? Length { get; set; }

    /// <summary>JSON: <c>protection</c>.</summary>
    public string? Protection { get; set; }

    /// <summary>JSON: <c>flags</c>.</summary>
    public string? Flags { get; set; }

    internal static readonly ObjectShape<MMapEvent> Shape = new ObjectShape<MMapEvent>(() => new MMapEvent())
            .String("address", o => o.Address, (o, v) => o.Address = v)
            .Int64("offset", o => o.Offset, (o, v) => o.Offset = v)
            .Int64("length", o => o.Length, (o, v) => o.Length = v)
            .String("protection", o => o.Protection, (o, v) => o.Protection = v)
            .String("flags", o => o.Flags, (o, v) => o.Flags = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>An mprotect call.</summary>
public sealed partial class MProtectEvent : CsmObject
{
    /// <summary>JSON: <c>vm_start</c>.</summary>
    public string? VmStart { get; set; }

    /// <summary>JSON: <c>vm_end</c>.</summary>
    public string? VmEnd { get; set; }

    /// <summary>JSON: <c>vm_protection</c>.</summary>
    public string? VmProtection { get; set; }

    /// <summary>JSON: <c>req_protection</c>.</summary>
    public string? ReqProtection { get; set; }

    internal static readonly ObjectShape<MProtectEvent> Shape = new ObjectShape<MProtectEvent>(() => new MProtectEvent())
            .String("vm_start", o => o.VmStart, (o, v) => o.VmStart = v)
            .String("vm_end", o => o.VmEnd, (o, v) => o.VmEnd = v)
            .String("vm_protection", o => o.VmProtection, (o, v) => o.VmProtection = v)
            .String("req_protection", o => o.ReqProtection, (o, v) => o.ReqProtection = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>A splice call.</summary>
public sealed partial class SpliceEvent : CsmObject
{
    /// <summary>JSON: <c>pipe_entry_flag</c>.</summary>
    public string? PipeEntryFlag { get; set; }

    /// <summary>JSON: <c>pipe_exit_flag</c>.</summary>
    public string? PipeExitFlag { get; set; }

    internal static readonly ObjectShape<SpliceEvent> Shape = new ObjectShape<SpliceEvent>(() => new SpliceEvent())
            .String("pipe_entry_flag", o => o.PipeEntryFlag, (o, v) => o.PipeEntryFlag = v)
            .String("pipe_exit_flag", o => o.PipeExitFlag, (o, v) => o.PipeExitFlag = v);

    internal override IObjectShape ShapeOf => Shape;
}
