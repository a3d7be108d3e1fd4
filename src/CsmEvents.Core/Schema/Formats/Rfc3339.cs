namespace CsmEvents.Schema.Formats;

/// <summary>
/// RFC 3339 date and time grammar (section 5.6) with its calendar rules: real month lengths and leap years,
/// and a leap second (:60) only where it can exist — at 23:59:60 UTC once the offset is applied.
/// 'T' and 'Z' may be lower case, the fraction may have any number of digits (Go writes up to 9), and
/// only ASCII digits count.
/// </summary>
internal static class Rfc3339
{
    public static bool IsDateTime(string text)
    {
        // full-date "T" full-time; the shortest possible form is 2026-01-01T00:00:00Z (20 characters).
        if (text.Length < 20) return false;
        if (!ParseDate(text, 0, out _, out _, out _)) return false;
        char t = text[10];
        if (t != 'T' && t != 't') return false;
        return ParseTime(text, 11, out int end) && end == text.Length;
    }

    public static bool IsDate(string text) => text.Length == 10 && ParseDate(text, 0, out _, out _, out _);

    public static bool IsTime(string text) => ParseTime(text, 0, out int end) && end == text.Length;

    private static bool ParseDate(string s, int i, out int year, out int month, out int day)
    {
        year = month = day = 0;
        if (s.Length < i + 10) return false;
        if (!Digits(s, i, 4, out year) || s[i + 4] != '-' || !Digits(s, i + 5, 2, out month) || s[i + 7] != '-' || !Digits(s, i + 8, 2, out day))
            return false;
        if (month < 1 || month > 12 || day < 1) return false;
        return day <= DaysInMonth(year, month);
    }

    // partial-time time-offset, starting at i; end is the index after the offset.
    private static bool ParseTime(string s, int i, out int end)
    {
        end = i;
        if (s.Length < i + 9) return false;
        if (!Digits(s, i, 2, out int hour) || s[i + 2] != ':' || !Digits(s, i + 3, 2, out int minute) || s[i + 5] != ':' || !Digits(s, i + 6, 2, out int second))
            return false;
        if (hour > 23 || minute > 59 || second > 60) return false;
        int p = i + 8;
        if (p < s.Length && s[p] == '.')
        {
            int start = ++p;
            while (p < s.Length && s[p] >= '0' && s[p] <= '9') p++;
            if (p == start) return false;
        }
        if (p >= s.Length) return false;
        int offsetMinutes;
        char z = s[p];
        if (z == 'Z' || z == 'z')
        {
            offsetMinutes = 0;
            p++;
        }
        else if (z == '+' || z == '-')
        {
            if (s.Length < p + 6) return false;
            if (!Digits(s, p + 1, 2, out int offsetHour) || s[p + 3] != ':' || !Digits(s, p + 4, 2, out int offsetMinute)) return false;
            if (offsetHour > 23 || offsetMinute > 59) return false;
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (z == '-' ? -1 : 1);
            p += 6;
        }
        else return false;
        if (second == 60)
        {
            // Leap seconds are inserted at the end of a UTC day: local time minus offset must be 23:59.
            int utcMinutes = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440;
            if (utcMinutes != 23 * 60 + 59) return false;
        }
        end = p;
        return true;
    }

    private static bool Digits(string s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            char c = s[i];
            if (c < '0' || c > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static int DaysInMonth(int year, int month)
    {
        switch (month)
        {
            case 2: return IsLeapYear(year) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    private static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}
