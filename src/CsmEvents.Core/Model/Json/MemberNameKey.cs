using System;

namespace CsmEvents.Model.Json;

/// <summary>
/// A member name's length and first seven bytes packed in one integer. Most candidate names differ there, so the
/// member lookup compares one integer per candidate and compares whole names only when the keys are equal and
/// the name is longer than the packed prefix.
/// </summary>
internal static class MemberNameKey
{
    public const int PrefixBytes = 7;

    public static ulong Of(ReadOnlySpan<byte> name)
    {
        ulong key = (ulong)Math.Min(name.Length, 255);
        // Longer names: the first eight bytes in one read, the eighth shifted out.
        if (name.Length > PrefixBytes) return key | (System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(name) << 8);
        int count = Math.Min(name.Length, PrefixBytes);
        for (int i = 0; i < count; i++) key |= (ulong)name[i] << (8 * (i + 1));
        return key;
    }
}
