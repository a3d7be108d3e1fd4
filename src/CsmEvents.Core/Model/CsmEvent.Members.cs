using System;
using System.Collections.Generic;
using CsmEvents.Model.Json;

namespace CsmEvents.Model;

// Typed parts of an event, one class per schema definition (seed 000 Windows, seed 003 old Linux, seed 002 base
// format, current Linux fields of FORMAT.md 1.3). Member order = schema order, which is the order agents write, so
// the common case needs no stored member order. Each class's Shape lists its JSON members once; the generic
// ObjectShape reader/writer does the lossless mapping.

/// <summary>One CSM Threats security event (Windows or Linux). Typed members below; convenience members and the source are in CsmEvent.cs.</summary>
public sealed partial class CsmEvent : CsmObject
{
    /// <summary>The agent and the rule that matched. JSON: <c>agent</c>.</summary>
    public AgentContext? Agent { get; set; }

    /// <summary>Rule description. JSON: <c>title</c>.</summary>
    public string? Title { get; set; }

    /// <summary>Event type, category and outcome. JSON: <c>evt</c>.</summary>
    public EventContext? Evt { get; set; }

    private TimeValue _date;

    /// <summary>When the event happened (RFC 3339, nanoseconds kept in the original text). JSON: <c>date</c>. The original text (nanoseconds, offset) is written back unless the value is changed.</summary>
    public DateTimeOffset? Date { get => _date.Value; set => _date = TimeValue.FromUser(value); }

    /// <summary>JSON: <c>file</c>.</summary>
    public FileEvent? File { get; set; }

    /// <summary>JSON: <c>exit</c>.</summary>
    public ExitEvent? Exit { get; set; }

    /// <summary>The acting process with its parent and ancestors. JSON: <c>process</c>.</summary>
    public ProcessContext? Process { get; set; }

    /// <summary>JSON: <c>container</c>.</summary>
    public ContainerContext? Container { get; set; }

    /// <summary>JSON: <c>network</c>.</summary>
    public NetworkContext? Network { get; set; }

    /// <summary>JSON: <c>dd</c>.</summary>
    public DDContext? Dd { get; set; }

    /// <summary>JSON: <c>security_profile</c>.</summary>
    public SecurityProfileContext? SecurityProfile { get; set; }

    /// <summary>JSON: <c>cgroup</c>.</summary>
    public CGroupContext? Cgroup { get; set; }

    /// <summary>JSON: <c>selinux</c>.</summary>
    public SELinuxEvent? Selinux { get; set; }

    /// <summary>JSON: <c>bpf</c>.</summary>
    public BPFEvent? Bpf { get; set; }

    /// <summary>JSON: <c>mmap</c>.</summary>
    public MMapEvent? Mmap { get; set; }

    /// <summary>JSON: <c>mprotect</c>.</summary>
    public MProtectEvent? Mprotect { get; set; }

    /// <summary>JSON: <c>ptrace</c>.</summary>
    public PTraceEvent? Ptrace { get; set; }

    /// <summary>JSON: <c>module</c>.</summary>
    public ModuleEvent? Module { get; set; }

    /// <summary>JSON: <c>signal</c>.</summary>
    public SignalEvent? Signal { get; set; }

    /// <summary>JSON: <c>splice</c>.</summary>
    public SpliceEvent? Splice { get; set; }

    /// <summary>JSON: <c>dns</c>.</summary>
    public DNSEvent? Dns { get; set; }

    /// <summary>JSON: <c>accept</c>.</summary>
    public AcceptEvent? Accept { get; set; }

    /// <summary>JSON: <c>bind</c>.</summary>
    public BindEvent? Bind { get; set; }

    /// <summary>JSON: <c>connect</c>.</summary>
    public ConnectEvent? Connect { get; set; }

    /// <summary>JSON: <c>mount</c>.</summary>
    public MountEvent? Mount { get; set; }

    /// <summary>The user (Linux id/group, Windows name/sid). JSON: <c>usr</c>.</summary>
    public UserContext? Usr { get; set; }

    /// <summary>Windows registry event details. JSON: <c>registry</c>.</summary>
    public RegistryEvent? Registry { get; set; }

    /// <summary>Windows permission change details. JSON: <c>permission_change</c>.</summary>
    public ChangePermissionEvent? PermissionChange { get; set; }

    internal static readonly ObjectShape<CsmEvent> Shape = new ObjectShape<CsmEvent>(() => new CsmEvent())
            .Object("agent", o => o.Agent, (o, v) => o.Agent = v, AgentContext.Shape)
            .String("title", o => o.Title, (o, v) => o.Title = v)
            .Object("evt", o => o.Evt, (o, v) => o.Evt = v, EventContext.Shape)
            .Time("date", o => o._date, (o, v) => o._date = v)
            .Object("file", o => o.File, (o, v) => o.File = v, FileEvent.Shape)
            .Object("exit", o => o.Exit, (o, v) => o.Exit = v, ExitEvent.Shape)
            .Object("process", o => o.Process, (o, v) => o.Process = v, ProcessContext.Shape)
            .Object("container", o => o.Container, (o, v) => o.Container = v, ContainerContext.Shape)
            .Object("network", o => o.Network, (o, v) => o.Network = v, NetworkContext.Shape)
            .Object("dd", o => o.Dd, (o, v) => o.Dd = v, DDContext.Shape)
            .Object("security_profile", o => o.SecurityProfile, (o, v) => o.SecurityProfile = v, SecurityProfileContext.Shape)
            .Object("cgroup", o => o.Cgroup, (o, v) => o.Cgroup = v, CGroupContext.Shape)
            .Object("selinux", o => o.Selinux, (o, v) => o.Selinux = v, SELinuxEvent.Shape)
            .Object("bpf", o => o.Bpf, (o, v) => o.Bpf = v, BPFEvent.Shape)
            .Object("mmap", o => o.Mmap, (o, v) => o.Mmap = v, MMapEvent.Shape)
            .Object("mprotect", o => o.Mprotect, (o, v) => o.Mprotect = v, MProtectEvent.Shape)
            .Object("ptrace", o => o.Ptrace, (o, v) => o.Ptrace = v, PTraceEvent.Shape)
            .Object("module", o => o.Module, (o, v) => o.Module = v, ModuleEvent.Shape)
            .Object("signal", o => o.Signal, (o, v) => o.Signal = v, SignalEvent.Shape)
            .Object("splice", o => o.Splice, (o, v) => o.Splice = v, SpliceEvent.Shape)
            .Object("dns", o => o.Dns, (o, v) => o.Dns = v, DNSEvent.Shape)
            .Object("accept", o => o.Accept, (o, v) => o.Accept = v, AcceptEvent.Shape)
            .Object("bind", o => o.Bind, (o, v) => o.Bind = v, BindEvent.Shape)
            .Object("connect", o => o.Connect, (o, v) => o.Connect = v, ConnectEvent.Shape)
            .Object("mount", o => o.Mount, (o, v) => o.Mount = v, MountEvent.Shape)
            .Object("usr", o => o.Usr, (o, v) => o.Usr = v, UserContext.Shape)
            .Object("registry", o => o.Registry, (o, v) => o.Registry = v, RegistryEvent.Shape)
            .Object("permission_change", o => o.PermissionChange, (o, v) => o.PermissionChange = v, ChangePermissionEvent.Shape);

    internal override IObjectShape ShapeOf => Shape;
}
