using System.Linq;

namespace CsmEvents.Tests.Hostile;

/// <summary>Issue 12 item 7: a broken array element, or garbage between pretty documents, costs that record only;
/// the error names the byte range skipped.</summary>
public class ResyncTests
{
    private static string[] Rules(Reading.ReadHarness h) => h.Events.Select(e => e.RuleId!).ToArray();

    private static string Element(string rule) => "  {\n    \"agent\": {\n      \"rule_id\": \"" + rule + "\"\n    }\n  }";

    [Fact]
    public void ABrokenElementOfAPrettyArrayCostsOnlyThatElement()
    {
        // As ConvertTo-Json or jq write arrays: elements indented, nested objects indented deeper.
        string broken = "  {\n    \"agent\": {\n      \"rule_id\": oops\n    }\n  }";
        string text = "[\n" + Element("a") + ",\n" + broken + ",\n" + Element("c") + ",\n" + Element("d") + "\n]\n";
        var h = Reading.ReadHarness.ReadText(text, "arr.json");
        Assert.Equal(new[] { "a", "c", "d" }, Rules(h));
        Assert.Equal(new[] { "arr.json:7: invalid JSON at line 9, column 18: 'o' is an invalid start of a value (array element 1); skipped lines 7-11 (bytes 55-106); reading resumes at line 12" }, h.ErrorMessages);
        Assert.Equal(new long?[] { 0, 2, 3 }, h.Events.Select(e => e.Source!.Index));
        Assert.Equal(new long[] { 2, 12, 17 }, h.Events.Select(e => e.Source!.Line));
    }

    [Fact]
    public void GarbageBetweenPrettyDocumentsCostsOnlyTheGarbage()
    {
        string text = "{\n  \"agent\": {\"rule_id\": \"a\"}\n}\nthis is not json\n{\n  \"agent\": {\"rule_id\": \"b\"}\n}\n{\n  \"agent\": {\"rule_id\": \"c\"}\n}\n";
        var h = Reading.ReadHarness.ReadText(text, "docs.json");
        Assert.Equal(new[] { "a", "b", "c" }, Rules(h));
        Assert.Equal(new[] { "docs.json:4: invalid JSON at column 2: 't...' is an invalid JSON literal. Expected the literal 'true'; skipped line 4 (bytes 32-48); reading resumes at line 5" }, h.ErrorMessages);
    }

    [Fact]
    public void ABrokenDocumentCostsOnlyThatDocument()
    {
        string text = "{\n  \"agent\": {\"rule_id\": \"a\"}\n}\n{\n  \"agent\": {\"rule_id\": \"b\"\n  \"title\": \"missing brace and comma\"\n}\n{\n  \"agent\": {\"rule_id\": \"c\"}\n}\n";
        var h = Reading.ReadHarness.ReadText(text, "docs.json");
        Assert.Equal(new[] { "a", "c" }, Rules(h));
        Assert.StartsWith("docs.json:4: invalid JSON at line 6, column 3: ", Assert.Single(h.ErrorMessages));
        Assert.EndsWith("; skipped lines 4-7 (bytes 32-99); reading resumes at line 8", h.ErrorMessages.Single());
    }

    [Fact]
    public void AMissingCommaBetweenElementsLosesNothing()
    {
        var h = Reading.ReadHarness.ReadText("[\n{\"agent\":{\"rule_id\":\"a\"}}\n{\"agent\":{\"rule_id\":\"b\"}}\n]\n", "arr.json");
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Equal(new[] { "arr.json:3: invalid JSON: expected ',' or ']' after array element 0; nothing skipped, reading goes on at line 3" }, h.ErrorMessages);
    }

    [Fact]
    public void AOneLineArrayHasNoLineToResumeAtAndSaysSo()
    {
        var h = Reading.ReadHarness.ReadText("[{\"agent\":{\"rule_id\":\"a\"}},{\"agent\": oops},{\"agent\":{\"rule_id\":\"c\"}}]", "arr.json");
        Assert.Equal(new[] { "a" }, Rules(h));
        Assert.Equal(new[] { "arr.json:1: invalid JSON at column 11: 'o' is an invalid start of a value (array element 1); no further record could be found after it: skipped the rest of the input (line 1, bytes 27-68)" }, h.ErrorMessages);
    }

    [Fact]
    public void ConcatenatedArraysAreAllRead()
    {
        var h = Reading.ReadHarness.ReadText("[{\"agent\":{\"rule_id\":\"a\"}}]\n[{\"agent\":{\"rule_id\":\"b\"}}]\n", "two.json");
        Assert.Equal(new[] { "a", "b" }, Rules(h));
        Assert.Empty(h.Errors);
    }
}
