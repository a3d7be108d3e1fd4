using System.Text;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

public class DatadogPageParserTests
{
    [Fact]
    public void ReadsCountCursorRequestIdStatusAndWarnings()
    {
        string body = DatadogResponses.Page(new[] { "a", "b", "c" }, "next-1", "req-42", "timeout",
            "[{\"code\":\"c1\",\"title\":\"t1\",\"detail\":\"d1\"},{\"code\":\"c2\"}]");
        DatadogPageInfo info = DatadogPageParser.Parse(Encoding.UTF8.GetBytes(body));
        Assert.Equal(3, info.EventCount);
        Assert.Equal("next-1", info.After);
        Assert.Equal("req-42", info.RequestId);
        Assert.Equal("timeout", info.Status);
        Assert.Equal(new[] { ("c1", "t1", "d1"), ("c2", "", "") }, info.Warnings);
    }

    [Fact]
    public void MetaBeforeDataAndAByteOrderMarkAreFine()
    {
        byte[] body = Encoding.UTF8.GetPreamble();
        body = [.. body, .. Encoding.UTF8.GetBytes("{\"meta\":{\"page\":{}},\"links\":{},\"data\":[{\"x\":[1,{\"y\":[]}]},2,null]}")];
        DatadogPageInfo info = DatadogPageParser.Parse(body);
        Assert.Equal(3, info.EventCount);
        Assert.Null(info.After);
        Assert.Null(info.RequestId);
    }
}
