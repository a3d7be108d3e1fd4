using System;
using System.Globalization;
using CsmEvents.Model.Json;

namespace CsmEvents.Cli;

/// <summary>Times on the command line: RFC 3339 / ISO 8601 (UTC unless an offset is given), or now[-+]N{s,m,h,d,w}.</summary>
internal static class CliTime
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset value)
    {
        text = text.Trim();
        if (CsmTime.TryParse(text, out value)) return true;
        if (text.StartsWith("now", StringComparison.OrdinalIgnoreCase)) return TryRelative(text.Substring(3), now, out value);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    private static bool TryRelative(string rest, DateTimeOffset now, out DateTimeOffset value)
    {
        value = now;
        if (rest.Length == 0) return true;
        if (rest.Length < 3 || (rest[0] != '-' && rest[0] != '+')) return false;
        if (!int.TryParse(rest.Substring(1, rest.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out int amount)) return false;
        TimeSpan unit;
        switch (rest[rest.Length - 1])
        {
            case 's': unit = TimeSpan.FromSeconds(1); break;
            case 'm': unit = TimeSpan.FromMinutes(1); break;
            case 'h': unit = TimeSpan.FromHours(1); break;
            case 'd': unit = TimeSpan.FromDays(1); break;
            case 'w': unit = TimeSpan.FromDays(7); break;
            default: return false;
        }
        value = rest[0] == '-' ? now - TimeSpan.FromTicks(unit.Ticks * amount) : now + TimeSpan.FromTicks(unit.Ticks * amount);
        return true;
    }
}
