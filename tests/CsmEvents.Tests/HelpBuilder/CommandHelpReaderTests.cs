using System.Linq;
using CsmEvents.HelpBuilder;

namespace CsmEvents.Tests.HelpBuilder;

/// <summary>A PlatyPS page read into command help, and the pages the converter refuses (with file and line).</summary>
public class CommandHelpReaderTests
{
    private static CommandHelp Sample => CommandHelpReader.Read(SamplePage.File, SamplePage.Text);

    private static HelpFormatException Refused(string text) =>
        Assert.Throws<HelpFormatException>(() => CommandHelpReader.Read(SamplePage.File, text));

    [Fact]
    public void ReadsNameSynopsisAndDescriptionAsParagraphs()
    {
        var help = Sample;
        Assert.Equal("Get-Thing", help.Name);
        Assert.Equal("Get", help.Verb);
        Assert.Equal("Thing", help.Noun);
        Assert.Equal(new[] { "Gets things from places." }, help.Synopsis);
        Assert.Equal(new[]
        {
            "`Get-Thing` reads things, see Get-Other and the site (https://example.org/things).",
            "It reads:",
            "- files;",
            "- folders, with `-Recurse`;",
            "- pipes.",
        }, help.Description);
        Assert.Equal("CsmEvents.dll-Help.xml", help.ExternalHelpFile);
        Assert.Null(help.OnlineVersion);
    }

    [Fact]
    public void ReadsEverySyntaxSetWithItsParametersInOrder()
    {
        var syntax = Sample.Syntax;
        Assert.Equal(2, syntax.Count);
        Assert.Equal("Path", syntax[0].Name);
        Assert.True(syntax[0].IsDefault);
        Assert.Equal(new[] { "Path", "Recurse", "Kind" }, syntax[0].ParameterNames);
        Assert.Equal("Name", syntax[1].Name);
        Assert.False(syntax[1].IsDefault);
        Assert.Equal(new[] { "Name", "Kind" }, syntax[1].ParameterNames);
    }

    [Fact]
    public void ReadsEveryParameterWithTheFactsOfItsYamlBlock()
    {
        var parameters = Sample.Parameters;
        Assert.Equal(new[] { "Kind", "Name", "Path", "Recurse" }, parameters.Select(p => p.Name));

        var kind = parameters[0];
        Assert.Equal(new[] { "The kind of thing." }, kind.Description);
        Assert.Equal("ThingKind", kind.Type);
        Assert.True(kind.InAllSets);
        Assert.Empty(kind.Aliases);
        Assert.Equal(new[] { "Big", "Small" }, kind.AcceptedValues);
        Assert.False(kind.Required);
        Assert.Equal("named", kind.Position);
        Assert.Equal("None", kind.DefaultValue);
        Assert.Equal("False", kind.PipelineInput);
        Assert.False(kind.AcceptsWildcards);

        var name = parameters[1];
        Assert.Equal(new[] { "Name" }, name.ParameterSets);
        Assert.Equal(new[] { "N" }, name.Aliases);
        Assert.True(name.Required);
        Assert.Equal("True (ByPropertyName)", name.PipelineInput);
        Assert.True(name.AcceptsWildcards);

        var path = parameters[2];
        Assert.Equal(new[] { "Paths to read.", "Second paragraph." }, path.Description);
        Assert.Equal("String[]", path.Type);
        Assert.Equal(new[] { "PSPath", "P" }, path.Aliases);
        Assert.Equal("0", path.Position);
        Assert.Equal("True (ByValue)", path.PipelineInput);

        var recurse = parameters[3];
        Assert.True(recurse.IsSwitch);
        Assert.Equal("False", recurse.DefaultValue);
    }

    [Fact]
    public void ReadsInputsOutputsAndNotesWithTablesAsOneParagraphPerRow()
    {
        var help = Sample;
        Assert.Equal("System.String[]", help.Inputs.Single().TypeName);
        Assert.Equal(new[] { "Paths." }, help.Inputs.Single().Description);
        Assert.Equal("Thing.Item", help.Outputs.Single().TypeName);
        Assert.Equal(new[] { "One per thing." }, help.Outputs.Single().Description);
        Assert.Equal(new[]
        {
            "Error ids:",
            "Error id (Category): When",
            "NoThing (ObjectNotFound): Nothing `a|b` there.",
            "BadThing (InvalidData): A bad thing.",
        }, help.Notes);
    }

    [Fact]
    public void ReadsExamplesWithCodeAsWrittenAndTheTextAroundIt()
    {
        var examples = Sample.Examples;
        Assert.Equal(2, examples.Count);
        Assert.Equal("Example 1: Read a file", examples[0].Title);
        Assert.Empty(examples[0].Introduction);
        Assert.Equal("PS> Get-Thing a.txt\n## not a heading\nthing", examples[0].Code);
        Assert.Equal(new[] { "Reads one file.", "Really." }, examples[0].Remarks);

        Assert.Equal(new[] { "Before the code." }, examples[1].Introduction);
        Assert.Equal("PS> $t = Get-Thing -Name x\n\nPS> $t", examples[1].Code);
        Assert.Empty(examples[1].Remarks);
    }

    [Fact]
    public void RelatedLinksKeepOnlyWebAddresses()
    {
        // Get-Help -Online opens the first link address and fails on a relative one such as Get-Other.md.
        Assert.Equal(new[] { new RelatedLink("Get-Other", null), new RelatedLink("Online docs", "https://example.org/get-thing") }, Sample.RelatedLinks);
    }

    [Fact]
    public void OnlineVersionIsKeptWhenItIsAWebAddress()
    {
        var help = CommandHelpReader.Read(SamplePage.File, SamplePage.With("online version:\n", "online version: https://example.org/get-thing\n"));
        Assert.Equal("https://example.org/get-thing", help.OnlineVersion);
    }

    [Theory]
    [InlineData("online version:\n", "online version: Get-Thing.md\n", 1, "'online version: Get-Thing.md' is not an http(s) address; Get-Help -Online would fail on it (leave it empty when there is none)")]
    [InlineData("schema: 2.0.0\n", "schema: 3.0.0\n", 1, "the front matter must say 'schema: 2.0.0' (the PlatyPS page format this converter reads)")]
    [InlineData("# Get-Thing\n", "# Get-Other\n", 8, "the page of Get-Other must be named Get-Other.md")]
    [InlineData("# Get-Thing\n", "# GetThing\n", 8, "the title 'GetThing' is not a Verb-Noun command name")]
    [InlineData("## DESCRIPTION\n", "## DESCRIPTIONS\n", 26, "unknown section '## DESCRIPTIONS' (known: SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS)")]
    [InlineData("Gets things\nfrom places.\n", "", 10, "'## SYNOPSIS' is empty")]
    [InlineData("Get-Thing -Name <String> [-Kind", "Get-Thing -Name <String> [-Nam <String>] [-Kind", 21, "the syntax of Name shows -Nam, which has no '### -Nam' in PARAMETERS")]
    [InlineData("Get-Thing -Name <String> [-Kind <ThingKind>]", "Get-Thing -Name <String>", 21, "the syntax of Name does not show -Kind, which its 'Parameter Sets' put in it")]
    [InlineData("Get-Thing -Name <String> [-Kind", "Get-Thing -Name <String> [-Recurse] [-Kind", 110, "-Recurse is shown in the syntax of Name but its 'Parameter Sets' do not name it")]
    [InlineData("Parameter Sets: Name\n", "Parameter Sets: ByName\n", 78, "-Name is in the parameter set 'ByName', which SYNTAX does not show (sets: Path, Name)")]
    [InlineData("Get-Thing [-Path] <String[]> [-Recurse]", "Get-Thing [-Path] <String[]> [-Recurse] [-Path]", 17, "-Path appears twice in this syntax")]
    [InlineData("Required: True\nPosition: 0", "Required: Yes\nPosition: 0", 103, "-Path: 'Required' is True or False, not 'Yes'")]
    [InlineData("Position: 0", "Position: first", 104, "-Path: 'Position' is Named or a number, not 'first'")]
    [InlineData("Accept pipeline input: True (ByValue)", "Accept pipeline input: Yes", 106, "-Path: 'Accept pipeline input' is False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue)")]
    [InlineData("Type: String[]\n", "", 98, "-Path: the YAML block has no 'Type'")]
    [InlineData("Type: String[]\n", "Type: String[]\nTipe: x\n", 100, "-Path: unknown YAML line 'Tipe: x' (known keys: Type, Parameter Sets, Aliases, Accepted values, Required, Position, Default value, Accept pipeline input, Accept wildcard characters)")]
    [InlineData("Paths to read.\n\nSecond paragraph.\n\n", "", 93, "-Path has no description")]
    [InlineData("Accept wildcard characters: True\n```\n\n### -Recurse", "Accept wildcard characters: True\n```\nAfter.\n\n### -Recurse", 109, "-Path: the text goes before the ```yaml blocks, nothing after or between them")]
    [InlineData("### -Recurse\n", "### -Path\n", 110, "-Path is documented twice")]
    [InlineData("### -Recurse\n", "### Recurse\n", 110, "a parameter heading is '### -Name' (or '### CommonParameters')")]
    [InlineData("Really.\n", "```powershell\nPS> more\n```\n", 46, "the example 'Example 1: Read a file' has text between its code blocks; put the commands in one block")]
    [InlineData("[Get-Other](Get-Other.md)\n\n[Online", "See Get-Other\n\n[Online", 149, "RELATED LINKS holds one '[text](target)' link per line")]
    [InlineData("| BadThing | InvalidData | A bad thing. |", "| BadThing | A bad thing. |", 145, "this table row has 2 cells, the header 3")]
    [InlineData("## NOTES\n", "## NOTES\n### Heading\n", 140, "'## NOTES' has no '### ' subsections")]
    [InlineData("## INPUTS\n", "## INPUTS\nLoose text.\n", 130, "'## INPUTS' holds only '### ' subsections; this text belongs in one of them")]
    public void RefusesAPageThatWouldGiveWrongHelp(string oldText, string newText, int line, string reason)
    {
        var error = Refused(SamplePage.With(oldText, newText));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(line, error.Line);
        Assert.Equal(SamplePage.File, error.File);
        Assert.Equal(SamplePage.File + "(" + line + "): error CSMHELP1: " + reason, error.ToMSBuildError());
    }

    [Fact]
    public void RefusesAnExampleWithoutCode()
    {
        string text = SamplePage.With("### Example 1: Read a file\n```powershell\nPS> Get-Thing a.txt\n## not a heading\nthing\n```\n", "### Example 1: Read a file\nNo code.\n");
        var error = Refused(text);
        Assert.Equal("the example 'Example 1: Read a file' has no code block", error.Reason);
        Assert.Equal(SamplePage.LineOf(text, "### Example 1"), error.Line);
    }

    [Fact]
    public void RefusesAnUnclosedCodeBlock()
    {
        string text = SamplePage.With("thing\n```\n\nReads one file.", "thing\n\nReads one file.");
        Assert.Equal("a code block is not closed ('```')", Refused(text).Reason);
    }

    [Fact]
    public void RefusesAPageWithoutFrontMatter()
    {
        var error = Refused("# Get-Thing\n");
        Assert.Equal((1, "the page must start with PlatyPS front matter ('---')"), (error.Line, error.Reason));
    }

    [Fact]
    public void AParameterMayHaveAYamlBlockPerParameterSet()
    {
        var help = CommandHelpReader.Read(SamplePage.File, SamplePage.With(KindYamlBlocks.Single, KindYamlBlocks.PerSet));
        var kind = help.Parameters.Single(p => p.Name == "Kind");
        Assert.Equal(new[] { "Path", "Name" }, kind.ParameterSets);
        Assert.Equal("1", kind.Position);
        Assert.Equal("1", kind.ForSet("Path").Position);
        Assert.Equal("named", kind.ForSet("Name").Position);
        Assert.Equal(new[] { "The kind of thing." }, kind.ForSet("Name").Description);
    }

    [Theory]
    [InlineData("Parameter Sets: Name\nAliases:\nAccepted values: Big, Small\n\nRequired: False\nPosition: Named", "Parameter Sets: Path\nAliases:\nAccepted values: Big, Small\n\nRequired: False\nPosition: Named", "-Kind: the parameter set Path is in two ```yaml blocks")]
    [InlineData("Type: ThingKind\nParameter Sets: Name", "Type: String\nParameter Sets: Name", "-Kind: every ```yaml block gives the same Type")]
    [InlineData("Parameter Sets: Name\nAliases:\nAccepted values: Big, Small\n\nRequired: False\nPosition: Named", "Parameter Sets: (All)\nAliases:\nAccepted values: Big, Small\n\nRequired: False\nPosition: Named", "-Kind: with several ```yaml blocks, each names its parameter sets (not (All))")]
    public void RefusesYamlBlocksPerSetThatContradictEachOther(string oldText, string newText, string reason)
    {
        string blocks = KindYamlBlocks.PerSet.Replace(oldText, newText);
        Assert.NotEqual(KindYamlBlocks.PerSet, blocks);
        Assert.Equal(reason, Refused(SamplePage.With(KindYamlBlocks.Single, blocks)).Reason);
    }
}

/// <summary>The sample page's -Kind block, and -Kind as a ```yaml block per parameter set.</summary>
internal static class KindYamlBlocks
{
    /// <summary>-Kind with a ```yaml block per parameter set, as PlatyPS writes a parameter whose position differs
    /// between sets: position 1 in Path, named in Name.</summary>
    public const string PerSet = """
        ```yaml
        Type: ThingKind
        Parameter Sets: Path
        Aliases:
        Accepted values: Big, Small

        Required: False
        Position: 1
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ```yaml
        Type: ThingKind
        Parameter Sets: Name
        Aliases:
        Accepted values: Big, Small

        Required: False
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        """;

    public const string Single = """
        ```yaml
        Type: ThingKind
        Parameter Sets: (All)
        Aliases:
        Accepted values: Big, Small

        Required: False
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        """;
}
