using System;
using System.Collections.Generic;
using CsmEvents.Model.Json;

namespace CsmEvents.Model;

// Typed parts of an event, one class per schema definition (seed 000 Windows, seed 003 old Linux, seed 002 base
// format, current Linux fields of FORMAT.md 1.3). Member order = schema order, which is the order agents write, so
// the common case needs no stored member order. Each class's Shape lists its JSON members once; the generic
// ObjectShape reader/writer does the lossless mapping.

/// <summary>A process (schema Process, ProcessCacheEntry in seed 003), as the acting process, its parent or an ancestor. Windows and Linux fields in one type.</summary>
public partial class Process : CsmObject
{
    /// <summary>Process id. JSON: <c>pid</c>.</summary>
    public long? Pid { get; set; }

    /// <summary>Parent process id (the OS parent; may differ from Parent.Pid after an exec). JSON: <c>ppid</c>.</summary>
    public long? Ppid { get; set; }

    /// <summary>Thread id. JSON: <c>tid</c>.</summary>
    public long? Tid { get; set; }

    /// <summary>JSON: <c>uid</c>.</summary>
    public long? Uid { get; set; }

    /// <summary>JSON: <c>gid</c>.</summary>
    public long? Gid { get; set; }

    /// <summary>User name (Windows: DOMAIN\\user). JSON: <c>user</c>.</summary>
    public string? User { get; set; }

    /// <summary>JSON: <c>group</c>.</summary>
    public string? Group { get; set; }

    /// <summary>JSON: <c>path_resolution_error</c>.</summary>
    public string? PathResolutionError { get; set; }

    /// <summary>Linux command name (at most 16 characters). JSON: <c>comm</c>.</summary>
    public string? Comm { get; set; }

    /// <summary>JSON: <c>tty</c>.</summary>
    public string? Tty { get; set; }

    private TimeValue _forkTime;

    /// <summary>When the process was created (fork). JSON: <c>fork_time</c>. The original text (nanoseconds, offset) is written back unless the value is changed.</summary>
    public DateTimeOffset? ForkTime { get => _forkTime.Value; set => _forkTime = TimeValue.FromUser(value); }

    private TimeValue _execTime;

    /// <summary>When the current image was executed. JSON: <c>exec_time</c>. The original text (nanoseconds, offset) is written back unless the value is changed.</summary>
    public DateTimeOffset? ExecTime { get => _execTime.Value; set => _execTime = TimeValue.FromUser(value); }

    // The tree reads these for every lineage entry of every event (see TimeValue).
    internal long? ExecUtcTicks => _execTime.UtcTicks;
    internal long? ForkUtcTicks => _forkTime.UtcTicks;
    internal bool HasExecTime => _execTime.HasValue;
    internal bool HasForkTime => _forkTime.HasValue;
    internal bool HasExitTime => _exitTime.HasValue;

    private TimeValue _exitTime;

    /// <summary>When the process exited, or its image was replaced by an exec. JSON: <c>exit_time</c>. The original text (nanoseconds, offset) is written back unless the value is changed.</summary>
    public DateTimeOffset? ExitTime { get => _exitTime.Value; set => _exitTime = TimeValue.FromUser(value); }

    /// <summary>JSON: <c>credentials</c>.</summary>
    public ProcessCredentials? Credentials { get; set; }

    /// <summary>JSON: <c>caps_attempted</c>.</summary>
    public string[]? CapsAttempted { get; set; }

    /// <summary>JSON: <c>caps_used</c>.</summary>
    public string[]? CapsUsed { get; set; }

    /// <summary>JSON: <c>user_session</c>.</summary>
    public UserSessionContext? UserSession { get; set; }

    /// <summary>The executed file. JSON: <c>executable</c>.</summary>
    public CsmFile? Executable { get; set; }

    /// <summary>Script interpreter, when the executable is a script. JSON: <c>interpreter</c>.</summary>
    public CsmFile? Interpreter { get; set; }

    /// <summary>JSON: <c>cgroup</c>.</summary>
    public CGroupContext? Cgroup { get; set; }

    /// <summary>JSON: <c>container</c>.</summary>
    public ContainerContext? Container { get; set; }

    /// <summary>Windows command line. JSON: <c>cmdline</c>.</summary>
    public string? Cmdline { get; set; }

    /// <summary>Linux argv[0]. JSON: <c>argv0</c>.</summary>
    public string? Argv0 { get; set; }

    /// <summary>Linux arguments after argv[0]. JSON: <c>args</c>.</summary>
    public string[]? Args { get; set; }

    /// <summary>JSON: <c>args_truncated</c>.</summary>
    public bool? ArgsTruncated { get; set; }

    /// <summary>Environment variable names. JSON: <c>envs</c>.</summary>
    public string[]? Envs { get; set; }

    /// <summary>JSON: <c>envs_truncated</c>.</summary>
    public bool? EnvsTruncated { get; set; }

    /// <summary>True for a fork child that has not executed another program. JSON: <c>is_thread</c>.</summary>
    public bool? IsThread { get; set; }

    /// <summary>JSON: <c>is_kworker</c>.</summary>
    public bool? IsKworker { get; set; }

    /// <summary>JSON: <c>is_exec_child</c>.</summary>
    public bool? IsExecChild { get; set; }

    /// <summary>How the agent learned of the process (event, procfs_snapshot, ...). JSON: <c>source</c>.</summary>
    public string? Source { get; set; }

    /// <summary>JSON: <c>syscalls</c>.</summary>
    public object? Syscalls { get; set; }

    /// <summary>JSON: <c>aws_security_credentials</c>.</summary>
    public object? AwsSecurityCredentials { get; set; }

    /// <summary>Base event format (seed 002) only. JSON: <c>executable_path</c>.</summary>
    public string? ExecutablePath { get; set; }

    /// <summary>Base event format (seed 002) only. JSON: <c>executable_inode</c>.</summary>
    public ulong? ExecutableInode { get; set; }

    /// <summary>Base event format (seed 002) only. JSON: <c>executable_mount_id</c>.</summary>
    public long? ExecutableMountId { get; set; }

    /// <summary>Base event format (seed 002) only. JSON: <c>executable_container_path</c>.</summary>
    public string? ExecutableContainerPath { get; set; }

    internal static readonly ObjectShape<Process> Shape = AddMembers(new ObjectShape<Process>(() => new Process())).ReadWith(new Members());

    internal override IObjectShape ShapeOf => Shape;

    internal static ObjectShape<T> AddMembers<T>(ObjectShape<T> shape) where T : Process
    {
        return shape
            .Int64("pid", o => o.Pid, (o, v) => o.Pid = v)
            .Int64("ppid", o => o.Ppid, (o, v) => o.Ppid = v)
            .Int64("tid", o => o.Tid, (o, v) => o.Tid = v)
            .Int64("uid", o => o.Uid, (o, v) => o.Uid = v)
            .Int64("gid", o => o.Gid, (o, v) => o.Gid = v)
            .String("user", o => o.User, (o, v) => o.User = v)
            .String("group", o => o.Group, (o, v) => o.Group = v)
            .String("path_resolution_error", o => o.PathResolutionError, (o, v) => o.PathResolutionError = v)
            .String("comm", o => o.Comm, (o, v) => o.Comm = v)
            .String("tty", o => o.Tty, (o, v) => o.Tty = v)
            .Time("fork_time", o => o._forkTime, (o, v) => o._forkTime = v)
            .Time("exec_time", o => o._execTime, (o, v) => o._execTime = v)
            .Time("exit_time", o => o._exitTime, (o, v) => o._exitTime = v)
            .Object("credentials", o => o.Credentials, (o, v) => o.Credentials = v, ProcessCredentials.Shape)
            .Strings("caps_attempted", o => o.CapsAttempted, (o, v) => o.CapsAttempted = v)
            .Strings("caps_used", o => o.CapsUsed, (o, v) => o.CapsUsed = v)
            .Object("user_session", o => o.UserSession, (o, v) => o.UserSession = v, UserSessionContext.Shape)
            .Object("executable", o => o.Executable, (o, v) => o.Executable = v, CsmFile.Shape)
            .Object("interpreter", o => o.Interpreter, (o, v) => o.Interpreter = v, CsmFile.Shape)
            .Object("cgroup", o => o.Cgroup, (o, v) => o.Cgroup = v, CGroupContext.Shape)
            .Object("container", o => o.Container, (o, v) => o.Container = v, ContainerContext.Shape)
            .String("cmdline", o => o.Cmdline, (o, v) => o.Cmdline = v)
            .String("argv0", o => o.Argv0, (o, v) => o.Argv0 = v)
            .Strings("args", o => o.Args, (o, v) => o.Args = v)
            .Boolean("args_truncated", o => o.ArgsTruncated, (o, v) => o.ArgsTruncated = v)
            .Strings("envs", o => o.Envs, (o, v) => o.Envs = v)
            .Boolean("envs_truncated", o => o.EnvsTruncated, (o, v) => o.EnvsTruncated = v)
            .Boolean("is_thread", o => o.IsThread, (o, v) => o.IsThread = v)
            .Boolean("is_kworker", o => o.IsKworker, (o, v) => o.IsKworker = v)
            .Boolean("is_exec_child", o => o.IsExecChild, (o, v) => o.IsExecChild = v)
            .String("source", o => o.Source, (o, v) => o.Source = v)
            .Plain("syscalls", o => o.Syscalls, (o, v) => o.Syscalls = v)
            .Plain("aws_security_credentials", o => o.AwsSecurityCredentials, (o, v) => o.AwsSecurityCredentials = v)
            .String("executable_path", o => o.ExecutablePath, (o, v) => o.ExecutablePath = v)
            .UInt64("executable_inode", o => o.ExecutableInode, (o, v) => o.ExecutableInode = v)
            .Int64("executable_mount_id", o => o.ExecutableMountId, (o, v) => o.ExecutableMountId = v)
            .String("executable_container_path", o => o.ExecutableContainerPath, (o, v) => o.ExecutableContainerPath = v);
    }
}

/// <summary>The acting process with its lineage: Parent (the same process as Ancestors[0]) and Ancestors, nearest first.</summary>
public sealed partial class ProcessContext : Process
{
    /// <summary>Nearest ancestor: the same process as Ancestors[0]. After an exec it is the pre-exec image, with the same pid. JSON: <c>parent</c>.</summary>
    public Process? Parent { get; set; }

    /// <summary>Ancestors, nearest first, normally ending at pid 1. JSON: <c>ancestors</c>.</summary>
    public List<Process>? Ancestors { get; set; }

    /// <summary>Rule variables (a free map). JSON: <c>variables</c>.</summary>
    public object? Variables { get; set; }

    /// <summary>True when the agent cut the middle of a lineage longer than 200 ancestors. JSON: <c>truncated_ancestors</c>.</summary>
    public bool? TruncatedAncestors { get; set; }

    internal static readonly new ObjectShape<ProcessContext> Shape = Process.AddMembers(new ObjectShape<ProcessContext>(() => new ProcessContext()))
            .Object("parent", o => o.Parent, (o, v) => o.Parent = v, Process.Shape)
            .Objects("ancestors", o => o.Ancestors, (o, v) => o.Ancestors = v, Process.Shape)
            .Plain("variables", o => o.Variables, (o, v) => o.Variables = v)
            .Boolean("truncated_ancestors", o => o.TruncatedAncestors, (o, v) => o.TruncatedAncestors = v)
            .ReadWith(new ContextMembers());

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>Linux process credentials.</summary>
public sealed partial class ProcessCredentials : CsmObject
{
    /// <summary>JSON: <c>uid</c>.</summary>
    public long? Uid { get; set; }

    /// <summary>JSON: <c>user</c>.</summary>
    public string? User { get; set; }

    /// <summary>JSON: <c>gid</c>.</summary>
    public long? Gid { get; set; }

    /// <summary>JSON: <c>group</c>.</summary>
    public string? Group { get; set; }

    /// <summary>JSON: <c>euid</c>.</summary>
    public long? Euid { get; set; }

    /// <summary>JSON: <c>euser</c>.</summary>
    public string? Euser { get; set; }

    /// <summary>JSON: <c>egid</c>.</summary>
    public long? Egid { get; set; }

    /// <summary>JSON: <c>egroup</c>.</summary>
    public string? Egroup { get; set; }

    /// <summary>JSON: <c>fsuid</c>.</summary>
    public long? Fsuid { get; set; }

    /// <summary>JSON: <c>fsuser</c>.</summary>
    public string? Fsuser { get; set; }

    /// <summary>JSON: <c>fsgid</c>.</summary>
    public long? Fsgid { get; set; }

    /// <summary>JSON: <c>fsgroup</c>.</summary>
    public string? Fsgroup { get; set; }

    /// <summary>Audit (login) user id; 4294967295 when unset. JSON: <c>auid</c>.</summary>
    public long? Auid { get; set; }

    /// <summary>JSON: <c>cap_effective</c>.</summary>
    public string[]? CapEffective { get; set; }

    /// <summary>JSON: <c>cap_permitted</c>.</summary>
    public string[]? CapPermitted { get; set; }

    /// <summary>New credentials of a setuid/setgid/capset event (any JSON). JSON: <c>destination</c>.</summary>
    public object? Destination { get; set; }

    internal static readonly ObjectShape<ProcessCredentials> Shape = new ObjectShape<ProcessCredentials>(() => new ProcessCredentials())
            .Int64("uid", o => o.Uid, (o, v) => o.Uid = v)
            .String("user", o => o.User, (o, v) => o.User = v)
            .Int64("gid", o => o.Gid, (o, v) => o.Gid = v)
            .String("group", o => o.Group, (o, v) => o.Group = v)
            .Int64("euid", o => o.Euid, (o, v) => o.Euid = v)
            .String("euser", o => o.Euser, (o, v) => o.Euser = v)
            .Int64("egid", o => o.Egid, (o, v) => o.Egid = v)
            .String("egroup", o => o.Egroup, (o, v) => o.Egroup = v)
            .Int64("fsuid", o => o.Fsuid, (o, v) => o.Fsuid = v)
            .String("fsuser", o => o.Fsuser, (o, v) => o.Fsuser = v)
            .Int64("fsgid", o => o.Fsgid, (o, v) => o.Fsgid = v)
            .String("fsgroup", o => o.Fsgroup, (o, v) => o.Fsgroup = v)
            .Int64("auid", o => o.Auid, (o, v) => o.Auid = v)
            .Strings("cap_effective", o => o.CapEffective, (o, v) => o.CapEffective = v)
            .Strings("cap_permitted", o => o.CapPermitted, (o, v) => o.CapPermitted = v)
            .Plain("destination", o => o.Destination, (o, v) => o.Destination = v)
            .ReadWith(new Members());

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>The user session (Kubernetes or SSH) a process belongs to.</summary>
public sealed partial class UserSessionContext : CsmObject
{
    /// <summary>JSON: <c>id</c>.</summary>
    public string? Id { get; set; }

    /// <summary>JSON: <c>session_type</c>.</summary>
    public string? SessionType { get; set; }

    /// <summary>JSON: <c>k8s_username</c>.</summary>
    public string? K8sUsername { get; set; }

    /// <summary>JSON: <c>k8s_uid</c>.</summary>
    public string? K8sUid { get; set; }

    /// <summary>JSON: <c>k8s_groups</c>.</summary>
    public string[]? K8sGroups { get; set; }

    /// <summary>JSON: <c>k8s_extra</c>.</summary>
    public object? K8sExtra { get; set; }

    /// <summary>JSON: <c>ssh_username</c>.</summary>
    public string? SshUsername { get; set; }

    /// <summary>JSON: <c>ssh_port</c>.</summary>
    public long? SshPort { get; set; }

    /// <summary>JSON: <c>ssh_client_ip</c>.</summary>
    public string? SshClientIp { get; set; }

    /// <summary>JSON: <c>ssh_auth_method</c>.</summary>
    public string? SshAuthMethod { get; set; }

    /// <summary>JSON: <c>ssh_public_key</c>.</summary>
    public string? SshPublicKey { get; set; }

    internal static readonly ObjectShape<UserSessionContext> Shape = new ObjectShape<UserSessionContext>(() => new UserSessionContext())
            .String("id", o => o.Id, (o, v) => o.Id = v)
            .String("session_type", o => o.SessionType, (o, v) => o.SessionType = v)
            .String("k8s_username", o => o.K8sUsername, (o, v) => o.K8sUsername = v)
            .String("k8s_uid", o => o.K8sUid, (o, v) => o.K8sUid = v)
            .Strings("k8s_groups", o => o.K8sGroups, (o, v) => o.K8sGroups = v)
            .Plain("k8s_extra", o => o.K8sExtra, (o, v) => o.K8sExtra = v)
            .String("ssh_username", o => o.SshUsername, (o, v) => o.SshUsername = v)
            .Int64("ssh_port", o => o.SshPort, (o, v) => o.SshPort = v)
            .String("ssh_client_ip", o => o.SshClientIp, (o, v) => o.SshClientIp = v)
            .String("ssh_auth_method", o => o.SshAuthMethod, (o, v) => o.SshAuthMethod = v)
            .String("ssh_public_key", o => o.SshPublicKey, (o, v) => o.SshPublicKey = v);

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>The control group of a process.</summary>
public sealed partial class CGroupContext : CsmObject
{
    /// <summary>JSON: <c>id</c>.</summary>
    public string? Id { get; set; }

    /// <summary>JSON: <c>manager</c>.</summary>
    public string? Manager { get; set; }

    /// <summary>JSON: <c>variables</c>.</summary>
    public object? Variables { get; set; }

    internal static readonly ObjectShape<CGroupContext> Shape = new ObjectShape<CGroupContext>(() => new CGroupContext())
            .String("id", o => o.Id, (o, v) => o.Id = v)
            .String("manager", o => o.Manager, (o, v) => o.Manager = v)
            .Plain("variables", o => o.Variables, (o, v) => o.Variables = v);

    internal override IObjectShape ShapeOf => Shape;
}
