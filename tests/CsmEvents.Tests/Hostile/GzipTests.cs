using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using CsmEvents.Tests.Reading;

namespace CsmEvents.Tests.Hostile;

/// <summary>Issue 12 item 6: a cut gzip gives every complete record before the cut, then one "truncated gzip"
/// error; a bad checksum gives all records that decompressed, then a checksum error.</summary>
public class GzipTests
{
    private static readonly string Lines = string.Concat(Enumerable.Range(0, 2000).Select(i => "{\"agent\":{\"rule_id\":\"r" + i + "\"},\"pad\":\"" + (i * 2654435761L).ToString("x16") + "\"}\n"));
    private static readonly byte[] Compressed = ReadHarness.Gzip(Encoding.UTF8.GetBytes(Lines));

    private static string[] Rules(ReadHarness h) => h.Events.Select(e => e.RuleId!).ToArray();

    [Fact]
    public void ACutAnywhereGivesTheRecordsBeforeItThenOneTruncatedGzipError()
    {
        var cuts = new[] { 2, 3, 9, 10, 11, 20, 100, Compressed.Length / 3, Compressed.Length / 2, Compressed.Length - 9, Compressed.Length - 8, Compressed.Length - 4, Compressed.Length - 1 };
        foreach (int cut in cuts)
        {
            var h = ReadHarness.ReadBytes(Compressed.Take(cut).ToArray(), "cut.jsonl.gz");
            Assert.Equal(Enumerable.Range(0, h.Events.Count).Select(i => "r" + i), Rules(h));
            var error = Assert.Single(h.Errors);
            Assert.Equal("CorruptCompressedStream", error.ErrorId);
            Assert.StartsWith("cut.jsonl.gz: truncated gzip: the input ends inside the ", error.Message);
            Assert.EndsWith(" decompressed bytes; the records before the cut were read, the rest of the file is missing", error.Message);
            if (cut >= Compressed.Length - 8) Assert.Equal(2000, h.Events.Count); // all data there, the trailer cut
        }
        Assert.Empty(ReadHarness.ReadBytes(Compressed, "whole.gz").Errors);
    }

    [Fact]
    public void ABadChecksumKeepsEveryRecordAndIsReportedAfterThem()
    {
        var damaged = (byte[])Compressed.Clone();
        for (int i = damaged.Length - 8; i < damaged.Length - 4; i++) damaged[i] ^= 0xFF;
        var h = ReadHarness.ReadBytes(damaged, "crc.jsonl.gz");
        Assert.Equal(2000, h.Events.Count);
        Assert.Equal(new[] { "crc.jsonl.gz: gzip checksum mismatch: the CRC-32 or length stored in the file does not match the " + Encoding.UTF8.GetByteCount(Lines) + " bytes decompressed from it: records read from this file may be damaged" }, h.ErrorMessages);
    }

    [Fact]
    public void ConcatenatedMembersAreAllReadAndTrailingBytesAreReported()
    {
        var two = Compressed.Concat(Compressed).ToArray();
        var h = ReadHarness.ReadBytes(two, "two.gz");
        Assert.Equal(4000, h.Events.Count);
        Assert.Empty(h.Errors);
        var trailing = ReadHarness.ReadBytes(two.Concat(new byte[] { 0, 0, 0 }).ToArray(), "pad.gz");
        Assert.Equal(4000, trailing.Events.Count);
        Assert.Equal(new[] { "pad.gz: unexpected data after the end of the gzip data (at compressed byte " + two.Length + "): it is not another gzip member and was not read" }, trailing.ErrorMessages);
    }

    [Fact]
    public void HeadersWithNameCommentExtraAndHeaderCrcAreRead()
    {
        // FLG = FEXTRA | FNAME | FCOMMENT | FHCRC, as some tools write.
        var raw = new MemoryStream();
        using (var deflate = new DeflateStream(raw, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(Encoding.UTF8.GetBytes(Lines));
        var header = new byte[] { 0x1F, 0x8B, 8, 0x1E, 0, 0, 0, 0, 0, 3, 3, 0, 1, 2, 3 }.Concat(Encoding.ASCII.GetBytes("name\0comment\0")).Concat(new byte[] { 0xAB, 0xCD });
        var trailer = BitConverter.GetBytes(CsmEvents.Reading.Crc32.Append(0, Encoding.UTF8.GetBytes(Lines))).Concat(BitConverter.GetBytes(Encoding.UTF8.GetByteCount(Lines)));
        var h = ReadHarness.ReadBytes(header.Concat(raw.ToArray()).Concat(trailer).ToArray(), "flags.gz");
        Assert.Empty(h.Errors);
        Assert.Equal(2000, h.Events.Count);
    }

    [Fact]
    public void TheChecksumIsTheStandardCrc32()
    {
        Assert.Equal(0xCBF43926u, CsmEvents.Reading.Crc32.Append(0, Encoding.ASCII.GetBytes("123456789")));
        var data = Encoding.UTF8.GetBytes(Lines);
        Assert.Equal(CsmEvents.Reading.Crc32.Append(0, data), CsmEvents.Reading.Crc32.Append(CsmEvents.Reading.Crc32.Append(0, data.AsSpan(0, 1001)), data.AsSpan(1001)));
    }
}
