using CsmEvents.Model;
using CsmEvents.Model.Json;

namespace CsmEvents.Tests.Model;

/// <summary>
/// Integer members are read from their bytes when they are short plain integers (ShortInteger) and by the JSON
/// reader otherwise; both routes must give the same typed values, and a number that does not fit the member's
/// type must stay a plain value, exactly as written.
/// </summary>
public class IntegerMembersTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("7", 7L)]
    [InlineData("-7", -7L)]
    [InlineData("999999999999999999", 999999999999999999L)]      // 18 digits: the fast route's largest
    [InlineData("-999999999999999999", -999999999999999999L)]
    [InlineData("1000000000000000000", 1000000000000000000L)]    // 19 digits: the reader's route
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void SignedMembersGetTheirValue(string number, long expected)
    {
        var evt = CsmEvent.Parse("{\"process\":{\"pid\":" + number + ",\"comm\":\"sh\"}}");
        Assert.Equal(expected, evt.Process!.Pid);
        Assert.Empty(evt.Process.AdditionalProperties);
        Assert.Equal("{\"process\":{\"pid\":" + number + ",\"comm\":\"sh\"}}", evt.ToJson());
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("1E+3")]
    [InlineData("-0")]
    [InlineData("9223372036854775808")]   // one more than long.MaxValue
    public void SignedMembersKeepOtherNumbersAsWritten(string number)
    {
        string json = "{\"process\":{\"pid\":" + number + ",\"comm\":\"sh\"}}";
        var evt = CsmEvent.Parse(json);
        Assert.Null(evt.Process!.Pid);
        Assert.True(evt.Process.AdditionalProperties.Contains("pid"));
        Assert.Equal("sh", evt.Process.Comm); // members after it are still typed
        Assert.Equal(json, evt.ToJson());
    }

    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("3536146071552", 3536146071552UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]   // overlay inodes go above Int64
    public void UnsignedMembersGetTheirValue(string number, ulong expected)
    {
        var evt = CsmEvent.Parse("{\"file\":{\"path\":\"/a\",\"inode\":" + number + ",\"mode\":420}}");
        Assert.Equal(expected, evt.File!.Inode);
        Assert.Equal(420L, evt.File.Mode);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0")]
    [InlineData("2.5")]
    [InlineData("18446744073709551616")]
    public void UnsignedMembersKeepNegativeAndOtherNumbersAsWritten(string number)
    {
        string json = "{\"file\":{\"path\":\"/a\",\"inode\":" + number + ",\"mode\":420}}";
        var evt = CsmEvent.Parse(json);
        Assert.Null(evt.File!.Inode);
        Assert.True(evt.File.AdditionalProperties.Contains("inode"));
        Assert.Equal(420L, evt.File.Mode);
        Assert.Equal(json, evt.ToJson());
    }

    [Theory]
    [InlineData("12", true, 12L, false)]
    [InlineData("-12", true, -12L, true)]
    [InlineData("-0", true, 0L, true)]
    [InlineData("123456789012345678", true, 123456789012345678L, false)]
    [InlineData("1234567890123456789", false, 0L, false)]
    [InlineData("1.0", false, 0L, false)]
    [InlineData("1e2", false, 0L, false)]
    [InlineData("-", false, 0L, true)]
    public void ShortIntegerTakesOnlyPlainIntegersOfAtMost18Digits(string text, bool taken, long value, bool negative)
    {
        Assert.Equal(taken, ShortInteger.TryRead(System.Text.Encoding.ASCII.GetBytes(text), out long read, out bool readNegative));
        Assert.Equal(value, read);
        Assert.Equal(negative, readNegative);
    }
}
