using System;
using System.Globalization;
using System.Text;

namespace CsmEvents.Model.Json;

/// <summary>
/// RFC 3339 timestamps as the agent writes them (Go's RFC3339Nano: up to 9 fraction digits, trailing zeros
/// dropped, `Z` or a numeric offset). DateTimeOffset holds only 7 fraction digits, so the original text is kept
/// beside the value and written back unchanged unless the value is edited.
/// </summary>
public static class CsmTime
{
    /// <summary>Parses RFC 3339 date-time text; fractions beyond 100 ns are truncated in the value (not in the text).</summary>
    /// <remarks>Every event holds several timestamps, so this computes the ticks itself rather than going through
    /// DateTimeOffset's component constructor (which validates and converts in several steps).</remarks>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text == null || text.Length < 20) return false;
        string s = text;
        if (!TryDigits(s, 0, 4, out int year) || s[4] != '-' || !TryDigits(s, 5, 2, out int month) || s[7] != '-' ||
            !TryDigits(s, 8, 2, out int day)) return false;
        char t = s[10];
        if (t != 'T' && t != 't' && t != ' ') return false;
        if (!TryDigits(s, 11, 2, out int hour) || s[13] != ':' || !TryDigits(s, 14, 2, out int minute) || s[16] != ':' ||
            !TryDigits(s, 17, 2, out int second)) return false;
        int i = 19;
        long fractionTicks = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            int start = i;
            long scale = TimeSpan.TicksPerSecond / 10;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                fractionTicks += (s[i] - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start) return false;
        }
        if (i >= s.Length) return false;
        long offsetMinutes;
        char z = s[i];
        if ((z == 'Z' || z == 'z') && i + 1 == s.Length) offsetMinutes = 0;
        else if ((z == '+' || z == '-') && i + 6 == s.Length && s[i + 3] == ':' &&
                 TryDigits(s, i + 1, 2, out int oh) && TryDigits(s, i + 4, 2, out int om) && oh <= 23 && om <= 59)
        {
            offsetMinutes = oh * 60 + om;
            if (z == '-') offsetMinutes = -offsetMinutes;
        }
        else return false;
        if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
        int[] daysToMonth = IsLeapYear(year) ? DaysToMonth366 : DaysToMonth365;
        if (day > daysToMonth[month] - daysToMonth[month - 1]) return false;
        // DateTimeOffset holds offsets up to 14 hours, and its UTC time must lie in 0001..9999.
        if (offsetMinutes > 14 * 60 || offsetMinutes < -14 * 60) return false;
        long y = year - 1;
        long days = y * 365 + y / 4 - y / 100 + y / 400 + daysToMonth[month - 1] + day - 1;
        long ticks = days * TimeSpan.TicksPerDay + hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute +
                     second * TimeSpan.TicksPerSecond + fractionTicks;
        long offsetTicks = offsetMinutes * TimeSpan.TicksPerMinute;
        long utcTicks = ticks - offsetTicks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return false;
        value = new DateTimeOffset(ticks, new TimeSpan(offsetTicks));
        return true;
    }

    private static readonly int[] DaysToMonth365 = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365 };
    private static readonly int[] DaysToMonth366 = { 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366 };

    private static bool IsLeapYear(int year) => (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);

    /// <summary>Formats like Go's RFC3339Nano: fraction without trailing zeros, `Z` for UTC, else ±hh:mm.</summary>
    public static string Format(DateTimeOffset value)
    {
        var sb = new StringBuilder(35);
        sb.Append(value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        long fraction = value.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            string digits = fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
            sb.Append('.').Append(digits);
        }
        if (value.Offset == TimeSpan.Zero) sb.Append('Z');
        else
        {
            var off = value.Offset;
            sb.Append(off < TimeSpan.Zero ? '-' : '+');
            off = off.Duration();
            sb.Append(off.Hours.ToString("D2", CultureInfo.InvariantCulture)).Append(':').Append(off.Minutes.ToString("D2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static bool TryDigits(string s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (int i = start; i < start + count; i++)
        {
            char c = s[i];
            if (c < '0' || c > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}

/// <summary>A timestamp value plus the exact text it was read from (null once the value is edited).</summary>
/// <remarks>The value and its text are one shared entry: every process and file holds several timestamps, and the
/// ones read share their entry through the reader's time cache (ancestors' times recur from event to event), so
/// the objects of an event stay small and cheap to allocate. The UTC ticks are kept beside the reference as well:
/// the process tree compares the exec and fork times of every lineage entry of every event, and following the
/// reference to an entry allocated long before (a cache miss each) was a third of the tree's build time.</remarks>
internal readonly struct TimeValue
{
    private readonly Entry? _entry;
    private readonly long _utcTicks;

    public TimeValue(DateTimeOffset? value, string? text)
    {
        _entry = value.HasValue ? new Entry(value.Value, text) : null;
        _utcTicks = value.HasValue ? value.Value.UtcTicks : 0;
    }

    public DateTimeOffset? Value => _entry == null ? null : _entry.Value;

    public bool HasValue => _entry != null;

    /// <summary>The instant as UTC ticks, read without following the reference to the entry.</summary>
    public long? UtcTicks => _entry == null ? null : _utcTicks;

    public string? Text => _entry?.Text;

    public static TimeValue FromUser(DateTimeOffset? value) => new TimeValue(value, null);

    public string? TextToWrite => _entry == null ? null : _entry.Text ?? CsmTime.Format(_entry.Value);

    private sealed class Entry
    {
        public readonly DateTimeOffset Value;
        public readonly string? Text;

        public Entry(DateTimeOffset value, string? text)
        {
            Value = value;
            Text = text;
        }
    }
}
