using System;
using System.Globalization;

namespace CsmEvents.Reading;

/// <summary>Byte sizes as people write them: <c>256 MiB</c> in messages; <c>256M</c>, <c>1G</c>, <c>512KiB</c> or a plain
/// byte count on the command line (binary units: K = 1024).</summary>
public static class SizeText
{
    public static string Format(long bytes)
    {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) return (bytes >> 30).ToString(CultureInfo.InvariantCulture) + " GiB";
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB";
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) return (bytes >> 10).ToString(CultureInfo.InvariantCulture) + " KiB";
        return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
    }

    /// <summary>Parses <c>N</c>, <c>NK</c>, <c>NM</c>, <c>NG</c> (also KB/KiB, MB/MiB, GB/GiB, any case).</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        text = text.Trim();
        int digits = 0;
        while (digits < text.Length && char.IsDigit(text[digits])) digits++;
        if (digits == 0 || !long.TryParse(text.Substring(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out long number)) return false;
        string unit = text.Substring(digits).Trim().ToUpperInvariant();
        int shift = unit switch
        {
            "" or "B" => 0,
            "K" or "KB" or "KIB" => 10,
            "M" or "MB" or "MIB" => 20,
            "G" or "GB" or "GIB" => 30,
            _ => -1,
        };
        if (shift < 0 || number > long.MaxValue >> shift) return false;
        bytes = number << shift;
        return true;
    }
}
