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
    // an array of strings holding something else, read to its end as a plain value: in the ordered part, in
    // credentials, after the ordered part ended, and as the last member
    [InlineData("""{"process":{"pid":1,"comm":"sh","args":["a","b",1,{"c":[2,"d"]},"e"],"source":"event"}}""")]
    [InlineData("""{"process":{"credentials":{"uid":0,"cap_effective":["CAP_X",null],"cap_permitted":[]},"comm":"sh"}}""")]
    [InlineData("""{"process":{"comm":"sh","pid":1,"args":[true,"a"],"argv0":"sh"}}""")]
    [InlineData("""{"file":{"path":"/a","hashes":["sha1:00",[]]}}""")]
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

    [Fact]
    public void AMixedArrayInTheOrderedPartIsKeptWholeAndTheMembersAfterItTyped()
    {
        var process = CsmEvent.Parse("""{"process":{"pid":1,"args":["a",1,{"c":[2]}],"source":"event"}}""").Process!;
        Assert.Null(process.Args);
        var plain = Assert.IsType<object?[]>(process.AdditionalProperties["args"]);
        Assert.Equal(3, plain.Length);
        Assert.Equal("a", plain[0]);
        Assert.Equal(1L, plain[1]);
        Assert.Equal("event", process.Source);
        Assert.Equal(1L, process.Pid);
    }

    [Fact]
    public void ARepeatedMemberInsideAMixedArrayIsAnError()
    {
        var error = Assert.ThrowsAny<System.Text.Json.JsonException>(() => CsmEvent.Parse("""{"process":{"args":["a",{"k":1,"k":2}]}}"""));
        Assert.Contains("duplicate property \"k\"", error.Message);
        // the parser is reused by the thread: what the failed event left behind must not reach the next one
        var next = CsmEvent.Parse("""{"process":{"pid":4,"ppid":"x"}}""").Process!;
        Assert.Equal("x", next.AdditionalProperties["ppid"]);
        Assert.Equal(4L, next.Pid);
    }
}
