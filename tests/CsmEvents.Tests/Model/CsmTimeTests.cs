using System;
using System.Globalization;
using CsmEvents.Model.Json;

namespace CsmEvents.Tests.Model;

public class CsmTimeTests
{
    [Theory]
    [InlineData("2026-11-20T10:15:30.123456789Z", "2026-11-20T10:15:30.1234567+00:00")]
    [InlineData("2024-02-29T23:59:59+14:00", "2024-02-29T23:59:59.0000000+14:00")]
    [InlineData("2000-02-29T00:00:00.5-05:30", "2000-02-29T00:00:00.5000000-05:30")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("0001-01-01T00:00:00-01:00", "0001-01-01T00:00:00.0000000-01:00")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("2026-01-01 08:00:00z", "2026-01-01T08:00:00.0000000+00:00")]
    public void ParsesRfc3339Times(string text, string expectedRoundTrip)
    {
        Assert.True(CsmTime.TryParse(text, out var value));
        Assert.Equal(expectedRoundTrip, value.ToString("o", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2023-02-29T00:00:00Z")]        // not a leap year
    [InlineData("1900-02-29T00:00:00Z")]        // century, not a leap year
    [InlineData("2026-04-31T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-11-20T24:00:00Z")]
    [InlineData("2026-11-20T10:60:00Z")]
    [InlineData("2026-11-20T10:00:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]   // before DateTimeOffset.MinValue in UTC
    [InlineData("9999-12-31T23:59:59-01:00")]   // after DateTimeOffset.MaxValue in UTC
    [InlineData("2026-11-20T10:00:00+15:00")]   // DateTimeOffset holds offsets up to 14 hours
    [InlineData("2026-11-20T10:00:00.Z")]
    [InlineData("2026-11-20T10:00:00")]
    [InlineData("2026-11-20T10:00:00+0100")]
    [InlineData("2026-11-20")]
    public void RejectsWhatIsNotAnRfc3339TimeADateTimeOffsetCanHold(string text)
    {
        Assert.False(CsmTime.TryParse(text, out _));
    }

    [Fact]
    public void AgreesWithDateTimeOffsetOnRandomTimes()
    {
        var random = new Random(20261121);
        for (int n = 0; n < 20_000; n++)
        {
            int year = random.Next(1, 10000), month = random.Next(1, 13), day = random.Next(1, DateTime.DaysInMonth(year, month) + 1);
            int hour = random.Next(24), minute = random.Next(60), second = random.Next(60), fraction = random.Next(10_000_000);
            int offset = random.Next(-14 * 60, 14 * 60 + 1);
            string text = string.Format(CultureInfo.InvariantCulture, "{0:D4}-{1:D2}-{2:D2}T{3:D2}:{4:D2}:{5:D2}.{6:D7}{7}{8:D2}:{9:D2}",
                year, month, day, hour, minute, second, fraction, offset < 0 ? '-' : '+', Math.Abs(offset) / 60, Math.Abs(offset) % 60);
            DateTimeOffset? expected;
            try
            {
                expected = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offset)).AddTicks(fraction);
            }
            catch (ArgumentOutOfRangeException)
            {
                expected = null; // outside DateTimeOffset's range in UTC
            }
            bool parsed = CsmTime.TryParse(text, out var value);
            Assert.Equal(expected, parsed ? value : null);
            if (parsed) Assert.Equal(expected!.Value.Offset, value.Offset);
        }
    }
}
