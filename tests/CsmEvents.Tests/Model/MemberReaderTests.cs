using CsmEvents.Model;

namespace CsmEvents.Tests.Model;

/// <summary>
/// The hand-written member readers of Process, ProcessContext, ProcessCredentials, CsmFile and FileEvent read
/// members that arrive in schema order, then hand over to the generic loop. These cases break the order at each
/// point where the handover happens; the text must come back unchanged and the typed values be those written.
/// </summary>
public class MemberReaderTests
{
    [Theory]
    // a value of another type in the ordered part, then ordered members again
    [InlineData("""{"process":{"pid":1,"ppid":"x","tid":3,"comm":"sh"}}""")]
    // a member before one it should follow
    [InlineData("""{"process":{"uid":0,"pid":1,"comm":"sh"}}""")]
    // an unknown member between known ones
    [InlineData("""{"process":{"pid":1,"zz":true,"comm":"sh","executable":{"path":"/bin/sh"}}}""")]
    // the first member is a mistyped one
    [InlineData("""{"process":{"pid":null,"comm":"sh"}}""")]
    // names that share their first seven or fifteen bytes
    [InlineData("""{"process":{"executable_path":"/a","executable_inode":5,"executable_mount_id":3,"executable_pathX":1}}""")]
    // credentials, files and ancestors in order, out of order and with extras
    [InlineData("""{"process":{"credentials":{"uid":0,"user":"root","euid":0,"cap_effective":["CAP_X"]},"ancestors":[{"pid":2,"credentials":{"user":"u","uid":1}},{"comm":"a","pid":1}],"truncated_ancestors":false}}""")]
    [InlineData("""{"file":{"path":"/etc/passwd","name":"passwd","inode":7,"mode":420,"in_upper_layer":false,"fstype":"ext4","destination":{"path":"/x"},"zz":[1]}}""")]
    [InlineData("""{"file":{"name":"passwd","path":"/etc/passwd","fstype":"ext4","device":3}}""")]
    // an empty object and an object that ends after a mistyped last member
    [InlineData("""{"process":{},"file":{"path":7}}""")]
    public void ReadThenWriteGivesTheSameJsonText(string json)
    {
        Assert.Equal(json, CsmEvent.Parse(json).ToJson());
    }

    [Fact]
    public void MembersAfterAMistypedOneAreStillTyped()
    {
        var process = CsmEvent.Parse("""{"process":{"pid":1,"ppid":"x","tid":3,"comm":"sh"}}""").Process!;
        Assert.Equal(1L, process.Pid);
        Assert.Null(process.Ppid);
        Assert.Equal("x", process.AdditionalProperties["ppid"]);
        Assert.Equal(3L, process.Tid);
        Assert.Equal("sh", process.Comm);
    }

    [Fact]
    public void MembersOutOfOrderAreTyped()
    {
        var process = CsmEvent.Parse("""{"process":{"comm":"sh","uid":0,"pid":1,"credentials":{"user":"u","uid":5}}}""").Process!;
        Assert.Equal(("sh", 0L, 1L), (process.Comm, process.Uid, process.Pid));
        Assert.Equal(("u", 5L), (process.Credentials!.User, process.Credentials.Uid));
    }

    [Fact]
    public void LongNamesSharingAPrefixAreToldApart()
    {
        var process = CsmEvent.Parse("""{"process":{"executable_path":"/a","executable_inode":5,"executable_mount_id":3,"executable_pathX":1}}""").Process!;
        Assert.Equal("/a", process.ExecutablePath);
        Assert.Equal(5UL, process.ExecutableInode);
        Assert.Equal(3L, process.ExecutableMountId);
        Assert.Equal(1L, process.AdditionalProperties["executable_pathX"]);
    }

    [Fact]
    public void AnEscapedMemberNameIsTheMemberItNames()
    {
        // The typed member is written back under its plain name: the same JSON member, spelled without the escape.
        var evt = CsmEvent.Parse("""{"process":{"p\u0069d":1,"comm":"sh"}}""");
        Assert.Equal(1L, evt.Process!.Pid);
        Assert.Equal("""{"process":{"pid":1,"comm":"sh"}}""", evt.ToJson());
    }

    [Theory]
    [InlineData("""{"process":{"pid":1,"comm":"a","pid":2}}""", "duplicate property \"pid\"")]
    [InlineData("""{"process":{"pid":1,"ppid":"x","ppid":2}}""", "duplicate property \"ppid\"")]
    [InlineData("""{"process":{"credentials":{"uid":1,"user":"a","uid":2}}}""", "duplicate property \"uid\"")]
    public void ARepeatedMemberIsAnErrorWhereverTheOrderedPartEnded(string json, string reason)
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => CsmEvent.Parse(json));
        Assert.Contains(reason, error.Message);
    }
}
