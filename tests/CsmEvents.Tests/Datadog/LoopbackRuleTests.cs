using System;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

public class LoopbackRuleTests
{
    [Theory]
    [InlineData("http://127.0.0.1/", true)]
    [InlineData("http://127.255.255.254:1/", true)]
    [InlineData("http://[::1]/", true)]
    [InlineData("http://localhost/", true)]
    [InlineData("http://LocalHost:99/", true)]
    [InlineData("http://128.0.0.1/", false)]
    [InlineData("http://0.0.0.0/", false)]
    [InlineData("http://[::2]/", false)]
    [InlineData("http://localhost.example.com/", false)]
    [InlineData("http://127.0.0.1.nip.io/", false)]
    [InlineData("http://192.168.1.10/", false)]
    public void OnlyLoopbackAddressesAndLocalhostCount(string url, bool loopback) =>
        Assert.Equal(loopback, LoopbackRule.IsLoopback(new Uri(url)));

    [Fact]
    public void HttpsIsAlwaysAllowed() => LoopbackRule.Enforce(new Uri("https://192.168.1.10/"));
}
