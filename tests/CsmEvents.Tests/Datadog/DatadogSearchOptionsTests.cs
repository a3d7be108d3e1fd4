using System;
using System.Collections.Generic;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

public class DatadogSearchOptionsTests
{
    private static readonly DateTimeOffset Noon = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DefaultsAreTheLastFifteenMinutesInPagesOfAThousand()
    {
        var o = new DatadogSearchOptions();
        Assert.Equal("now-15m", o.From.ToRequestValue());
        Assert.Equal("now", o.To.ToRequestValue());
        Assert.Equal(1000, o.PageSize);
        Assert.Null(o.MaxEvents);
        Assert.Equal(new[] { "*" }, o.Indexes);
        Assert.Equal("source:runtime-security-agent", o.EffectiveQuery);
        o.Validate(Noon);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void PageSizeLimitsAreAccepted(int size) => new DatadogSearchOptions { PageSize = size }.Validate(Noon);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1001)]
    public void PageSizeOutOfRangeIsRejected(int size) =>
        Assert.Equal($"PageSize must be between 1 and 1000; got {size}.",
            Assert.Throws<DatadogConfigurationException>(() => new DatadogSearchOptions { PageSize = size }.Validate(Noon)).Message);

    [Fact]
    public void MaxEventsMustBePositive() =>
        Assert.Equal("MaxEvents must be at least 1 (or not set for no limit); got 0.",
            Assert.Throws<DatadogConfigurationException>(() => new DatadogSearchOptions { MaxEvents = 0 }.Validate(Noon)).Message);

    [Fact]
    public void FromAfterToIsRejected()
    {
        var relative = new DatadogSearchOptions { From = DatadogTime.Parse("now-1h"), To = DatadogTime.Parse("now-2h") };
        Assert.Equal("From (now-1h) is later than To (now-2h); nothing can match.",
            Assert.Throws<DatadogConfigurationException>(() => relative.Validate(Noon)).Message);
        // Mixed: an absolute From one hour in the future (relative to the given clock) is after "now".
        var mixed = new DatadogSearchOptions { From = Noon.AddHours(1) };
        Assert.Equal("From (2024-05-01T13:00:00.000Z) is later than To (now); nothing can match.",
            Assert.Throws<DatadogConfigurationException>(() => mixed.Validate(Noon)).Message);
    }

    [Fact]
    public void IndexesMustNameSomething()
    {
        const string message = "Indexes must name at least one log index (use * for all), with no empty names.";
        Assert.Equal(message, Assert.Throws<DatadogConfigurationException>(() => new DatadogSearchOptions { Indexes = new List<string>() }.Validate(Noon)).Message);
        Assert.Equal(message, Assert.Throws<DatadogConfigurationException>(() => new DatadogSearchOptions { Indexes = new List<string> { "main", " " } }.Validate(Noon)).Message);
    }
}
