using System;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

public class DatadogTimeTests
{
    private static readonly DateTimeOffset Noon = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("now", 0)]
    [InlineData("now-15m", -900)]
    [InlineData("now-6h", -21600)]
    [InlineData("now-2d", -172800)]
    [InlineData("now-1w", -604800)]
    [InlineData("now-30s", -30)]
    [InlineData("now+5m", 300)]
    [InlineData(" now-6h ", -21600)]
    public void DateMathIsKeptAsTextAndUnderstood(string text, int offsetSeconds)
    {
        DatadogTime t = DatadogTime.Parse(text);
        Assert.True(t.IsRelative);
        Assert.Null(t.Absolute);
        Assert.Equal(text.Trim(), t.ToRequestValue());
        Assert.Equal(TimeSpan.FromSeconds(offsetSeconds), t.RelativeOffset);
        Assert.Equal(Noon.AddSeconds(offsetSeconds), t.ResolveAt(Noon));
    }

    [Theory]
    [InlineData("2024-05-01T12:34:56Z", "2024-05-01T12:34:56.000Z")]
    [InlineData("2024-05-01T12:34:56.789+02:00", "2024-05-01T10:34:56.789Z")]
    [InlineData("2024-05-01T12:34:56.7891234-0130", "2024-05-01T14:04:56.789Z")]
    [InlineData("2024-05-01 08:00", "2024-05-01T08:00:00.000Z")]
    [InlineData("2024-05-01T08:00:00", "2024-05-01T08:00:00.000Z")]
    [InlineData("2024-05-01", "2024-05-01T00:00:00.000Z")]
    [InlineData("1714566896789", "2024-05-01T12:34:56.789Z")]
    public void AbsoluteTimesAreSentAsUtcWithMilliseconds(string text, string sent)
    {
        DatadogTime t = DatadogTime.Parse(text);
        Assert.False(t.IsRelative);
        Assert.Equal(sent, t.ToRequestValue());
        Assert.Equal(TimeSpan.Zero, t.Absolute!.Value.Offset);
    }

    [Fact]
    public void DateTimeOffsetConvertsImplicitly()
    {
        DatadogTime t = new DateTimeOffset(2024, 12, 31, 23, 59, 59, 123, TimeSpan.FromHours(-5));
        Assert.Equal("2025-01-01T04:59:59.123Z", t.ToRequestValue());
        Assert.Equal("2025-01-01T04:59:59.123Z", DatadogTime.FromDateTimeOffset(new DateTimeOffset(2025, 1, 1, 4, 59, 59, 123, TimeSpan.Zero)).ToString());
    }

    [Theory]
    [InlineData("yesterday", "'yesterday' is not a time. Use Datadog date math (now, now-15m, now-6h, now-2d, now-1w), an ISO-8601 date such as 2024-05-01T12:00:00Z, or epoch milliseconds such as 1714564800000.")]
    [InlineData("5/1/2024", "'5/1/2024' is not a time. Use Datadog date math (now, now-15m, now-6h, now-2d, now-1w), an ISO-8601 date such as 2024-05-01T12:00:00Z, or epoch milliseconds such as 1714564800000.")]
    [InlineData("2024-13-01T00:00:00Z", "'2024-13-01T00:00:00Z' is not a time. Use Datadog date math (now, now-15m, now-6h, now-2d, now-1w), an ISO-8601 date such as 2024-05-01T12:00:00Z, or epoch milliseconds such as 1714564800000.")]
    [InlineData("", "The time is empty. Use Datadog date math (now, now-15m, now-6h, now-2d, now-1w), an ISO-8601 date such as 2024-05-01T12:00:00Z, or epoch milliseconds such as 1714564800000.")]
    [InlineData("now-15", "'now-15' is not valid Datadog date math: write now, or now-<number><unit> with unit s, m, h, d or w in lower case (for example now-15m, now-6h, now-2d).")]
    [InlineData("now-15M", "'now-15M' is not valid Datadog date math: write now, or now-<number><unit> with unit s, m, h, d or w in lower case (for example now-15m, now-6h, now-2d).")]
    [InlineData("now - 15m", "'now - 15m' is not valid Datadog date math: write now, or now-<number><unit> with unit s, m, h, d or w in lower case (for example now-15m, now-6h, now-2d).")]
    [InlineData("now-1y", "'now-1y' is not valid Datadog date math: write now, or now-<number><unit> with unit s, m, h, d or w in lower case (for example now-15m, now-6h, now-2d).")]
    [InlineData("Now", "'Now' is not valid Datadog date math: write now, or now-<number><unit> with unit s, m, h, d or w in lower case (for example now-15m, now-6h, now-2d).")]
    [InlineData("now-999999999w", "'now-999999999w' reaches more than 100 years away; use a smaller amount.")]
    [InlineData("1714564800", "'1714564800' looks like epoch seconds (or is before 1973); give epoch milliseconds, for example 1714564800000.")]
    [InlineData("99999999999999999", "'99999999999999999' is too large for epoch milliseconds. Use Datadog date math (now, now-15m, now-6h, now-2d, now-1w), an ISO-8601 date such as 2024-05-01T12:00:00Z, or epoch milliseconds such as 1714564800000.")]
    public void NonsenseIsAClearError(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => DatadogTime.Parse(text)).Message);
        Assert.False(DatadogTime.TryParse(text, out DatadogTime? time, out string? error));
        Assert.Null(time);
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData(0, "now")]
    [InlineData(900, "now-15m")]
    [InlineData(7200, "now-2h")]
    [InlineData(5400, "now-90m")]
    [InlineData(172800, "now-2d")]
    [InlineData(1209600, "now-2w")]
    [InlineData(45, "now-45s")]
    public void AgoWritesTheLargestWholeUnit(int seconds, string text) =>
        Assert.Equal(text, DatadogTime.Ago(TimeSpan.FromSeconds(seconds)).ToRequestValue());

    [Fact]
    public void AgoRejectsNegativeAndFractionalSpans()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DatadogTime.Ago(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatadogTime.Ago(TimeSpan.FromMilliseconds(1500)));
    }
}
