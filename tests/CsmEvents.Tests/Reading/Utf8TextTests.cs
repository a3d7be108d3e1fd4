using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsmEvents.Reading;

namespace CsmEvents.Tests.Reading;

/// <summary>
/// The record check finds problems in escaped strings with two searches (<see cref="Utf8Text.FindProblem"/>); the
/// escape-by-escape walk is the plain definition. Both must give the same problem, position, length and code unit
/// for any string the JSON reader lets through (valid escape syntax, any bytes between).
/// </summary>
public class Utf8TextTests
{
    private static readonly string[] Pieces =
    {
        "a", "u", "0041", "C:", "\\\\", "\\\\u", "\\u0041", "\\u00e9", "\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ud83d\\ude00",
        "\\ud800\\u0041", "\\n", "\\\"", "\\/", "\\t", "é", "€", "😀", " ", "\\\\\\u0041", "\\\\\\\\u", "\\\\\\ud800",
    };

    private static readonly byte[][] BadBytes = { new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0x80 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xE0, 0x80, 0xAF }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xE2, 0x82 } };

    [Theory]
    [InlineData("C:\\\\Users\\\\user42\\\\u.exe", "None", -1)]
    [InlineData("\\\\ud800", "None", -1)]
    [InlineData("\\\\\\ud800", "LoneSurrogate", 2)]
    [InlineData("x\\ud83d\\ude00\\udc00", "LoneSurrogate", 13)]
    [InlineData("\\ud800\\n", "LoneSurrogate", 0)]
    public void FindsTheFirstProblemInAnEscapedString(string raw, string problem, int at)
    {
        var result = Utf8Text.FindProblem(Encoding.UTF8.GetBytes(raw), escaped: true, out int foundAt, out _, out _);
        Assert.Equal((problem, at), (result.ToString(), foundAt));
    }

    [Theory]
    [InlineData("""{"user":"CONTOSO\\user42","path":"C:\\Users\\x"}""", true)]
    [InlineData("""{"a":"\u0041"}""", false)]
    [InlineData("""{"a":"\\\u0041"}""", false)]
    [InlineData("""{"a":"x\"\\u"}""", true)]
    [InlineData("""{"a":"é"}""", false)]
    [InlineData("""{"a":1}""", true)]
    public void ARecordOfAsciiWithoutUnicodeEscapesNeedsNoStringChecks(string record, bool skip)
    {
        Assert.Equal(skip, Utf8Text.CannotHoldStringProblems(Encoding.UTF8.GetBytes(record)));
    }

    [Fact]
    public void TheSearchAgreesWithTheWalkOnGeneratedStrings()
    {
        var random = new Random(20261206);
        for (int n = 0; n < 50_000; n++)
        {
            var bytes = new List<byte>();
            int parts = 1 + random.Next(12);
            for (int p = 0; p < parts; p++)
            {
                if (random.Next(8) == 0) bytes.AddRange(BadBytes[random.Next(BadBytes.Length)]);
                else bytes.AddRange(Encoding.UTF8.GetBytes(Pieces[random.Next(Pieces.Length)]));
            }
            byte[] raw = bytes.ToArray();
            var fast = Utf8Text.FindProblem(raw, escaped: true, out int fastAt, out int fastLength, out int fastUnit);
            var walk = Utf8Text.FindProblemWalkingEscapes(raw, out int walkAt, out int walkLength, out int walkUnit);
            Assert.True((walk, walkAt, walkLength, walkUnit) == (fast, fastAt, fastLength, fastUnit),
                "string " + BitConverter.ToString(raw) + ": walk " + (walk, walkAt, walkLength, walkUnit) + ", search " + (fast, fastAt, fastLength, fastUnit));
        }
    }
}
