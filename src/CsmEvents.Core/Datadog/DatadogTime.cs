using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CsmEvents.Datadog;

/// <summary>
/// A search bound (<c>filter.from</c> / <c>filter.to</c>): either an instant, sent as ISO-8601 UTC with
/// milliseconds, or Datadog date math relative to the moment Datadog runs the query (<c>now</c>, <c>now-15m</c>).
/// PowerShell converts strings through <see cref="Parse"/> and dates through the implicit conversion.
/// </summary>
public sealed class DatadogTime
{
    /// <summary>Date-math offsets beyond this are certainly typing mistakes (Datadog keeps logs far less long).</summary>
    private static readonly TimeSpan MaxOffset = TimeSpan.FromDays(36525);

    // now, or now followed by one signed amount and a unit: s m h d w (lower case: in Datadog date math M is months).
    private static readonly Regex DateMath = new(@"^now(?:([+-])(\d{1,9})([smhdw]))?$", RegexOptions.CultureInvariant);

    // ISO-8601 date, optionally with time, fraction and offset; anything looser (5/1/2024) is culture-dependent.
    private static readonly Regex IsoDate = new(
        @"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)?(?:Z|z|[+-]\d{2}:?\d{2})?$",
        RegexOptions.CultureInvariant);

    // Epoch values below this many milliseconds (1973-03-03) are almost surely epoch seconds typed by mistake.
    private const long SmallestPlausibleEpochMilliseconds = 100_000_000_000;

    private readonly string? _dateMath;

    /// <summary>The instant, when this is an absolute time; null for date math.</summary>
    public DateTimeOffset? Absolute { get; }

    /// <summary>For date math, the offset added to "now" (negative for the past); zero for absolute times.</summary>
    public TimeSpan RelativeOffset { get; }

    /// <summary>True when this is date math evaluated by Datadog against its own clock.</summary>
    public bool IsRelative => _dateMath is not null;

    private DatadogTime(DateTimeOffset absolute) { Absolute = absolute.ToUniversalTime(); }

    private DatadogTime(string dateMath, TimeSpan offset) { _dateMath = dateMath; RelativeOffset = offset; }

    /// <summary><c>now</c>.</summary>
    public static DatadogTime Now { get; } = new("now", TimeSpan.Zero);

    /// <summary>An absolute instant.</summary>
    public static DatadogTime FromDateTimeOffset(DateTimeOffset instant) => new(instant);

    /// <summary>Date math <c>now-&lt;ago&gt;</c>, expressed in the largest whole unit (s, m, h, d, w) that fits.</summary>
    public static DatadogTime Ago(TimeSpan ago)
    {
        if (ago < TimeSpan.Zero || ago > MaxOffset)
            throw new ArgumentOutOfRangeException(nameof(ago), "The span must be between zero and 100 years.");
        if (ago == TimeSpan.Zero) return Now;
        long seconds = (long)ago.TotalSeconds;
        if (seconds == 0 || seconds != ago.TotalSeconds)
            throw new ArgumentOutOfRangeException(nameof(ago), "Date math works in whole seconds.");
        foreach (var (unit, size) in new[] { ('w', 604800L), ('d', 86400L), ('h', 3600L), ('m', 60L) })
        {
            if (seconds % size == 0)
                return new DatadogTime("now-" + (seconds / size).ToString(CultureInfo.InvariantCulture) + unit, -ago);
        }
        return new DatadogTime("now-" + seconds.ToString(CultureInfo.InvariantCulture) + "s", -ago);
    }

    /// <summary>Converts a date (PowerShell's <c>[datetimeoffset]</c> arrives this way).</summary>
    public static implicit operator DatadogTime(DateTimeOffset instant) => new(instant);

    /// <summary>Converts a <see cref="DateTime"/> (<c>Get-Date</c>, <c>(Get-Date).AddHours(-6)</c>): PowerShell
    /// binds a DateTime to a DatadogTime parameter only through a conversion from DateTime itself. A local time
    /// (Kind Local, as Get-Date gives) is that instant; a time that does not say (Kind Unspecified, as
    /// <c>[datetime]'2025-06-03T09:41'</c> gives) is UTC, like text without an offset (see <see cref="Text.TimeText"/>).</summary>
    public static implicit operator DatadogTime(DateTime instant) => new(Text.TimeText.FromDateTime(instant));

    /// <summary>
    /// Parses date math (<c>now</c>, <c>now-15m</c>, <c>now-6h</c>, <c>now-2d</c>, <c>now-1w</c>, also <c>+</c>),
    /// ISO-8601 text (taken as UTC when it has no offset, as Datadog does) or epoch milliseconds.
    /// </summary>
    /// <exception cref="FormatException">The text is none of those; the message shows the accepted forms.</exception>
    public static DatadogTime Parse(string text)
    {
        if (TryParse(text, out DatadogTime? time, out string? error)) return time!;
        throw new FormatException(error);
    }

    /// <summary>Like <see cref="Parse"/>, returning the error message instead of throwing.</summary>
    public static bool TryParse(string? text, out DatadogTime? time, out string? error)
    {
        time = null;
        error = null;
        string value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            error = "The time is empty. " + AcceptedForms;
            return false;
        }

        Match math = DateMath.Match(value);
        if (math.Success)
            return TryDateMath(value, math, out time, out error);

        if (IsAllDigits(value))
            return TryEpochMilliseconds(value, out time, out error);

        if (IsoDate.IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset instant))
        {
            time = new DatadogTime(instant);
            return true;
        }

        error = value.StartsWith("now", StringComparison.OrdinalIgnoreCase)
            ? $"'{value}' is not valid Datadog date math: write now, or now-<number><unit> with unit s, m, h, d or w in lower case (for example now-15m, now-6h, now-2d)."
            : $"'{value}' is not a time. " + AcceptedForms;
        return false;
    }

    /// <summary>The value sent to Datadog: the date math text, or ISO-8601 UTC with milliseconds.</summary>
    public string ToRequestValue() =>
        _dateMath ?? Absolute!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The instant this time denotes when "now" is <paramref name="now"/> (used to check from &lt;= to).</summary>
    public DateTimeOffset ResolveAt(DateTimeOffset now) => Absolute ?? now.ToUniversalTime() + RelativeOffset;

    /// <summary>Same as <see cref="ToRequestValue"/>.</summary>
    public override string ToString() => ToRequestValue();

    private const string AcceptedForms =
        "Use Datadog date math (now, now-15m, now-6h, now-2d, now-1w), an ISO-8601 date such as 2024-05-01T12:00:00Z, or epoch milliseconds such as 1714564800000.";

    private static bool TryDateMath(string value, Match math, out DatadogTime? time, out string? error)
    {
        time = null;
        error = null;
        if (!math.Groups[1].Success)
        {
            time = Now;
            return true;
        }
        long amount = long.Parse(math.Groups[2].Value, CultureInfo.InvariantCulture);
        long unitSeconds = math.Groups[3].Value[0] switch
        {
            's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 604800,
        };
        double seconds = (double)amount * unitSeconds;
        if (seconds > MaxOffset.TotalSeconds)
        {
            error = $"'{value}' reaches more than 100 years away; use a smaller amount.";
            return false;
        }
        TimeSpan offset = TimeSpan.FromSeconds(seconds);
        time = new DatadogTime(value, math.Groups[1].Value == "-" ? -offset : offset);
        return true;
    }

    private static bool TryEpochMilliseconds(string value, out DatadogTime? time, out string? error)
    {
        time = null;
        error = null;
        // Up to 9999-12-31 in milliseconds has 15 digits; more cannot be a date.
        if (value.Length > 15 || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long ms)
            || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            error = $"'{value}' is too large for epoch milliseconds. " + AcceptedForms;
            return false;
        }
        if (ms < SmallestPlausibleEpochMilliseconds)
        {
            error = $"'{value}' looks like epoch seconds (or is before 1973); give epoch milliseconds, for example {value}000.";
            return false;
        }
        time = new DatadogTime(DateTimeOffset.FromUnixTimeMilliseconds(ms));
        return true;
    }

    private static bool IsAllDigits(string value)
    {
        foreach (char c in value)
            if (c < '0' || c > '9') return false;
        return true;
    }
}
