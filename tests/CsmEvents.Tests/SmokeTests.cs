namespace CsmEvents.Tests;

public class CliUsageTests
{
    [Fact]
    public void NoArgumentsIsAUsageError()
    {
        var err = new System.IO.StringWriter();
        int code = CsmEvents.Cli.CliApp.Run(new string[0], new System.IO.MemoryStream(), new System.IO.MemoryStream(), err);
        Assert.Equal(2, code);
        Assert.StartsWith("usage: csm-events", err.ToString());
    }
}
