using System;
using System.IO;
using System.Linq;
using System.Text;
using CsmEvents.Commands;

namespace CsmEvents.Tests.Reading;

public class BadInputTests
{
    private const string A = """{"agent":{"rule_id":"a"}}""";
    private const string B = """{"agent":{"rule_id":"b"}}""";

    private static string[] Rules(ReadHarness h) => h.Events.Select(e => e.RuleId!).ToArray();

    [Fact]
    public void TruncatedLineIsOneErrorAndReadingGoesOn()
    {
        var h = ReadHarness.ReadText(A + "\n{\"agent\":{\"rule_id\":\"x\"\n" + B + "\n");
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Equal(new[] { "input.jsonl:2: invalid JSON: the record ends before its value is complete (truncated?)" }, h.ErrorMessages);
        Assert.Equal("InvalidJson", h.Errors[0].ErrorId);
    }

    [Fact]
    public void TruncatedFirstLineDoesNotHideTheRest()
    {
        var h = ReadHarness.ReadText("{\"agent\":\n" + A + "\n" + B);
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Single(h.Errors);
        Assert.StartsWith("input.jsonl:1: invalid JSON", h.Errors[0].Message);
    }

    [Fact]
    public void InvalidJsonNamesTheColumn()
    {
        var h = ReadHarness.ReadText(A + "\n{\"agent\" 1}\n" + B);
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Equal("input.jsonl:2: invalid JSON at column 10: '1' is invalid after a property name. Expected a ':'", h.Errors[0].Message);
    }

    [Theory]
    [InlineData("[1,2]", "the value is an array, not a JSON object; an event must be an object")]
    [InlineData("\"text\"", "the value is a string, not a JSON object; an event must be an object")]
    [InlineData("42", "the value is a number, not a JSON object; an event must be an object")]
    [InlineData("null", "the value is null, not a JSON object; an event must be an object")]
    public void RecordsThatAreNotObjects(string line, string reason)
    {
        var h = ReadHarness.ReadText(A + "\n" + line + "\n" + B);
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Equal(new[] { "input.jsonl:2: " + reason }, h.ErrorMessages);
        Assert.Equal("NotAnObject", h.Errors[0].ErrorId);
    }

    [Fact]
    public void InvalidUtf8IsOneError()
    {
        var bytes = Encoding.UTF8.GetBytes(A + "\n{\"title\":\"").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes("\"}\n" + B)).ToArray();
        var h = ReadHarness.ReadBytes(bytes);
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Single(h.Errors);
        Assert.Equal("InvalidUtf8", h.Errors[0].ErrorId);
        Assert.StartsWith("input.jsonl:2: invalid UTF-8", h.Errors[0].Message);
    }

    [Fact]
    public void AbsurdNestingIsAnErrorNotACrash()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        string deepObject = "{\"a\":" + deep + "}";
        var h = ReadHarness.ReadText(A + "\n" + deep + "\n" + deepObject + "\n" + B);
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Equal(2, h.Errors.Count);
        Assert.Equal("input.jsonl:2: the value is an array, not a JSON object; an event must be an object", h.Errors[0].Message);
        Assert.Equal("NestingTooDeep", h.Errors[1].ErrorId);
        Assert.Equal("input.jsonl:3: JSON nested deeper than 256 levels (at column 261)", h.Errors[1].Message);
    }

    [Fact]
    public void AbsurdNestingInAnArrayStopsThatFileWithOneError()
    {
        var h = ReadHarness.ReadText("[" + A + "," + new string('[', 100_000) + "]", "arr.json");
        Assert.Equal(new[] { "a" }, Rules(h));
        Assert.Single(h.Errors);
        Assert.Equal("NestingTooDeep", h.Errors[0].ErrorId);
    }

    [Fact]
    public void HugeStringValueIsReadFine()
    {
        string big = new string('x', 20 * 1024 * 1024);
        var h = ReadHarness.ReadText(A + "\n{\"title\":\"" + big + "\",\"agent\":{\"rule_id\":\"big\"}}\n" + B);
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "a", "big", "b" }, Rules(h));
        Assert.Equal(big.Length, h.Events[1].Title!.Length);
    }

    [Fact]
    public void HugeStringInsideAPrettyDocumentIsReadFine()
    {
        string big = new string('y', 20 * 1024 * 1024);
        var h = ReadHarness.ReadText("{\n\"title\": \"" + big + "\"\n}\n{\n\"title\": \"small\"\n}\n", "doc.json");
        Assert.Empty(h.Errors);
        Assert.Equal(2, h.Events.Count);
        Assert.Equal(big.Length, h.Events[0].Title!.Length);
    }

    [Fact]
    public void CorruptGzipIsReportedAndTheRecordsBeforeTheDamageAreKept()
    {
        var lines = string.Concat(Enumerable.Range(0, 2000).Select(i => "{\"agent\":{\"rule_id\":\"r" + i + "\"},\"pad\":\"" + (i * 2654435761L).ToString("x16") + "\"}\n"));
        var gz = ReadHarness.Gzip(Encoding.UTF8.GetBytes(lines));
        for (int i = gz.Length / 2; i < gz.Length / 2 + 64; i++) gz[i] ^= 0x5A;
        var h = ReadHarness.ReadBytes(gz, "events.jsonl.gz");
        // The damaged middle decodes into garbage (lines that are errors), or breaks a deflate block; either way the
        // last error is the gzip one, and says the records read may be damaged.
        var last = h.Errors.Last();
        Assert.Equal("CorruptCompressedStream", last.ErrorId);
        Assert.StartsWith("events.jsonl.gz: ", last.Message);
        Assert.Contains("may be damaged", last.Message);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => "r" + i), Rules(h).Take(1000));
    }

    [Fact]
    public void CorruptGzipHeaderIsOneError()
    {
        var gz = ReadHarness.Gzip(Encoding.UTF8.GetBytes(A + "\n"));
        gz[3] = 0xFF; // reserved header flag bits set
        var h = ReadHarness.ReadBytes(gz, "bad.gz");
        Assert.Empty(h.Events);
        Assert.Single(h.Errors);
        Assert.Equal("CorruptCompressedStream", h.Errors[0].ErrorId);
    }

    [Fact]
    public void TruncatedGzipKeepsEveryCompleteRecord()
    {
        var lines = string.Concat(Enumerable.Range(0, 500).Select(i => "{\"agent\":{\"rule_id\":\"r" + i + "\"}}\n"));
        var gz = ReadHarness.Gzip(Encoding.UTF8.GetBytes(lines));
        var h = ReadHarness.ReadBytes(gz.Take(gz.Length - 12).ToArray(), "cut.jsonl.gz");
        Assert.NotEmpty(h.Errors);
        Assert.Equal(Enumerable.Range(0, h.Events.Count).Select(i => "r" + i), Rules(h));
    }

    [Fact]
    public void BrokenArrayElementCostsOnlyThatElement()
    {
        var h = ReadHarness.ReadText("[\n" + A + ",\n{\"agent\": oops},\n" + B + "\n]", "arr.json");
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Equal(new[] { "arr.json:3: invalid JSON at column 11: 'o' is an invalid start of a value (array element 1); skipped line 3 (bytes 29-45); reading resumes at line 4" }, h.ErrorMessages);
        Assert.Equal(2, h.Events[1].Source!.Index);
    }

    [Fact]
    public void TruncatedArrayIsReported()
    {
        var h = ReadHarness.ReadText("[\n" + A + ",\n" + B, "arr.json");
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Equal(new[] { "arr.json:3: invalid JSON: the file ends inside the JSON array (truncated?)" }, h.ErrorMessages);
    }

    [Fact]
    public void TextAfterTheArrayIsReportedAndTheDocumentsAfterItAreRead()
    {
        var h = ReadHarness.ReadText("[" + A + "]\n" + B, "arr.json");
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Equal(new[] { "arr.json:2: invalid JSON at column 1: text after the end of the JSON array; nothing skipped, reading goes on at line 2" }, h.ErrorMessages);
    }

    [Fact]
    public void DuplicateMembersAreReportedNotSilentlyDropped()
    {
        var h = ReadHarness.ReadText("{\"agent\":{\"rule_id\":\"a\",\"rule_id\":\"b\"}}\n" + B);
        Assert.Equal(new[] { "b" }, Rules(h));
        Assert.Equal("DuplicateProperty", h.Errors[0].ErrorId);
        Assert.Equal("input.jsonl:1: duplicate property \"rule_id\" in one object at column 25 (it cannot be kept without losing one of the values)", h.Errors[0].Message);
    }

    [Fact]
    public void DatadogRecordWithoutEventIsReported()
    {
        var h = ReadHarness.ReadText("{\"data\":[{\"id\":\"L1\",\"attributes\":{\"host\":\"h\",\"attributes\":{\"agent\":{\"rule_id\":\"a\"}}}},{\"id\":\"L2\",\"attributes\":{\"host\":\"h\"}},7]}\n", "page.json");
        Assert.Equal(new[] { "a" }, Rules(h));
        Assert.Equal(new[]
        {
            "page.json:1: Datadog log record L2 has no attributes.attributes object holding the event",
            "page.json:1: Datadog page element 2 is a number, not a log record object",
        }, h.ErrorMessages);
    }

    [Fact]
    public void TruncatedDatadogPageKeepsTheEventsBeforeTheCut()
    {
        string page = "{\"data\":[{\"id\":\"L1\",\"attributes\":{\"attributes\":{\"agent\":{\"rule_id\":\"a\"}}}},{\"id\":\"L2\",\"attri";
        var h = ReadHarness.ReadText(page + "\n" + B + "\n");
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Single(h.Errors);
        Assert.Equal("InvalidJson", h.Errors[0].ErrorId);
    }

    [Fact]
    public void MissingFileIsOneErrorAndOtherFilesAreStillRead()
    {
        string dir = Path.Combine(Path.GetTempPath(), "csm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "good.jsonl"), A + "\n");
            var h = new ReadHarness();
            var runner = new GetEventsRunner(new GetEventsOptions(), h);
            string missing = Path.Combine(dir, "missing.jsonl");
            runner.ReadPaths(new[] { missing, Path.Combine(dir, "good.jsonl") });
            Assert.Equal(new[] { "a" }, Rules(h));
            Assert.Equal(new[] { missing + ": file not found" }, h.ErrorMessages);
            Assert.Equal("FileNotFound", h.Errors[0].ErrorId);
            Assert.Equal(CsmErrorCategory.ObjectNotFound, h.Errors[0].Category);
            Assert.Equal(1, runner.Statistics.InputsUnreadable);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void EmptyAndWhitespaceOnlyFilesAreFine()
    {
        Assert.Empty(ReadHarness.ReadBytes(Array.Empty<byte>()).Errors);
        Assert.Empty(ReadHarness.ReadBytes(ReadHarness.Gzip(Array.Empty<byte>())).Errors);
        Assert.Empty(ReadHarness.ReadBytes(new byte[] { 0xEF, 0xBB, 0xBF }).Errors);
    }

    [Fact]
    public void RandomBytesNeverCrash()
    {
        var random = new Random(1234);
        for (int round = 0; round < 200; round++)
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            if (round % 3 == 0) bytes[0] = (byte)'{';
            if (round % 3 == 1) bytes[0] = (byte)'[';
            var h = ReadHarness.ReadBytes(bytes);
            Assert.All(h.Errors, e => Assert.StartsWith("input.jsonl", e.Message));
        }
    }
}
