using System;
using System.Text;
using System.Text.Json;
using CsmEvents.Model;
using CsmEvents.Model.Json;

namespace CsmEvents.Tests.Model;

/// <summary>The reader's caches of short strings and timestamps: a cached value is exactly the one the bytes give.</summary>
public class ReadCacheTests
{
    [Fact]
    public void KeysAreEqualExactlyWhenTheBytesAreEqual()
    {
        var random = new Random(5);
        for (int length = 0; length <= Utf8Key.MaxLength; length++)
        {
            var a = new byte[length];
            random.NextBytes(a);
            Assert.True(new Utf8Key(a).Equals(new Utf8Key((byte[])a.Clone())), "length " + length);
            for (int i = 0; i < length; i++)
            {
                var b = (byte[])a.Clone();
                b[i] ^= 1;
                Assert.False(new Utf8Key(a).Equals(new Utf8Key(b)), "length " + length + ", byte " + i);
            }
            // A text and the same text with a zero byte appended differ only in length.
            var longer = new byte[length + 1];
            a.CopyTo(longer, 0);
            if (length < Utf8Key.MaxLength) Assert.False(new Utf8Key(a).Equals(new Utf8Key(longer)), "length " + length + " vs +1");
        }
    }

    [Fact]
    public void KeysDependOnlyOnTheTextNotOnWhatFollowsIt()
    {
        // The same 11 bytes, alone and at the start of a longer buffer (as reader.ValueSpan slices a record).
        byte[] record = Encoding.UTF8.GetBytes("containerd-shim and more");
        Assert.True(new Utf8Key(record.AsSpan(0, 11)).Equals(new Utf8Key(Encoding.UTF8.GetBytes("containerd-"))));
        Assert.True(new Utf8Key(record.AsSpan(0, 5)).Equals(new Utf8Key(Encoding.UTF8.GetBytes("conta"))));
    }

    [Fact]
    public void EscapedValuesAreSharedByTheirTextAsWritten()
    {
        // The same path written with and without escapes is the same string; each form is cached by its own bytes.
        string json = "{\"process\":{\"comm\":\"C:\\\\a\\u0020b\",\"ancestors\":[{\"comm\":\"C:\\\\a b\"},{\"comm\":\"C:\\\\a\\u0020b\"},{\"comm\":\"C:\\\\a\\u0020c\"}]}}";
        var written = new System.Collections.Generic.List<string>();
        for (int pass = 0; pass < 2; pass++)
        {
            var e = CsmEvent.Parse(json);
            var a = e.Process!.Ancestors!;
            Assert.Equal(new[] { "C:\\a b", "C:\\a b", "C:\\a b", "C:\\a c" }, new[] { e.Process.Comm, a[0].Comm, a[1].Comm, a[2].Comm });
            written.Add(e.ToJson());
        }
        Assert.Equal(written[0], written[1]);
    }

    [Fact]
    public void RepeatedValuesReadTheSameAsFirstTimeAndDifferentValuesStayApart()
    {
        string json = "{\"process\":{\"comm\":\"bash\",\"fork_time\":\"2026-11-20T07:58:12.123456789Z\"," +
                      "\"ancestors\":[{\"comm\":\"bash\",\"fork_time\":\"2026-11-20T07:58:12.123456789Z\"}," +
                      "{\"comm\":\"bask\",\"fork_time\":\"2026-11-20T07:58:12.123456788Z\"},{\"comm\":\"bash\",\"fork_time\":\"2026-11-20T07:58:12.123456789+01:00\"}]}}";
        for (int pass = 0; pass < 2; pass++)
        {
            var e = CsmEvent.Parse(json);
            var a = e.Process!.Ancestors!;
            Assert.Equal(new[] { "bash", "bask", "bash" }, new[] { a[0].Comm, a[1].Comm, a[2].Comm });
            Assert.Equal(e.Process.ForkTime, a[0].ForkTime);
            Assert.Equal(new DateTimeOffset(2026, 11, 20, 7, 58, 12, TimeSpan.Zero).AddTicks(1234567), a[1].ForkTime);
            Assert.Equal(TimeSpan.FromHours(1), a[2].ForkTime!.Value.Offset);
            Assert.Equal(json, e.ToJson());
        }
    }
}
