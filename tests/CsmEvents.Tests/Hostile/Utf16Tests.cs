using System.Linq;
using System.Text;
using CsmEvents.Tests.Reading;

namespace CsmEvents.Tests.Hostile;

/// <summary>Issue 12 item 8: UTF-16 input with a lone surrogate is an error, not a silent U+FFFD; gzipped UTF-16
/// is decoded after decompression.</summary>
public class Utf16Tests
{
    private const string Text = "{\"agent\":{\"rule_id\":\"a\"},\"title\":\"x\U0001F600\"}\n{\"agent\":{\"rule_id\":\"b\"}}\n";

    /// <summary>The code units as they are, lone surrogates included (UnicodeEncoding would replace those).</summary>
    private static byte[] Utf16(string text, bool bigEndian, bool bom = true)
    {
        var units = (bom ? "\uFEFF" : "") + text;
        return units.SelectMany(c => bigEndian ? new[] { (byte)(c >> 8), (byte)c } : new[] { (byte)c, (byte)(c >> 8) }).ToArray();
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Utf16IsReadWithAndWithoutAByteOrderMark(bool bigEndian, bool bom)
    {
        var h = ReadHarness.ReadBytes(Utf16(Text, bigEndian, bom));
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "a", "b" }, h.Events.Select(e => e.RuleId));
        Assert.Equal("x\U0001F600", h.Events[0].Title);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ALoneSurrogateInUtf16IsAnErrorAndTheOtherRecordsAreRead(bool bigEndian)
    {
        // A lone high surrogate inside a string, then a lone low surrogate in a member name.
        string text = "{\"agent\":{\"rule_id\":\"a\"},\"title\":\"x\uD800y\"}\n{\"agent\":{\"rule_id\":\"b\"}}\n{\"\uDC01\":1}\n";
        var h = ReadHarness.ReadBytes(Utf16(text, bigEndian), "u16.jsonl");
        Assert.Equal(new[] { "b" }, h.Events.Select(e => e.RuleId));
        Assert.Equal(new[] { "LoneSurrogate", "LoneSurrogate" }, h.Errors.Select(e => e.ErrorId));
        Assert.Equal("u16.jsonl:1: lone surrogate U+D800 at column 36: half of a UTF-16 surrogate pair is not a character, so the string cannot be read as text", h.Errors[0].Message);
        Assert.StartsWith("u16.jsonl:3: lone surrogate U+DC01 at column 3", h.Errors[1].Message);
    }

    [Fact]
    public void GzippedUtf16IsDecoded()
    {
        var h = ReadHarness.ReadBytes(ReadHarness.Gzip(Utf16(Text, bigEndian: false)), "u16.jsonl.gz");
        Assert.Empty(h.Errors);
        Assert.Equal(new[] { "a", "b" }, h.Events.Select(e => e.RuleId));
    }

    [Fact]
    public void PipelineStringsWithALoneSurrogateAreRefusedNotChanged()
    {
        var sink = new Support.RecordingSink();
        var runner = new CsmEvents.Commands.GetEventsRunner(new CsmEvents.Commands.GetEventsOptions(), sink);
        using (var text = runner.BeginText("<pipeline>"))
        {
            text.Append("{\"title\":\"x\uD800\"}");
            text.Append("{\"title\":\"fine\"}");
            text.Complete();
        }
        Assert.Equal("fine", ((CsmEvents.Model.CsmEvent)Assert.Single(sink.Emitted)).Title);
        Assert.Equal(new[] { "<pipeline>:1: lone surrogate U+D800 at column 12: half of a UTF-16 surrogate pair is not a character, so the string cannot be read as text" }, sink.ErrorMessages);
    }
}
