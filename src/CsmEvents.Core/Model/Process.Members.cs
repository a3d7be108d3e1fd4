using System.Text.Json;
using CsmEvents.Model.Json;

namespace CsmEvents.Model;

// The member reader of Process (see MemberReader): every event holds several processes (the acting one, its
// parent, its ancestors), so their members are most of what the reader maps.
public partial class Process
{
    /// <summary>The typed members in field order; the names are the JSON names (checked against the shape).</summary>
    internal enum Member
    {
        pid, ppid, tid, uid, gid, user, group, path_resolution_error, comm, tty, fork_time, exec_time, exit_time,
        credentials, caps_attempted, caps_used, user_session, executable, interpreter, cgroup, container, cmdline,
        argv0, args, args_truncated, envs, envs_truncated, is_thread, is_kworker, is_exec_child, source, syscalls,
        aws_security_credentials, executable_path, executable_inode, executable_mount_id, executable_container_path,
    }

    internal const int MemberCount = (int)Member.executable_container_path + 1;

    /// <summary>Reads the members of a process that come in schema order (see <see cref="InOrderMembers"/>).</summary>
    internal static void ReadInOrder(Process o, ref Utf8JsonReader r, ReadContext c, ref InOrderMembers m)
    {
        long l;
        ulong u;
        bool b;
        string? s;
        string[]? a;
        object? p;
        TimeValue t;
        if (m.At(ref r, (int)Member.pid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Pid = l;
        if (m.At(ref r, (int)Member.ppid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Ppid = l;
        if (m.At(ref r, (int)Member.tid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Tid = l;
        if (m.At(ref r, (int)Member.uid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Uid = l;
        if (m.At(ref r, (int)Member.gid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Gid = l;
        if (m.At(ref r, (int)Member.user) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.User = s;
        if (m.At(ref r, (int)Member.group) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Group = s;
        if (m.At(ref r, (int)Member.path_resolution_error) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.PathResolutionError = s;
        if (m.At(ref r, (int)Member.comm) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Comm = s;
        if (m.At(ref r, (int)Member.tty) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Tty = s;
        if (m.At(ref r, (int)Member.fork_time) && m.Took(ref r, JsonValues.TryTime(ref r, c, out t))) o._forkTime = t;
        if (m.At(ref r, (int)Member.exec_time) && m.Took(ref r, JsonValues.TryTime(ref r, c, out t))) o._execTime = t;
        if (m.At(ref r, (int)Member.exit_time) && m.Took(ref r, JsonValues.TryTime(ref r, c, out t))) o._exitTime = t;
        if (m.At(ref r, (int)Member.credentials) && m.Took(ref r, JsonValues.TryObject(ref r, c, ProcessCredentials.Shape, out var credentials))) o.Credentials = credentials;
        if (m.At(ref r, (int)Member.caps_attempted) && m.Took(ref r, JsonValues.TryStrings(ref r, c, out a))) o.CapsAttempted = a;
        if (m.At(ref r, (int)Member.caps_used) && m.Took(ref r, JsonValues.TryStrings(ref r, c, out a))) o.CapsUsed = a;
        if (m.At(ref r, (int)Member.user_session) && m.Took(ref r, JsonValues.TryObject(ref r, c, UserSessionContext.Shape, out var userSession))) o.UserSession = userSession;
        if (m.At(ref r, (int)Member.executable) && m.Took(ref r, JsonValues.TryObject(ref r, c, CsmFile.Shape, out var executable))) o.Executable = executable;
        if (m.At(ref r, (int)Member.interpreter) && m.Took(ref r, JsonValues.TryObject(ref r, c, CsmFile.Shape, out var interpreter))) o.Interpreter = interpreter;
        if (m.At(ref r, (int)Member.cgroup) && m.Took(ref r, JsonValues.TryObject(ref r, c, CGroupContext.Shape, out var cgroup))) o.Cgroup = cgroup;
        if (m.At(ref r, (int)Member.container) && m.Took(ref r, JsonValues.TryObject(ref r, c, ContainerContext.Shape, out var container))) o.Container = container;
        if (m.At(ref r, (int)Member.cmdline) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Cmdline = s;
        if (m.At(ref r, (int)Member.argv0) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Argv0 = s;
        if (m.At(ref r, (int)Member.args) && m.Took(ref r, JsonValues.TryStrings(ref r, c, out a))) o.Args = a;
        if (m.At(ref r, (int)Member.args_truncated) && m.Took(ref r, JsonValues.TryBoolean(ref r, out b))) o.ArgsTruncated = b;
        if (m.At(ref r, (int)Member.envs) && m.Took(ref r, JsonValues.TryStrings(ref r, c, out a))) o.Envs = a;
        if (m.At(ref r, (int)Member.envs_truncated) && m.Took(ref r, JsonValues.TryBoolean(ref r, out b))) o.EnvsTruncated = b;
        if (m.At(ref r, (int)Member.is_thread) && m.Took(ref r, JsonValues.TryBoolean(ref r, out b))) o.IsThread = b;
        if (m.At(ref r, (int)Member.is_kworker) && m.Took(ref r, JsonValues.TryBoolean(ref r, out b))) o.IsKworker = b;
        if (m.At(ref r, (int)Member.is_exec_child) && m.Took(ref r, JsonValues.TryBoolean(ref r, out b))) o.IsExecChild = b;
        if (m.At(ref r, (int)Member.source) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Source = s;
        if (m.At(ref r, (int)Member.syscalls) && m.Took(ref r, JsonValues.TryPlain(ref r, out p))) o.Syscalls = p;
        if (m.At(ref r, (int)Member.aws_security_credentials) && m.Took(ref r, JsonValues.TryPlain(ref r, out p))) o.AwsSecurityCredentials = p;
        if (m.At(ref r, (int)Member.executable_path) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.ExecutablePath = s;
        if (m.At(ref r, (int)Member.executable_inode) && m.Took(ref r, JsonValues.TryUInt64(ref r, out u))) o.ExecutableInode = u;
        if (m.At(ref r, (int)Member.executable_mount_id) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.ExecutableMountId = l;
        if (m.At(ref r, (int)Member.executable_container_path) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.ExecutableContainerPath = s;
    }

    private sealed class Members : MemberReader<Process>
    {
        public override string[] Names { get; } = NamesOf<Member>();

        public override void ReadInOrder(Process owner, ref Utf8JsonReader reader, ReadContext context, ref InOrderMembers members) =>
            Process.ReadInOrder(owner, ref reader, context, ref members);
    }
}

public sealed partial class ProcessContext
{
    /// <summary>The members ProcessContext adds after those of Process, in field order.</summary>
    internal enum ContextMember { parent, ancestors, variables, truncated_ancestors }

    /// <summary>The members of Process, then its own.</summary>
    private sealed class ContextMembers : MemberReader<ProcessContext>
    {
        public override string[] Names { get; } = Concat(NamesOf<Member>(), NamesOf<ContextMember>());

        public override void ReadInOrder(ProcessContext o, ref Utf8JsonReader r, ReadContext c, ref InOrderMembers m)
        {
            Process.ReadInOrder(o, ref r, c, ref m);
            object? p;
            bool b;
            if (m.At(ref r, MemberCount + (int)ContextMember.parent) && m.Took(ref r, JsonValues.TryObject(ref r, c, Process.Shape, out var parent))) o.Parent = parent;
            if (m.At(ref r, MemberCount + (int)ContextMember.ancestors) && m.Took(ref r, JsonValues.TryObjects(ref r, c, Process.Shape, out var ancestors))) o.Ancestors = ancestors;
            if (m.At(ref r, MemberCount + (int)ContextMember.variables) && m.Took(ref r, JsonValues.TryPlain(ref r, out p))) o.Variables = p;
            if (m.At(ref r, MemberCount + (int)ContextMember.truncated_ancestors) && m.Took(ref r, JsonValues.TryBoolean(ref r, out b))) o.TruncatedAncestors = b;
        }
    }
}

public sealed partial class ProcessCredentials
{
    /// <summary>The typed members in field order; the names are the JSON names (checked against the shape).</summary>
    internal enum Member { uid, user, gid, group, euid, euser, egid, egroup, fsuid, fsuser, fsgid, fsgroup, auid, cap_effective, cap_permitted, destination }

    /// <summary>Credentials come with every process of a Linux lineage.</summary>
    private sealed class Members : MemberReader<ProcessCredentials>
    {
        public override string[] Names { get; } = NamesOf<Member>();

        public override void ReadInOrder(ProcessCredentials o, ref Utf8JsonReader r, ReadContext c, ref InOrderMembers m)
        {
            long l;
            string? s;
            string[]? a;
            object? p;
            if (m.At(ref r, (int)Member.uid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Uid = l;
            if (m.At(ref r, (int)Member.user) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.User = s;
            if (m.At(ref r, (int)Member.gid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Gid = l;
            if (m.At(ref r, (int)Member.group) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Group = s;
            if (m.At(ref r, (int)Member.euid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Euid = l;
            if (m.At(ref r, (int)Member.euser) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Euser = s;
            if (m.At(ref r, (int)Member.egid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Egid = l;
            if (m.At(ref r, (int)Member.egroup) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Egroup = s;
            if (m.At(ref r, (int)Member.fsuid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Fsuid = l;
            if (m.At(ref r, (int)Member.fsuser) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Fsuser = s;
            if (m.At(ref r, (int)Member.fsgid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Fsgid = l;
            if (m.At(ref r, (int)Member.fsgroup) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Fsgroup = s;
            if (m.At(ref r, (int)Member.auid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Auid = l;
            if (m.At(ref r, (int)Member.cap_effective) && m.Took(ref r, JsonValues.TryStrings(ref r, c, out a))) o.CapEffective = a;
            if (m.At(ref r, (int)Member.cap_permitted) && m.Took(ref r, JsonValues.TryStrings(ref r, c, out a))) o.CapPermitted = a;
            if (m.At(ref r, (int)Member.destination) && m.Took(ref r, JsonValues.TryPlain(ref r, out p))) o.Destination = p;
        }
    }
}
