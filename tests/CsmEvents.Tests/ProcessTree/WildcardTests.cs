using System;
using CsmEvents.Text;

namespace CsmEvents.Tests.ProcessTree;

public class WildcardTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("sh", "SH", true)]
    [InlineData("sh", "bash", false)]
    [InlineData("*sh", "bash", true)]
    [InlineData("b*h", "bash", true)]
    [InlineData("b*h", "bashes", false)]
    [InlineData("?ash", "dash", true)]
    [InlineData("?ash", "ash", false)]
    [InlineData("[bd]ash", "Dash", true)]
    [InlineData("[bd]ash", "zash", false)]
    [InlineData("python[0-9]*", "python3.11", true)]
    [InlineData("python[0-9]*", "pythonw", false)]
    [InlineData("[a-z]*.EXE", "winword.exe", true)]
    [InlineData("[A-Z]ORD", "word", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXcYYb", false)]
    [InlineData("*a*", "bbb", false)]
    [InlineData("`*star", "*star", true)]
    [InlineData("`*star", "xstar", false)]
    [InlineData("[`]]x", "]x", true)]
    [InlineData("kworker/*", "kworker/0:1", true)]
    public void MatchesLikePowerShellWildcards(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Wildcard.IsMatch(pattern, text));
    }

    [Fact]
    public void NullNeverMatches() => Assert.False(new Wildcard("*").IsMatch(null));

    [Theory]
    [InlineData("sh[", "The wildcard pattern 'sh[' is not valid: a '[' at position 3 is not closed by ']'.")]
    [InlineData("a[]", "The wildcard pattern 'a[]' is not valid: '[]' is an empty set.")]
    [InlineData("a`", "The wildcard pattern 'a`' is not valid: it ends with an escape character (`).")]
    [InlineData("[z-a]", "The wildcard pattern '[z-a]' is not valid: the range z-a is reversed.")]
    public void InvalidPatternsAreRejectedWithTheReason(string pattern, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Wildcard(pattern));
        Assert.StartsWith(message, ex.Message);
    }

    [Theory]
    [InlineData("plain", false)]
    [InlineData("a*", true)]
    [InlineData("a?", true)]
    [InlineData("[ab]", true)]
    [InlineData("`*", false)]
    public void ContainsWildcardFindsUnescapedMetacharacters(string pattern, bool expected)
        => Assert.Equal(expected, Wildcard.ContainsWildcard(pattern));

    [Fact]
    public void ManyStarsAgainstALongNameStillFinish()
    {
        var pattern = new Wildcard(string.Concat(System.Linq.Enumerable.Repeat("a*", 200)) + "b");
        Assert.False(pattern.IsMatch(new string('a', 5000)));
    }
}
