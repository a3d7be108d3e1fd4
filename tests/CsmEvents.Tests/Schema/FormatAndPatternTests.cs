using CsmEvents.Schema;
using CsmEvents.Schema.Formats;
using CsmEvents.Schema.Patterns;

namespace CsmEvents.Tests.Schema;

public class FormatAndPatternTests
{
    [Theory]
    [InlineData("2025-01-15T10:20:30.123456789Z", true)]        // Go RFC3339Nano, 9 digits
    [InlineData("2025-01-15T10:20:30Z", true)]
    [InlineData("2025-01-15t10:20:30.1z", true)]                 // RFC 3339 allows lower-case t and z
    [InlineData("2025-01-15T10:20:30.5+05:30", true)]
    [InlineData("2024-02-29T00:00:00-00:00", true)]              // leap year
    [InlineData("2016-12-31T23:59:60Z", true)]                   // leap second at the end of the UTC day
    [InlineData("2016-12-31T15:59:60-08:00", true)]              // the same leap second, local time
    [InlineData("2016-12-31T23:58:60Z", false)]                  // leap second on a wrong minute
    [InlineData("2025-02-29T00:00:00Z", false)]
    [InlineData("2026-13-01T00:00:00Z", false)]
    [InlineData("2025-01-15T24:00:00Z", false)]
    [InlineData("2025-01-15T10:20:30", false)]                   // no offset
    [InlineData("2025-01-15 10:20:30Z", false)]
    [InlineData("2025-01-15T10:20:30.Z", false)]
    [InlineData("2025-01-15T10:20:30+0100", false)]
    [InlineData("2025-01-15T10:20:30+24:00", false)]
    [InlineData("２025-01-15T10:20:30Z", false)]                 // non-ASCII digit
    public void DateTimeFollowsRfc3339(string text, bool valid)
    {
        Assert.Equal(valid, Rfc3339.IsDateTime(text));
    }

    [Theory]
    [InlineData("^\\d+$", "123", true)]
    [InlineData("^\\d+$", "١٢٣", false)]                          // \d is ASCII only in ECMA-262
    [InlineData("^\\w+$", "été", false)]
    [InlineData("^abc$", "abc\n", false)]                         // $ does not match before a final newline
    [InlineData("^\\p{Letter}+$", "été", true)]
    [InlineData("^\\s$", "\uFEFF", true)]
    [InlineData("^.$", "\n", false)]
    [InlineData("^[^]$", "\n", true)]
    [InlineData(".*docker.*", "/var/lib/docker/overlay2", true)]
    [InlineData("^\\cJ$", "\n", true)]
    public void PatternsUseEcmaScriptSemantics(string pattern, string input, bool matches)
    {
        Assert.Equal(matches, EcmaRegex.Create(pattern, System.TimeSpan.FromSeconds(1)).IsMatch(input));
    }
}
