using CsmEvents.ProcessTree;
using CsmEvents.Text;
using static CsmEvents.Tests.ProcessTree.TreeEvents;

namespace CsmEvents.Tests.ProcessTree;

public class EscapingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\u001b[31mred\u001b[0m", "a\\x1b[31mred\\x1b[0m")]
    [InlineData("line1\nline2\r\tend", "line1\\nline2\\r\\tend")]
    [InlineData("nul\0bel\u0007del\u007f", "nul\\x00bel\\x07del\\x7f")]
    [InlineData("csi\u009b2J nel\u0085", "csi\\x9b2J nel\\x85")]
    [InlineData("evil\u202etxt.exe", "evil\\u202etxt.exe")]
    [InlineData("iso\u2066late\u2069 sep\u2028", "iso\\u2066late\\u2069 sep\\u2028")]
    [InlineData(@"C:\Windows\System32\cmd.exe", @"C:\Windows\System32\cmd.exe")]
    [InlineData("café 進程 \U0001F600", "café 進程 \U0001F600")]
    public void EscapeMakesTerminalControlsVisible(string input, string expected)
    {
        Assert.Equal(expected, TerminalText.Escape(input));
        Assert.Equal(input != expected, TerminalText.NeedsEscaping(input));
    }

    [Fact]
    public void LoneSurrogatesAreEscaped()
    {
        // Not as InlineData: test discovery would replace the lone surrogate.
        Assert.Equal("lone\\ud800 surrogate \\udc00", TerminalText.Escape("lone\ud800 surrogate \udc00"));
    }

    [Fact]
    public void EscapeReturnsTheSameInstanceWhenNothingChangesAndKeepsNull()
    {
        string s = "/usr/bin/curl -o x";
        Assert.Same(s, TerminalText.Escape(s));
        Assert.Null(TerminalText.Escape(null));
    }

    private static ProcessTreeResult Hostile()
    {
        var evt = Event(P(66, "ev\u001b]0;pwned\u0007il\nx", path: "/tmp/\u001b[2J\"q\\", args: new[] { "sh", "-c", "echo\u001b[1A\u001b[2K fake \"#<b>`" }),
            new[] { P(1, "systemd") }, path: "h.jsonl", host: "web\u001b[5m-1");
        return ProcessTreeRunner.Run(new[] { evt });
    }

    [Fact]
    public void TextTreeEscapesNamesCommandLinesAndHosts()
    {
        Assert.Equal(new[]
        {
            "host: web\\x1b[5m-1",
            "systemd (1)",
            "└─ ev\\x1b]0;pwned\\x07il\\nx (66) 1 event: sh -c 'echo\\x1b[1A\\x1b[2K fake \"#<b>`'",
        }, Hostile().ToTextLines());
    }

    [Fact]
    public void DotEscapesForTerminalThenForDot()
    {
        Assert.Contains("    n2 [label=\"ev\\\\x1b]0;pwned\\\\x07il\\\\nx (66)\\nsh -c 'echo\\\\x1b[1A\\\\x1b[2K fake \\\"#<b>`'\\n1 event\"];\n", Hostile().ToDot());
        Assert.Contains("    label=\"host: web\\\\x1b[5m-1\";\n", Hostile().ToDot());
    }

    [Fact]
    public void MermaidEscapesForTerminalThenWithEntities()
    {
        Assert.Contains("    n2[\"ev\\x1b]0;pwned\\x07il\\nx (66)<br/>sh -c 'echo\\x1b[1A\\x1b[2K fake #quot;#35;#lt;b#gt;#96;'<br/>1 event\"]\n", Hostile().ToMermaid());
    }

    [Fact]
    public void JsonKeepsExactValuesWithControlCharactersJsonEscaped()
    {
        string json = Hostile().ToJson();
        Assert.DoesNotContain("\u001b", json);
        Assert.DoesNotContain("\n", json);
        Assert.Contains("\"name\":\"ev\\u001B]0;pwned\\u0007il\\nx\",\"path\":\"/tmp/\\u001B[2J\\\"q\\\\\"", json);
        Assert.Contains("\"host\":\"web\\u001B[5m-1\"", json);
    }

    [Fact]
    public void JsonEscapesBidiOverridesAndLineSeparators()
    {
        var evt = Event(P(5, "a\u202eb\u2028c\u009b"), new string[0], path: "b.jsonl");
        string json = ProcessTreeRunner.Run(new[] { evt }).ToJson();
        Assert.Contains("\"name\":\"a\\u202Eb\\u2028c\\u009B\"", json);
    }

    [Fact]
    public void LoneSurrogateSetByACallerDoesNotBreakTheJson()
    {
        var evt = Event(P(5, "x"), new string[0], path: "s.jsonl");
        evt.Process!.Comm = "a\ud800";
        var result = ProcessTreeRunner.Run(new[] { evt });
        Assert.Contains("\"name\":\"a\ufffd\"", result.ToJson());
        Assert.Equal("a\\ud800 (5) [orphan] 1 event", result.Nodes[0].TreeLine);
    }

    [Fact]
    public void TreeLineOfEachNodeIsEscaped()
    {
        var node = Hostile().Nodes[1];
        Assert.Equal("ev\u001b]0;pwned\u0007il\nx", node.Name); // the object keeps the value
        Assert.Equal("└─ ev\\x1b]0;pwned\\x07il\\nx (66) 1 event: sh -c 'echo\\x1b[1A\\x1b[2K fake \"#<b>`'", node.TreeLine);
    }
}
