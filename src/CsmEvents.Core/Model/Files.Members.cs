using System.Text.Json;
using CsmEvents.Model.Json;

namespace CsmEvents.Model;

// The member reader of CsmFile (see MemberReader): every process of a lineage has its executable file.
public partial class CsmFile
{
    /// <summary>The typed members in field order; the names are the JSON names (checked against the shape).</summary>
    internal enum Member
    {
        path, device_path, name, extension, path_resolution_error, inode, mode, in_upper_layer, mount_id, filesystem,
        uid, gid, user, group, attribute_name, attribute_namespace, flags, access_time, modification_time, change_time,
        package_name, package_version, package_epoch, package_release, package_source_version, package_source_epoch,
        package_source_release, hashes, hash_state, mount_path, mount_source, mount_origin, mount_visible,
        mount_detached, metadata, container_path,
    }

    internal const int MemberCount = (int)Member.container_path + 1;

    /// <summary>Reads the members of a file that come in schema order (see <see cref="InOrderMembers"/>).</summary>
    internal static void ReadInOrder(CsmFile o, ref Utf8JsonReader r, ReadContext c, ref InOrderMembers m)
    {
        long l;
        ulong u;
        bool b;
        string? s;
        string[]? a;
        TimeValue t;
        if (m.At(ref r, (int)Member.path) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Path = s;
        if (m.At(ref r, (int)Member.device_path) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.DevicePath = s;
        if (m.At(ref r, (int)Member.name) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Name = s;
        if (m.At(ref r, (int)Member.extension) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Extension = s;
        if (m.At(ref r, (int)Member.path_resolution_error) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.PathResolutionError = s;
        if (m.At(ref r, (int)Member.inode) && m.Took(ref r, JsonValues.TryUInt64(ref r, out u))) o.Inode = u;
        if (m.At(ref r, (int)Member.mode) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Mode = l;
        if (m.At(ref r, (int)Member.in_upper_layer) && m.Took(ref r, JsonValues.TryBoolean(ref r, out b))) o.InUpperLayer = b;
        if (m.At(ref r, (int)Member.mount_id) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.MountId = l;
        if (m.At(ref r, (int)Member.filesystem) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Filesystem = s;
        if (m.At(ref r, (int)Member.uid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Uid = l;
        if (m.At(ref r, (int)Member.gid) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Gid = l;
        if (m.At(ref r, (int)Member.user) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.User = s;
        if (m.At(ref r, (int)Member.group) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Group = s;
        if (m.At(ref r, (int)Member.attribute_name) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.AttributeName = s;
        if (m.At(ref r, (int)Member.attribute_namespace) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.AttributeNamespace = s;
        if (m.At(ref r, (int)Member.flags) && m.Took(ref r, JsonValues.TryStrings(ref r, c, out a))) o.Flags = a;
        if (m.At(ref r, (int)Member.access_time) && m.Took(ref r, JsonValues.TryTime(ref r, c, out t))) o._accessTime = t;
        if (m.At(ref r, (int)Member.modification_time) && m.Took(ref r, JsonValues.TryTime(ref r, c, out t))) o._modificationTime = t;
        if (m.At(ref r, (int)Member.change_time) && m.Took(ref r, JsonValues.TryTime(ref r, c, out t))) o._changeTime = t;
        if (m.At(ref r, (int)Member.package_name) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.PackageName = s;
        if (m.At(ref r, (int)Member.package_version) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.PackageVersion = s;
        if (m.At(ref r, (int)Member.package_epoch) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.PackageEpoch = l;
        if (m.At(ref r, (int)Member.package_release) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.PackageRelease = s;
        if (m.At(ref r, (int)Member.package_source_version) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.PackageSourceVersion = s;
        if (m.At(ref r, (int)Member.package_source_epoch) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.PackageSourceEpoch = l;
        if (m.At(ref r, (int)Member.package_source_release) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.PackageSourceRelease = s;
        if (m.At(ref r, (int)Member.hashes) && m.Took(ref r, JsonValues.TryStrings(ref r, c, out a))) o.Hashes = a;
        if (m.At(ref r, (int)Member.hash_state) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.HashState = s;
        if (m.At(ref r, (int)Member.mount_path) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.MountPath = s;
        if (m.At(ref r, (int)Member.mount_source) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.MountSource = s;
        if (m.At(ref r, (int)Member.mount_origin) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.MountOrigin = s;
        if (m.At(ref r, (int)Member.mount_visible) && m.Took(ref r, JsonValues.TryBoolean(ref r, out b))) o.MountVisible = b;
        if (m.At(ref r, (int)Member.mount_detached) && m.Took(ref r, JsonValues.TryBoolean(ref r, out b))) o.MountDetached = b;
        if (m.At(ref r, (int)Member.metadata) && m.Took(ref r, JsonValues.TryObject(ref r, c, FileMetadata.Shape, out var metadata))) o.Metadata = metadata;
        if (m.At(ref r, (int)Member.container_path) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.ContainerPath = s;
    }

    private sealed class Members : MemberReader<CsmFile>
    {
        public override string[] Names { get; } = NamesOf<Member>();

        public override void ReadInOrder(CsmFile owner, ref Utf8JsonReader reader, ReadContext context, ref InOrderMembers members) =>
            CsmFile.ReadInOrder(owner, ref reader, context, ref members);
    }
}

public sealed partial class FileEvent
{
    /// <summary>The members FileEvent adds after those of CsmFile, in field order.</summary>
    internal enum EventMember { destination, new_mount_id, group_id, device, fstype }

    /// <summary>The members of CsmFile, then its own.</summary>
    private sealed class EventMembers : MemberReader<FileEvent>
    {
        public override string[] Names { get; } = Concat(NamesOf<Member>(), NamesOf<EventMember>());

        public override void ReadInOrder(FileEvent o, ref Utf8JsonReader r, ReadContext c, ref InOrderMembers m)
        {
            CsmFile.ReadInOrder(o, ref r, c, ref m);
            long l;
            string? s;
            if (m.At(ref r, MemberCount + (int)EventMember.destination) && m.Took(ref r, JsonValues.TryObject(ref r, c, CsmFile.Shape, out var destination))) o.Destination = destination;
            if (m.At(ref r, MemberCount + (int)EventMember.new_mount_id) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.NewMountId = l;
            if (m.At(ref r, MemberCount + (int)EventMember.group_id) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.GroupId = l;
            if (m.At(ref r, MemberCount + (int)EventMember.device) && m.Took(ref r, JsonValues.TryInt64(ref r, out l))) o.Device = l;
            if (m.At(ref r, MemberCount + (int)EventMember.fstype) && m.Took(ref r, JsonValues.TryString(ref r, c, out s))) o.Fstype = s;
        }
    }
}
