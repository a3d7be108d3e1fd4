using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CsmEvents.Conversion;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Module.Conversion;

public class KnownValuesTests
{
    [SharedTheory]
    [InlineData("Linux")]
    [InlineData("Windows")]
    public void EventTypeListsAreTheNamesOfFormatSection4(string platform)
    {
        string format = File.ReadAllText(RepoPaths.InShared("FORMAT.md"));
        int heading = format.IndexOf("**" + platform + " `evt.name` values**", StringComparison.Ordinal);
        Assert.True(heading >= 0, "FORMAT.md has no list of " + platform + " event types");
        int start = format.IndexOf("):", heading, StringComparison.Ordinal) + 2;
        int end = Regex.Match(format.Substring(start), @"\.(\s|$)").Index + start;
        string list = Regex.Replace(format.Substring(start, end - start), @"\([^)]*\)", string.Empty);
        var expected = list.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();

        var actual = platform == "Linux" ? KnownValues.LinuxEventTypes : KnownValues.WindowsEventTypes;

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void AllEventTypesAreTheSortedUnionOfBothPlatforms()
    {
        Assert.Equal(48, KnownValues.EventTypes.Count); // 11 Windows + 40 Linux - exec, exit, rename
        Assert.Equal(KnownValues.EventTypes.OrderBy(s => s, StringComparer.Ordinal), KnownValues.EventTypes);
        Assert.Equal("Windows and Linux", KnownValues.PlatformsOf("exec"));
        Assert.Equal("Windows", KnownValues.PlatformsOf("set_key_value"));
        Assert.Equal("Linux", KnownValues.PlatformsOf("ptrace"));
        Assert.Null(KnownValues.PlatformsOf("fork"));
    }

    [Fact]
    public void CompletionMatchesPrefixesCaseInsensitivelyAndQuotesValuesWithSpaces()
    {
        var items = ArgumentCompletion.Complete(KnownValues.Categories, "pro");
        var item = Assert.Single(items);
        Assert.Equal("'Process Activity'", item.CompletionText);
        Assert.Equal("Process Activity", item.ListItemText);
    }

    [Fact]
    public void CompletionKeepsTheQuoteTheUserOpened()
    {
        Assert.Equal(new[] { "\"Network Activity\"" }, ArgumentCompletion.Complete(KnownValues.Categories, "\"Net").Select(i => i.CompletionText));
        Assert.Equal(new[] { "'Kernel Activity'" }, ArgumentCompletion.Complete(KnownValues.Categories, "'kernel act'").Select(i => i.CompletionText));
        Assert.Equal(new[] { "'exec'" }, ArgumentCompletion.Complete(KnownValues.EventTypes, "'exe").Select(i => i.CompletionText));
    }

    [Fact]
    public void CompletionAcceptsWildcardsAndGivesPlatformTooltips()
    {
        var items = ArgumentCompletion.Complete(KnownValues.EventTypes, "*_key", t => t + " (" + KnownValues.PlatformsOf(t) + ")");
        Assert.Equal(new[] { "create_key", "delete_key", "open_key", "set_key_value" }, items.Select(i => i.CompletionText));
        Assert.Equal("create_key (Windows)", items[0].ToolTip);
    }

    [Fact]
    public void EmptyWordOffersEveryValue()
    {
        Assert.Equal(KnownValues.Outcomes, ArgumentCompletion.Complete(KnownValues.Outcomes, "").Select(i => i.CompletionText));
        Assert.Equal(KnownValues.Outcomes, ArgumentCompletion.Complete(KnownValues.Outcomes, null).Select(i => i.CompletionText));
    }

    [Theory]
    [InlineData("exec", '\0', "exec")]
    [InlineData("it's here", '\0', "'it''s here'")]
    [InlineData("a $b `c \"d\"", '"', "\"a `$b ``c \"\"d\"\"\"")]
    [InlineData("-dash", '\0', "'-dash'")]
    public void QuotingKeepsOneLiteralArgument(string value, char quote, string expected)
    {
        Assert.Equal(expected, ArgumentCompletion.Quote(value, quote));
    }
}
