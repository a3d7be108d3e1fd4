using System;
using System.Globalization;
using CsmEvents.Model.Json;

namespace CsmEvents.Text;

/// <summary>
/// The one rule for times that users type, in every time parameter of every cmdlet and of the CLI: a time without
/// an offset is UTC. Events (<c>date</c>, process times) and Datadog's timestamps are UTC, the views and the CLI
/// show UTC, and Datadog's API reads times without an offset as UTC; so a time copied from any output means the
/// same thing typed back, and a script gives the same result on every machine, whatever its time zone. A time with
/// an offset (<c>Z</c>, <c>+02:00</c>) is that instant; a PowerShell date that knows it is local time (Get-Date,
/// <c>(Get-Date).AddHours(-6)</c>: Kind Local) or UTC is that instant too; a date that does not say
/// (<c>[datetime]'2025-06-03T09:41'</c>, <c>Get-Date '2025-06-03T09:41'</c>: Kind Unspecified) is UTC, as its
/// text would be.
/// </summary>
public static class TimeText
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Forms = "use RFC 3339 such as 2026-11-20T10:00:00Z, a date, or now-6h; a time without an offset is UTC";

    /// <summary>
    /// Parses RFC 3339 / ISO 8601 text (UTC unless it has an offset; a date alone is midnight UTC) or
    /// <c>now</c>, <c>now-N</c>, <c>now+N</c> with a unit s, m, h, d or w.
    /// </summary>
    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset value)
    {
        value = default;
        if (text == null) return false;
        text = text.Trim();
        if (CsmTime.TryParse(text, out value)) return true;
        if (text.StartsWith("now", StringComparison.OrdinalIgnoreCase)) return TryRelative(text.Substring(3), now, out value);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>The instant of a date: Kind Utc and Local are what they say; Kind Unspecified (a date typed without a
    /// zone) is UTC, like text without an offset.</summary>
    public static DateTimeOffset FromDateTime(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(value),
        _ => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
    };

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
