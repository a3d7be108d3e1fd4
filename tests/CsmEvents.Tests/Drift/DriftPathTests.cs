using CsmEvents.Drift;

namespace CsmEvents.Tests.Drift;

public class DriftPathTests
{
    [Theory]
    [InlineData("", null, "")]
    [InlineData("", "agent", "/agent")]
    [InlineData("/process/ancestors/3/credentials", "auid", "/process/ancestors/*/credentials/auid")]
    [InlineData("/process/ancestors/0/args/12", null, "/process/ancestors/*/args/*")]
    [InlineData("/process/parent", "is_exec", "/process/parent/is_exec")]
    [InlineData("/agent", "odd/name~", "/agent/odd~1name~0")]
    [InlineData("/evt/variables/1x", null, "/evt/variables/1x")]
    [InlineData("/a//0", null, "/a//*")]
    public void IndexesBecomeStarsAndTheMemberIsAppended(string instancePath, string? property, string expected)
    {
        Assert.Equal(expected, DriftPath.Of(instancePath, property));
    }

    [Fact]
    public void APathWithoutIndexesIsReturnedAsItIs()
    {
        string path = "/process/credentials";
        Assert.Same(path, DriftPath.Collapse(path));
    }
}
