using System;
using System.Runtime.InteropServices;

namespace CsmEvents.Model.Json;

/// <summary>
/// A member name packed into integers, so that the member lookup compares integers instead of bytes:
/// <see cref="Head"/> holds the name's length and first seven bytes, <see cref="Tail"/> its last eight. Names of
/// up to seven bytes are equal when their heads are; up to fifteen, when heads and tails are; only longer names
/// need their bytes compared. The words are read with a few overlapping loads, without a loop over the bytes.
/// </summary>
internal static class MemberNameKey
{
    public const int PrefixBytes = 7;

    /// <summary>Names this long or shorter are told apart by head and tail alone.</summary>
    public const int HeadAndTailBytes = 15;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Head(ReadOnlySpan<byte> name)
    {
        int length = name.Length;
        ulong bytes;
        if (!BitConverter.IsLittleEndian) bytes = Slow(name);
        else if (length > PrefixBytes) bytes = MemoryMarshal.Read<ulong>(name) & 0x00FF_FFFF_FFFF_FFFFUL;
        // Two loads that overlap in the middle: together they hold every byte, each in its place.
        else if (length >= 4) bytes = MemoryMarshal.Read<uint>(name) | (ulong)MemoryMarshal.Read<uint>(name.Slice(length - 4)) << (8 * (length - 4));
        else if (length >= 2) bytes = MemoryMarshal.Read<ushort>(name) | (ulong)MemoryMarshal.Read<ushort>(name.Slice(length - 2)) << (8 * (length - 2));
        else bytes = length == 1 ? name[0] : 0UL;
        return (uint)Math.Min(length, 255) | bytes << 8;
    }

    /// <summary>The last eight bytes of a name longer than seven bytes (0 for shorter ones: the head holds them).</summary>
    public static ulong Tail(ReadOnlySpan<byte> name) =>
        name.Length <= PrefixBytes ? 0UL : MemoryMarshal.Read<ulong>(name.Slice(name.Length - 8));

    private static ulong Slow(ReadOnlySpan<byte> name)
    {
        ulong bytes = 0;
        int count = Math.Min(name.Length, PrefixBytes);
        for (int i = 0; i < count; i++) bytes |= (ulong)name[i] << (8 * i);
        return bytes;
    }
}
