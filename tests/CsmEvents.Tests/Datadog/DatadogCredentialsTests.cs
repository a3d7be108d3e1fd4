using System;
using System.Collections.Generic;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

public class DatadogCredentialsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars)
    {
        var map = new Dictionary<string, string>();
        foreach (var (name, value) in vars) map[name] = value;
        return name => map.TryGetValue(name, out string? v) ? v : null;
    }

    [Fact]
    public void KeysComeFromTheEnvironment()
    {
        var c = DatadogCredentials.Resolve(null, null, Env(("DD_API_KEY", "env-api-key-1"), ("DD_APP_KEY", "env-app-key-1")));
        Assert.Equal("env-api-key-1", c.ApiKey);
        Assert.Equal("env-app-key-1", c.ApplicationKey);
    }

    [Fact]
    public void ExplicitKeysBeatTheEnvironment()
    {
        var c = DatadogCredentials.Resolve("given-api-key", "given-app-key", Env(("DD_API_KEY", "env-api"), ("DD_APP_KEY", "env-app")));
        Assert.Equal("given-api-key", c.ApiKey);
        Assert.Equal("given-app-key", c.ApplicationKey);
    }

    [Fact]
    public void DdAppKeyBeatsDdApplicationKeyWhichIsTheFallback()
    {
        var both = DatadogCredentials.Resolve(null, null, Env(("DD_API_KEY", "a"), ("DD_APP_KEY", "first"), ("DD_APPLICATION_KEY", "second")));
        Assert.Equal("first", both.ApplicationKey);
        var fallback = DatadogCredentials.Resolve(null, null, Env(("DD_API_KEY", "a"), ("DD_APP_KEY", " "), ("DD_APPLICATION_KEY", "second")));
        Assert.Equal("second", fallback.ApplicationKey);
    }

    [Fact]
    public void BothMissingNamesBothVariablesAndParameters()
    {
        var e = Assert.Throws<DatadogConfigurationException>(() => DatadogCredentials.Resolve(null, "", Env(), "-ApiKey", "-ApplicationKey"));
        Assert.Equal(
            "No Datadog API key: set DD_API_KEY or use -ApiKey; no Datadog application key: set DD_APP_KEY (or DD_APPLICATION_KEY) or use -ApplicationKey.",
            e.Message);
    }

    [Fact]
    public void MissingApplicationKeyAloneIsNamed()
    {
        var e = Assert.Throws<DatadogConfigurationException>(() => DatadogCredentials.Resolve(null, null, Env(("DD_API_KEY", "abcdefgh12345678"))));
        Assert.Equal(
            "No Datadog application key: set DD_APP_KEY (or DD_APPLICATION_KEY) or use the application key parameter.",
            e.Message);
        Assert.DoesNotContain("abcdefgh12345678", e.ToString());
    }

    [Fact]
    public void MissingApiKeyAloneIsNamed()
    {
        var e = Assert.Throws<DatadogConfigurationException>(() => DatadogCredentials.Resolve(null, null, Env(("DD_APPLICATION_KEY", "abcdefgh12345678")), "--api-key-stdin"));
        Assert.Equal("No Datadog API key: set DD_API_KEY or use --api-key-stdin.", e.Message);
    }

    [Fact]
    public void SurroundingWhitespaceIsRemoved()
    {
        var c = new DatadogCredentials("  api-key\n", "\tapp-key\r\n");
        Assert.Equal("api-key", c.ApiKey);
        Assert.Equal("app-key", c.ApplicationKey);
    }

    [Fact]
    public void KeysThatCannotBeHeadersAreRejectedWithoutShowingThem()
    {
        var e = Assert.Throws<DatadogConfigurationException>(() => new DatadogCredentials("secret part\nmore", "app"));
        Assert.Equal(
            "The Datadog API key contains a space, control or non-ASCII character, which an HTTP header cannot carry; check DD_API_KEY or the value passed (the key is not shown).",
            e.Message);
        Assert.DoesNotContain("secret", e.ToString());
        var e2 = Assert.Throws<DatadogConfigurationException>(() => new DatadogCredentials("api", "clé"));
        Assert.StartsWith("The Datadog application key contains", e2.Message);
    }

    [Fact]
    public void EmptyExplicitKeyIsRejected() =>
        Assert.Equal("The Datadog API key is empty (set DD_API_KEY or pass a value).",
            Assert.Throws<DatadogConfigurationException>(() => new DatadogCredentials(" ", "app")).Message);

    [Fact]
    public void ToStringNeverShowsTheKeys()
    {
        var c = new DatadogCredentials("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210fedcba98");
        Assert.Equal("DatadogCredentials (API key: set, application key: set)", c.ToString());
    }
}
