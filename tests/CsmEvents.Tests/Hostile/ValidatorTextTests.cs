using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.Schema;
using CsmEvents.Tests.Cli;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Hostile;

/// <summary>Issue 12 items 1, 10, 11 and issue 10 §2.3: strings that are not text (invalid UTF-8, an escaped lone
/// surrogate) never reach a keyword that reads them as text; they are the same error for get and test.</summary>
public class ValidatorTextTests
{
    private static readonly byte[] Good = Encoding.UTF8.GetBytes("{\"s\":\"ok\"}\n");

    // A record whose "s" holds 0xFF (not UTF-8), and one whose "s" is the escape \ud800 (valid JSON, no character).
    private static byte[] BadUtf8Line => Encoding.UTF8.GetBytes("{\"s\":\"ex").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("ec\"}\n")).ToArray();
    private static readonly byte[] LoneSurrogateLine = Encoding.UTF8.GetBytes("{\"s\":\"\\ud800\"}\n");

    public static IEnumerable<object[]> Keywords() => new[]
    {
        new object[] { "maxLength", "{\"properties\":{\"s\":{\"maxLength\":3}}}" },
        new object[] { "minLength", "{\"properties\":{\"s\":{\"minLength\":1}}}" },
        new object[] { "pattern", "{\"properties\":{\"s\":{\"pattern\":\"^e\"}}}" },
        new object[] { "enum", "{\"properties\":{\"s\":{\"enum\":[\"ok\",\"x\"]}}}" },
        new object[] { "const", "{\"properties\":{\"s\":{\"const\":\"ok\"}}}" },
        new object[] { "propertyNames", "{\"propertyNames\":{\"maxLength\":1}}" },
        new object[] { "false", "{\"properties\":{\"s\":false}}" },
        new object[] { "format", "{\"properties\":{\"s\":{\"format\":\"date-time\"}}}" },
        new object[] { "type", "{\"properties\":{\"s\":{\"type\":\"number\"}}}" },
    };

    [Theory]
    [MemberData(nameof(Keywords))]
    public void EveryKeywordGetsOneErrorPerBadStringAndTheRunGoesOn(string keyword, string schemaJson)
    {
        using var folder = new TempFolder();
        string schema = folder.File(keyword + ".schema.json", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"," + schemaJson.Substring(1));
        string data = folder.Bytes("x.jsonl", Good.Concat(BadUtf8Line).Concat(LoneSurrogateLine).Concat(Good).ToArray());
        var sink = new RecordingSink();
        var runner = new TestEventsRunner(new TestEventsOptions { SchemaPath = schema, Detailed = true }, sink);
        runner.ReadPaths(new[] { data });
        Assert.Equal(new[] { data + ":1", data + ":4" }, sink.EmittedOf<CsmValidationResult>().Select(r => r.Source.ToString()));
        Assert.Equal(new[] { "InvalidUtf8", "LoneSurrogate" }, sink.ErrorIds);
        Assert.Equal(new[]
        {
            data + ":2: invalid UTF-8 at column 9: byte 0xFF, which never occurs in UTF-8",
            data + ":3: lone surrogate U+D800 at column 7: half of a UTF-16 surrogate pair is not a character, so the string cannot be read as text",
        }, sink.ErrorMessages);
    }

    [Fact]
    public void TheIssueReproGivesOneErrorAndExitCode1NotACrash()
    {
        using var folder = new TempFolder();
        string x = folder.Bytes("x.jsonl", Encoding.UTF8.GetBytes("{\"agent\":{\"os\":\"windows\"},\"title\":\"t\",\"evt\":{\"name\":\"ex").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("ec\"}}\n")).ToArray());
        var run = CliProcess.Run(new[] { "test", x });
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { x + ":1: invalid UTF-8 at column 56: byte 0xFF, which never occurs in UTF-8" }, run.StderrLines);
        Assert.Equal(new[] { "0 events: 0 valid, 0 invalid, 1 unreadable records" }, run.StdoutLines);
    }

    [Fact]
    public void Issue10ReproTestAndGetReportTheSameErrorAndTheOtherRecordGetsItsVerdict()
    {
        using var folder = new TempFolder();
        string b = folder.Bytes("b.jsonl", Encoding.UTF8.GetBytes("{\"title\":\"bad ").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\"}\n{\"title\":\"ok\"}\n")).ToArray());
        var test = CliRun.Run(new[] { "test", b, "--schema", "windows" });
        var get = CliRun.Run(new[] { "get", b });
        string expected = b + ":1: invalid UTF-8 at column 15: byte 0xFF, which never occurs in UTF-8";
        Assert.Equal(new[] { expected }, test.StderrLines);
        Assert.Equal(new[] { expected }, get.StderrLines);
        Assert.Equal(b + ":2: /: missing required property \"agent\"", test.StdoutLines[0]);
        Assert.Equal(1, test.ExitCode);
    }

    [Theory]
    [InlineData("{\"s\":\"\\ud800\"}", "lone surrogate U+D800 at column 7")]
    [InlineData("{\"s\":\"\\udc00x\"}", "lone surrogate U+DC00 at column 7")]
    [InlineData("{\"s\":\"a\\ud800\\u0041\"}", "lone surrogate U+D800 at column 8")]
    [InlineData("{\"\\ud800\":1}", "lone surrogate U+D800 at column 3")]
    public void ALoneSurrogateEscapeIsNamedWithItsColumn(string line, string expectedStart)
    {
        var h = Reading.ReadHarness.ReadText(line + "\n{\"title\":\"\\ud83d\\ude00 pair is fine\"}\n");
        Assert.Equal("LoneSurrogate", Assert.Single(h.Errors).ErrorId);
        Assert.StartsWith("input.jsonl:1: " + expectedStart + ": half of a UTF-16 surrogate pair is not a character", h.Errors[0].Message);
        Assert.Equal("\U0001F600 pair is fine", Assert.Single(h.Events).Title);
    }
}
