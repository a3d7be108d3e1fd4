using System;
using System.Runtime.InteropServices;

namespace CsmEvents.Reading;

/// <summary>
/// CRC-32 (the gzip checksum, reflected polynomial 0xEDB88320), eight bytes at a time ("slicing by 8").
/// Hand-written rather than taken from System.IO.Hashing: that package would be one more assembly to ship and load
/// in Windows PowerShell 5.1 for thirty lines of table code.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/> appended to data whose CRC was <paramref name="crc"/> (0 to start).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Table;
        crc = ~crc;
        if (BitConverter.IsLittleEndian)
        {
            while (data.Length >= 8)
            {
                uint one = MemoryMarshal.Read<uint>(data) ^ crc;
                uint two = MemoryMarshal.Read<uint>(data.Slice(4));
                crc = t[0x700 + (one & 0xFF)] ^ t[0x600 + ((one >> 8) & 0xFF)] ^ t[0x500 + ((one >> 16) & 0xFF)] ^ t[0x400 + (one >> 24)] ^
                      t[0x300 + (two & 0xFF)] ^ t[0x200 + ((two >> 8) & 0xFF)] ^ t[0x100 + ((two >> 16) & 0xFF)] ^ t[two >> 24];
                data = data.Slice(8);
            }
        }
        foreach (byte b in data) crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        for (int slice = 1; slice < 8; slice++)
        {
            for (int i = 0; i < 256; i++)
            {
                uint previous = table[(slice - 1) * 256 + i];
                table[slice * 256 + i] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }
        return table;
    }
}
