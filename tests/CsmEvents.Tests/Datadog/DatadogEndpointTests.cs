using System;
using System.Collections.Generic;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

public class DatadogEndpointTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars)
    {
        var map = new Dictionary<string, string>();
        foreach (var (name, value) in vars) map[name] = value;
        return name => map.TryGetValue(name, out string? v) ? v : null;
    }

    [Fact]
    public void DefaultsToUs1()
    {
        DatadogEndpoint e = DatadogEndpoint.Resolve(null, null, Env());
        Assert.Equal("https://api.datadoghq.com/api/v2/logs/events/search", e.SearchUrl.ToString());
        Assert.Equal("site datadoghq.com from default site", e.Origin);
    }

    [Fact]
    public void SiteComesFromDdSiteWhenNotGiven()
    {
        DatadogEndpoint e = DatadogEndpoint.Resolve(null, null, Env(("DD_SITE", "datadoghq.eu")));
        Assert.Equal("https://api.datadoghq.eu/api/v2/logs/events/search", e.SearchUrl.ToString());
        Assert.Equal("site datadoghq.eu from DD_SITE", e.Origin);
    }

    [Fact]
    public void ExplicitSiteBeatsDdSite()
    {
        DatadogEndpoint e = DatadogEndpoint.Resolve(null, "us5.datadoghq.com", Env(("DD_SITE", "datadoghq.eu")));
        Assert.Equal("https://api.us5.datadoghq.com/", e.BaseUrl.ToString());
        Assert.Equal("site us5.datadoghq.com from Site option", e.Origin);
    }

    [Fact]
    public void ApiUrlBeatsSiteAndDdSite()
    {
        DatadogEndpoint e = DatadogEndpoint.Resolve("https://proxy.example.com/datadog", "datadoghq.eu", Env(("DD_SITE", "ap1.datadoghq.com")));
        Assert.Equal("https://proxy.example.com/datadog/api/v2/logs/events/search", e.SearchUrl.ToString());
        Assert.Equal("ApiUrl option", e.Origin);
    }

    [Theory]
    [InlineData("app.datadoghq.eu", "https://api.datadoghq.eu/")]
    [InlineData("API.US3.DATADOGHQ.COM", "https://api.us3.datadoghq.com/")]
    [InlineData(" ddog-gov.com ", "https://api.ddog-gov.com/")]
    [InlineData("ap2.datadoghq.com.", "https://api.ap2.datadoghq.com/")]
    public void SiteNamesAreNormalised(string site, string baseUrl) =>
        Assert.Equal(baseUrl, DatadogEndpoint.Resolve(null, site, Env()).BaseUrl.ToString());

    [Fact]
    public void BlankDdSiteIsIgnored() =>
        Assert.Equal("https://api.datadoghq.com/", DatadogEndpoint.Resolve(" ", "", Env(("DD_SITE", "  "))).BaseUrl.ToString());

    [Theory]
    [InlineData("https://datadoghq.eu", "The Datadog site 'https://datadoghq.eu' (from Site option) is a URL; give the site name only (for example datadoghq.eu), or use ApiUrl for a full URL.")]
    [InlineData("datadog hq", "The Datadog site 'datadog hq' (from Site option) is not a host name; use one of datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, uk1.datadoghq.com, ddog-gov.com, us2.ddog-gov.com, or give the address of anything else (a proxy, a test server) as ApiUrl.")]
    [InlineData("localhost", "The Datadog site 'localhost' (from Site option) is not a host name; use one of datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, uk1.datadoghq.com, ddog-gov.com, us2.ddog-gov.com, or give the address of anything else (a proxy, a test server) as ApiUrl.")]
    public void BadSitesAreRejected(string site, string message) =>
        Assert.Equal(message, Assert.Throws<DatadogConfigurationException>(() => DatadogEndpoint.Resolve(null, site, Env())).Message);

    [Fact]
    public void BadDdSiteNamesTheVariable() =>
        Assert.Equal(
            "The Datadog site 'eu/' (from DD_SITE) is a URL; give the site name only (for example datadoghq.eu), or use ApiUrl for a full URL.",
            Assert.Throws<DatadogConfigurationException>(() => DatadogEndpoint.Resolve(null, null, Env(("DD_SITE", "eu/")))).Message);

    [Theory]
    [InlineData("http://127.0.0.1:8126", "http://127.0.0.1:8126/api/v2/logs/events/search")]
    [InlineData("http://127.9.8.7/", "http://127.9.8.7/api/v2/logs/events/search")]
    [InlineData("http://[::1]:9000/dd/", "http://[::1]:9000/dd/api/v2/logs/events/search")]
    [InlineData("http://LOCALHOST:8080", "http://localhost:8080/api/v2/logs/events/search")]
    [InlineData("https://10.1.2.3:8443", "https://10.1.2.3:8443/api/v2/logs/events/search")]
    public void LoopbackHttpAndAnyHttpsAreAccepted(string apiUrl, string searchUrl) =>
        Assert.Equal(searchUrl, DatadogEndpoint.Resolve(apiUrl, null, Env()).SearchUrl.ToString());

    [Theory]
    [InlineData("http://10.0.0.5:8080", "ApiUrl 'http://10.0.0.5:8080' uses plain http:// to a host that is not this machine; the Datadog keys would travel unencrypted. Use https://, or http:// only with 127.0.0.1, ::1 or localhost.")]
    [InlineData("http://127.0.0.1.example.com", "ApiUrl 'http://127.0.0.1.example.com' uses plain http:// to a host that is not this machine; the Datadog keys would travel unencrypted. Use https://, or http:// only with 127.0.0.1, ::1 or localhost.")]
    [InlineData("http://api.datadoghq.com", "ApiUrl 'http://api.datadoghq.com' uses plain http:// to a host that is not this machine; the Datadog keys would travel unencrypted. Use https://, or http:// only with 127.0.0.1, ::1 or localhost.")]
    [InlineData("ftp://127.0.0.1", "ApiUrl 'ftp://127.0.0.1' has the scheme 'ftp'; use https:// (or http:// to 127.0.0.1, ::1 or localhost).")]
    [InlineData("api.datadoghq.com", "ApiUrl 'api.datadoghq.com' is not an absolute URL; give one such as https://api.datadoghq.eu or http://127.0.0.1:8080.")]
    [InlineData("https://user:pw@proxy.example.com", "ApiUrl must not contain a user name or password (the part before '@'); Datadog keys are sent as headers.")]
    [InlineData("https://proxy.example.com/dd?x=1", "ApiUrl 'https://proxy.example.com/dd' must not have a query string or fragment.")]
    public void UnsafeOrBrokenApiUrlsAreRejected(string apiUrl, string message) =>
        Assert.Equal(message, Assert.Throws<DatadogConfigurationException>(() => DatadogEndpoint.Resolve(apiUrl, null, Env())).Message);

    [Fact]
    public void ClientResolvesTheEndpointFromItsOptions()
    {
        var options = new DatadogClientOptions { Environment = Env(("DD_SITE", "us3.datadoghq.com")) };
        using var client = new DatadogLogsClient(new DatadogCredentials("k1234567", "k7654321"), options);
        Assert.Equal("https://api.us3.datadoghq.com/api/v2/logs/events/search", client.Endpoint.SearchUrl.ToString());
    }
}
