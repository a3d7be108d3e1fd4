using System.Linq;
using CsmEvents.HelpBuilder;

namespace CsmEvents.Tests.HelpBuilder;

/// <summary>Markdown body text as the plain paragraphs Get-Help shows.</summary>
public class MarkdownBlocksTests
{
    private static string[] Paragraphs(params string[] lines) =>
        MarkdownBlocks.Paragraphs("page.md", lines.Select((text, i) => new SourceLine(i + 1, text)).ToList()).ToArray();

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a **bold** word", "a bold word")]
    [InlineData("`**kept** in code` and **not** here", "`**kept** in code` and not here")]
    [InlineData("see [Get-CsmEvent](Get-CsmEvent.md).", "see Get-CsmEvent.")]
    [InlineData("see [the API](https://docs.datadoghq.com/api/).", "see the API (https://docs.datadoghq.com/api/).")]
    [InlineData("`[not](a link)` stays", "`[not](a link)` stays")]
    [InlineData("an `unclosed code span", "an `unclosed code span")]
    [InlineData("C:\\Users\\Public and DD_API_KEY", "C:\\Users\\Public and DD_API_KEY")]
    public void InlineMarkupBecomesPlainText(string markdown, string text)
    {
        Assert.Equal(text, MarkdownBlocks.Inline(markdown));
    }

    [Fact]
    public void SoftLineBreaksAreJoinedAndBlankLinesSeparateParagraphs()
    {
        Assert.Equal(new[] { "one two", "three" }, Paragraphs("one", "two", "", "", "three"));
    }

    [Fact]
    public void EveryListItemIsAParagraphWithItsContinuationLines()
    {
        Assert.Equal(new[] { "Intro:", "1. first item", "2. second", "- third" }, Paragraphs("Intro:", "1. first", "   item", "2. second", "+ third"));
    }

    [Fact]
    public void ACodeBlockIsOneParagraphAsWritten()
    {
        Assert.Equal(new[] { "text", "  indented\n\nline" }, Paragraphs("text", "```", "  indented", "", "line", "```"));
    }

    [Fact]
    public void TableRowsReadWithTheirHeaderAsLegend()
    {
        Assert.Equal(new[] { "Key: Value", "a: 1" }, Paragraphs("| Key | Value |", "| --- | :---: |", "| a | 1 |"));
        Assert.Equal(new[] { "Id (Category, Stream): When", "X (Y, Z): W" }, Paragraphs("|Id|Category|Stream|When|", "|-|-|-|-|", "|X|Y|Z|W|"));
    }

    [Fact]
    public void ATableWithoutSeparatorRowIsRefused()
    {
        var error = Assert.Throws<HelpFormatException>(() => Paragraphs("| a | b |", "| 1 | 2 |"));
        Assert.Equal((1, "a table needs a header row and a '|---|' separator row"), (error.Line, error.Reason));
    }
}
