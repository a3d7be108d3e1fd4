using System;
using System.IO;
using System.Runtime.InteropServices;

namespace CsmEvents.Reading;

/// <summary>What a path is, beyond what .NET Standard tells: the file type (a FIFO, a device or a socket look like
/// ordinary empty files to FileInfo) and the file's identity (device and inode), which tells when two paths, one
/// through a symbolic link, are the same file or folder.</summary>
internal enum FileKind { Unknown, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket }

internal readonly struct FileStatus
{
    public FileStatus(FileKind kind, string? identity)
    {
        Kind = kind;
        Identity = identity;
    }

    public FileKind Kind { get; }

    /// <summary>Equal for two paths to the same file; null when the platform cannot tell.</summary>
    public string? Identity { get; }

    /// <summary>The status of a path, following symbolic links; false when it does not exist (or a link's target does
    /// not). On Linux it comes from statx(2); elsewhere the kind is Directory or Regular from the file attributes
    /// (FIFOs and devices are not told apart), and the identity is the real path where libc can resolve it.</summary>
    public static bool TryGet(string path, out FileStatus status)
    {
        if (LinuxStatx.TryGet(path, out status, out bool exists)) return exists;
        if (Directory.Exists(path))
        {
            status = new FileStatus(FileKind.Directory, RealPath.Of(path));
            return true;
        }
        if (File.Exists(path))
        {
            status = new FileStatus(FileKind.Regular, RealPath.Of(path));
            return true;
        }
        status = default;
        return false;
    }

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a folder",
        _ => "not a regular file",
    };

    /// <summary>statx(2) through glibc (2.28 and later): its buffer layout is the same on every Linux architecture,
    /// unlike struct stat's. Unavailable (older libc, musl without it, another system): the caller falls back.</summary>
    private static class LinuxStatx
    {
        private const int AtFdCwd = -100;
        private const uint StatxType = 0x1, StatxIno = 0x100;
        private static bool _unavailable = !RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        private static extern int Statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

        public static bool TryGet(string path, out FileStatus status, out bool exists)
        {
            status = default;
            exists = false;
            if (_unavailable) return false;
            var buffer = new byte[256];
            try
            {
                if (Statx(AtFdCwd, path, 0, StatxType | StatxIno, buffer) != 0)
                {
                    int errno = Marshal.GetLastWin32Error();
                    if (errno == 38) // ENOSYS: a kernel without statx
                    {
                        _unavailable = true;
                        return false;
                    }
                    return true; // ENOENT, a dangling link, EACCES on a parent: not there for us
                }
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException || ex is DllNotFoundException)
            {
                _unavailable = true;
                return false;
            }
            int mode = buffer[28] | (buffer[29] << 8);
            ulong inode = BitConverter.ToUInt64(buffer, 32);
            uint deviceMajor = BitConverter.ToUInt32(buffer, 136), deviceMinor = BitConverter.ToUInt32(buffer, 140);
            var kind = (mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0x1000 => FileKind.Fifo,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0xC000 => FileKind.Socket,
                _ => FileKind.Unknown,
            };
            status = new FileStatus(kind, deviceMajor + ":" + deviceMinor + ":" + inode);
            exists = true;
            return true;
        }
    }

    /// <summary>realpath(3) on other Unix systems (macOS); the full path on Windows, where folder links are not
    /// followed (see <see cref="InputFiles"/>).</summary>
    private static class RealPath
    {
        private static bool _unavailable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
        private static extern IntPtr Resolve(string path, IntPtr resolved);

        [DllImport("libc", EntryPoint = "free")]
        private static extern void Free(IntPtr pointer);

        public static string Of(string path)
        {
            if (!_unavailable)
            {
                try
                {
                    IntPtr resolved = Resolve(path, IntPtr.Zero);
                    if (resolved != IntPtr.Zero)
                    {
                        try
                        {
                            return Marshal.PtrToStringAnsi(resolved)!;
                        }
                        finally
                        {
                            Free(resolved);
                        }
                    }
                }
                catch (Exception ex) when (ex is EntryPointNotFoundException || ex is DllNotFoundException)
                {
                    _unavailable = true;
                }
            }
            return Path.GetFullPath(path);
        }
    }
}
