using System;
using System.Collections.Generic;
using CsmEvents.Model.Json;

namespace CsmEvents.Model;

// Typed parts of an event, one class per schema definition (seed 000 Windows, seed 003 old Linux, seed 002 base
// format, current Linux fields of FORMAT.md 1.3). Member order = schema order, which is the order agents write, so
// the common case needs no stored member order. Each class's Shape lists its JSON members once; the generic
// ObjectShape reader/writer does the lossless mapping.

/// <summary>A file (schema definition File): Windows {path, device_path, name}, Linux adds inode, mode, owner, times, package and mount details.</summary>
public partial class CsmFile : CsmObject
{
    /// <summary>File path. JSON: <c>path</c>.</summary>
    public string? Path { get; set; }

    /// <summary>Windows device path (\\Device\\HarddiskVolume...). JSON: <c>device_path</c>.</summary>
    public string? DevicePath { get; set; }

    /// <summary>File name (last path element). JSON: <c>name</c>.</summary>
    public string? Name { get; set; }

    /// <summary>JSON: <c>extension</c>.</summary>
    public string? Extension { get; set; }

    /// <summary>JSON: <c>path_resolution_error</c>.</summary>
    public string? PathResolutionError { get; set; }

    /// <summary>Inode number (unsigned 64-bit: overlay filesystems use values above Int64). JSON: <c>inode</c>.</summary>
    public ulong? Inode { get; set; }

    /// <summary>File mode bits. JSON: <c>mode</c>.</summary>
    public long? Mode { get; set; }

    /// <summary>JSON: <c>in_upper_layer</c>.</summary>
    public bool? InUpperLayer { get; set; }

    /// <summary>JSON: <c>mount_id</c>.</summary>
    public long? MountId { get; set; }

    /// <summary>JSON: <c>filesystem</c>.</summary>
    public string? Filesystem { get; set; }

    /// <summary>JSON: <c>uid</c>.</summary>
    public long? Uid { get; set; }

    /// <summary>JSON: <c>gid</c>.</summary>
    public long? Gid { get; set; }

    /// <summary>JSON: <c>user</c>.</summary>
    public string? User { get; set; }

    /// <summary>JSON: <c>group</c>.</summary>
    public string? Group { get; set; }

    /// <summary>JSON: <c>attribute_name</c>.</summary>
    public string? AttributeName { get; set; }

    /// <summary>JSON: <c>attribute_namespace</c>.</summary>
    public string? AttributeNamespace { get; set; }

    /// <summary>JSON: <c>flags</c>.</summary>
    public string[]? Flags { get; set; }

    private TimeValue _accessTime;

    /// <summary>JSON: <c>access_time</c>. The original text (nanoseconds, offset) is written back unless the value is changed.</summary>
    public DateTimeOffset? AccessTime { get => _accessTime.Value; set => _accessTime = TimeValue.FromUser(value); }

    private TimeValue _modificationTime;

    /// <summary>JSON: <c>modification_time</c>. The original text (nanoseconds, offset) is written back unless the value is changed.</summary>
    public DateTimeOffset? ModificationTime { get => _modificationTime.Value; set => _modificationTime = TimeValue.FromUser(value); }

    private TimeValue _changeTime;

    /// <summary>JSON: <c>change_time</c>. The original text (nanoseconds, offset) is written back unless the value is changed.</summary>
    public DateTimeOffset? ChangeTime { get => _changeTime.Value; set => _changeTime = TimeValue.FromUser(value); }

    /// <summary>JSON: <c>package_name</c>.</summary>
    public string? PackageName { get; set; }

    /// <summary>JSON: <c>package_version</c>.</summary>
    public string? PackageVersion { get; set; }

    /// <summary>JSON: <c>package_epoch</c>.</summary>
    public long? PackageEpoch { get; set; }

    /// <summary>JSON: <c>package_release</c>.</summary>
    public string? PackageRelease { get; set; }

    /// <summary>JSON: <c>package_source_version</c>.</summary>
    public string? PackageSourceVersion { get; set; }

    /// <summary>JSON: <c>package_source_epoch</c>.</summary>
    public long? PackageSourceEpoch { get; set; }

    /// <summary>JSON: <c>package_source_release</c>.</summary>
    public string? PackageSourceRelease { get; set; }

    /// <summary>Hashes of the file, as `algorithm:value` strings. JSON: <c>hashes</c>.</summary>
    public string[]? Hashes { get; set; }

    /// <summary>JSON: <c>hash_state</c>.</summary>
    public string? HashState { get; set; }

    /// <summary>JSON: <c>mount_path</c>.</summary>
    public string? MountPath { get; set; }

    /// <summary>JSON: <c>mount_source</c>.</summary>
    public string? MountSource { get; set; }

    /// <summary>JSON: <c>mount_origin</c>.</summary>
    public string? MountOrigin { get; set; }

    /// <summary>JSON: <c>mount_visible</c>.</summary>
    public bool? MountVisible { get; set; }

    /// <summary>JSON: <c>mount_detached</c>.</summary>
    public bool? MountDetached { get; set; }

    /// <summary>JSON: <c>metadata</c>.</summary>
    public FileMetadata? Metadata { get; set; }

    /// <summary>Base event format (seed 002) only: path inside the container. JSON: <c>container_path</c>.</summary>
    public string? ContainerPath { get; set; }

    internal static readonly ObjectShape<CsmFile> Shape = AddMembers(new ObjectShape<CsmFile>(() => new CsmFile())).ReadWith(new Members());

    internal override IObjectShape ShapeOf => Shape;

    internal static ObjectShape<T> AddMembers<T>(ObjectShape<T> shape) where T : CsmFile
    {
        return shape
            .String("path", o => o.Path, (o, v) => o.Path = v)
            .String("device_path", o => o.DevicePath, (o, v) => o.DevicePath = v)
            .String("name", o => o.Name, (o, v) => o.Name = v)
            .String("extension", o => o.Extension, (o, v) => o.Extension = v)
            .String("path_resolution_error", o => o.PathResolutionError, (o, v) => o.PathResolutionError = v)
            .UInt64("inode", o => o.Inode, (o, v) => o.Inode = v)
            .Int64("mode", o => o.Mode, (o, v) => o.Mode = v)
            .Boolean("in_upper_layer", o => o.InUpperLayer, (o, v) => o.InUpperLayer = v)
            .Int64("mount_id", o => o.MountId, (o, v) => o.MountId = v)
            .String("filesystem", o => o.Filesystem, (o, v) => o.Filesystem = v)
            .Int64("uid", o => o.Uid, (o, v) => o.Uid = v)
            .Int64("gid", o => o.Gid, (o, v) => o.Gid = v)
            .String("user", o => o.User, (o, v) => o.User = v)
            .String("group", o => o.Group, (o, v) => o.Group = v)
            .String("attribute_name", o => o.AttributeName, (o, v) => o.AttributeName = v)
            .String("attribute_namespace", o => o.AttributeNamespace, (o, v) => o.AttributeNamespace = v)
            .Strings("flags", o => o.Flags, (o, v) => o.Flags = v)
            .Time("access_time", o => o._accessTime, (o, v) => o._accessTime = v)
            .Time("modification_time", o => o._modificationTime, (o, v) => o._modificationTime = v)
            .Time("change_time", o => o._changeTime, (o, v) => o._changeTime = v)
            .String("package_name", o => o.PackageName, (o, v) => o.PackageName = v)
            .String("package_version", o => o.PackageVersion, (o, v) => o.PackageVersion = v)
            .Int64("package_epoch", o => o.PackageEpoch, (o, v) => o.PackageEpoch = v)
            .String("package_release", o => o.PackageRelease, (o, v) => o.PackageRelease = v)
            .String("package_source_version", o => o.PackageSourceVersion, (o, v) => o.PackageSourceVersion = v)
            .Int64("package_source_epoch", o => o.PackageSourceEpoch, (o, v) => o.PackageSourceEpoch = v)
            .String("package_source_release", o => o.PackageSourceRelease, (o, v) => o.PackageSourceRelease = v)
            .Strings("hashes", o => o.Hashes, (o, v) => o.Hashes = v)
            .String("hash_state", o => o.HashState, (o, v) => o.HashState = v)
            .String("mount_path", o => o.MountPath, (o, v) => o.MountPath = v)
            .String("mount_source", o => o.MountSource, (o, v) => o.MountSource = v)
            .String("mount_origin", o => o.MountOrigin, (o, v) => o.MountOrigin = v)
            .Boolean("mount_visible", o => o.MountVisible, (o, v) => o.MountVisible = v)
            .Boolean("mount_detached", o => o.MountDetached, (o, v) => o.MountDetached = v)
            .Object("metadata", o => o.Metadata, (o, v) => o.Metadata = v, FileMetadata.Shape)
            .String("container_path", o => o.ContainerPath, (o, v) => o.ContainerPath = v);
    }
}

/// <summary>The file an event acted on (schema FileEvent): a File plus the destination of a rename/chmod/chown and mount details.</summary>
public sealed partial class FileEvent : CsmFile
{
    /// <summary>New state: rename target, or new mode/owner of chmod/chown. JSON: <c>destination</c>.</summary>
    public CsmFile? Destination { get; set; }

    /// <summary>JSON: <c>new_mount_id</c>.</summary>
    public long? NewMountId { get; set; }

    /// <summary>Seed 003 only. JSON: <c>group_id</c>.</summary>
    public long? GroupId { get; set; }

    /// <summary>JSON: <c>device</c>.</summary>
    public long? Device { get; set; }

    /// <summary>JSON: <c>fstype</c>.</summary>
    public string? Fstype { get; set; }

    internal static readonly new ObjectShape<FileEvent> Shape = CsmFile.AddMembers(new ObjectShape<FileEvent>(() => new FileEvent()))
            .Object("destination", o => o.Destination, (o, v) => o.Destination = v, CsmFile.Shape)
            .Int64("new_mount_id", o => o.NewMountId, (o, v) => o.NewMountId = v)
            .Int64("group_id", o => o.GroupId, (o, v) => o.GroupId = v)
            .Int64("device", o => o.Device, (o, v) => o.Device = v)
            .String("fstype", o => o.Fstype, (o, v) => o.Fstype = v)
            .ReadWith(new EventMembers());

    internal override IObjectShape ShapeOf => Shape;
}

/// <summary>Static analysis of an executable file.</summary>
public sealed partial class FileMetadata : CsmObject
{
    /// <summary>JSON: <c>size</c>.</summary>
    public long? Size { get; set; }

    /// <summary>JSON: <c>type</c>.</summary>
    public string? Type { get; set; }

    /// <summary>JSON: <c>is_executable</c>.</summary>
    public bool? IsExecutable { get; set; }

    /// <summary>JSON: <c>architecture</c>.</summary>
    public string? Architecture { get; set; }

    /// <summary>JSON: <c>abi</c>.</summary>
    public string? Abi { get; set; }

    /// <summary>JSON: <c>is_upx_packed</c>.</summary>
    public bool? IsUpxPacked { get; set; }

    /// <summary>JSON: <c>compression</c>.</summary>
    public string? Compression { get; set; }

    /// <summary>JSON: <c>is_garble_obfuscated</c>.</summary>
    public bool? IsGarbleObfuscated { get; set; }

    internal static readonly ObjectShape<FileMetadata> Shape = new ObjectShape<FileMetadata>(() => new FileMetadata())
            .Int64("size", o => o.Size, (o, v) => o.Size = v)
            .String("type", o => o.Type, (o, v) => o.Type = v)
            .Boolean("is_executable", o => o.IsExecutable, (o, v) => o.IsExecutable = v)
            .String("architecture", o => o.Architecture, (o, v) => o.Architecture = v)
            .String("abi", o => o.Abi, (o, v) => o.Abi = v)
            .Boolean("is_upx_packed", o => o.IsUpxPacked, (o, v) => o.IsUpxPacked = v)
            .String("compression", o => o.Compression, (o, v) => o.Compression = v)
            .Boolean("is_garble_obfuscated", o => o.IsGarbleObfuscated, (o, v) => o.IsGarbleObfuscated = v);

    internal override IObjectShape ShapeOf => Shape;
}
