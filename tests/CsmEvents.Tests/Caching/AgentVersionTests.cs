using System.Linq;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Tests.Caching;

public class AgentVersionTests
{
    [Fact]
    public void OrdersReleasesPreReleasesAndMainAsSemanticVersioningDoes()
    {
        string[] shuffled = { "main", "7.64.10", "7.64.3", "7.64.3-rc.1", "7.65.0-devel", "7.64.3-rc.10", "7.64.3-rc.2", "6.99.0", "7.64.3-beta", "7.64.3-rc" };
        var sorted = shuffled.Select(Parse).OrderBy(v => v).Select(v => v.Text);
        Assert.Equal(new[] { "6.99.0", "7.64.3-beta", "7.64.3-rc", "7.64.3-rc.1", "7.64.3-rc.2", "7.64.3-rc.10", "7.64.3", "7.64.10", "7.65.0-devel", "main" }, sorted);
    }

    [Fact]
    public void BuildMetadataDoesNotChangeTheOrder()
    {
        Assert.Equal(0, Parse("7.66.0-devel+git.117.8b8bd7e").CompareTo(Parse("7.66.0-devel")));
        Assert.True(Parse("7.66.0-devel+git.1").CompareTo(Parse("7.66.0")) < 0);
        Assert.Equal(Parse("7.64.3+a"), Parse("7.64.3+b"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("7.64")]
    [InlineData("7.64.3.1")]
    [InlineData("v7.64.3")]
    [InlineData("07.64.3")]
    [InlineData("7.64.3-")]
    [InlineData("7.64.3-rc..1")]
    [InlineData("7.64.3-rc.01")]
    [InlineData("7.64.3+")]
    [InlineData("Main")]
    [InlineData("00640f703318c04e455f179a9af166ea4f426e80")]
    [InlineData("7.64.x")]
    public void RefusesWhatIsNotAVersion(string text)
    {
        Assert.False(AgentVersion.TryParse(text, out var version));
        Assert.Null(version);
    }

    [Fact]
    public void MainIsNewerThanEveryRelease()
    {
        Assert.True(Parse("main").IsMain);
        Assert.True(Parse("main").CompareTo(Parse("99.99.99")) > 0);
        Assert.Equal(0, Parse("main").CompareTo(Parse("main")));
    }

    private static AgentVersion Parse(string text)
    {
        Assert.True(AgentVersion.TryParse(text, out var version), text);
        return version!;
    }
}
