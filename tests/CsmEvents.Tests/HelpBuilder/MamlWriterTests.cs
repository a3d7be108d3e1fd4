using System.Linq;
using System.Xml.Linq;
using CsmEvents.HelpBuilder;
using static CsmEvents.HelpBuilder.MamlWriter;

namespace CsmEvents.Tests.HelpBuilder;

/// <summary>The MAML written for the sample page: the elements and attributes Get-Help reads.</summary>
public class MamlWriterTests
{
    private static XElement Command()
    {
        var help = CommandHelpReader.Read(SamplePage.File, SamplePage.Text);
        var document = XDocument.Parse(ToText(ToMaml(new[] { help })));
        Assert.Equal(Msh + "helpItems", document.Root!.Name);
        Assert.Equal("maml", document.Root.Attribute("schema")!.Value);
        return document.Root.Elements(MamlWriter.Command + "command").Single();
    }

    private static string[] Paras(XElement? parent) => parent!.Elements(Maml + "para").Select(p => p.Value).ToArray();

    private static XElement Parameter(XElement parent, string name) =>
        parent.Elements(MamlWriter.Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == name);

    [Fact]
    public void DetailsHoldNameVerbNounAndSynopsis()
    {
        var details = Command().Element(MamlWriter.Command + "details")!;
        Assert.Equal("Get-Thing", details.Element(MamlWriter.Command + "name")!.Value);
        Assert.Equal("Get", details.Element(MamlWriter.Command + "verb")!.Value);
        Assert.Equal("Thing", details.Element(MamlWriter.Command + "noun")!.Value);
        Assert.Equal(new[] { "Gets things from places." }, Paras(details.Element(Maml + "description")));
        Assert.Equal(5, Paras(Command().Element(Maml + "description")).Length);
    }

    [Fact]
    public void OneSyntaxItemPerSetWithItsParametersInTheOrderOfThePage()
    {
        var items = Command().Element(MamlWriter.Command + "syntax")!.Elements(MamlWriter.Command + "syntaxItem").ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("Get-Thing", i.Element(Maml + "name")!.Value));
        Assert.Equal(new[] { "Path", "Recurse", "Kind" }, items[0].Elements(MamlWriter.Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
        Assert.Equal(new[] { "Name", "Kind" }, items[1].Elements(MamlWriter.Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
    }

    [Fact]
    public void ParametersCarryTheFactsGetHelpShows()
    {
        var parameters = Command().Element(MamlWriter.Command + "parameters")!;
        Assert.Equal(new[] { "Kind", "Name", "Path", "Recurse" }, parameters.Elements(MamlWriter.Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));

        var path = Parameter(parameters, "Path");
        Assert.Equal(("true", "true", "true", "True (ByValue)", "0", "PSPath, P"), (path.Attribute("required")!.Value, path.Attribute("variableLength")!.Value,
            path.Attribute("globbing")!.Value, path.Attribute("pipelineInput")!.Value, path.Attribute("position")!.Value, path.Attribute("aliases")!.Value));
        Assert.Equal(new[] { "Paths to read.", "Second paragraph." }, Paras(path.Element(Maml + "description")));
        Assert.Equal("String[]", path.Element(MamlWriter.Command + "parameterValue")!.Value);
        Assert.Equal("String[]", path.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("None", path.Element(Dev + "defaultValue")!.Value);

        var name = Parameter(parameters, "Name");
        Assert.Equal(("false", "named", "N", "True (ByPropertyName)"), (name.Attribute("variableLength")!.Value, name.Attribute("position")!.Value, name.Attribute("aliases")!.Value, name.Attribute("pipelineInput")!.Value));

        var recurse = Parameter(parameters, "Recurse");
        var switchValue = recurse.Element(MamlWriter.Command + "parameterValue")!; // -Recurse [<SwitchParameter>]
        Assert.Equal(("SwitchParameter", "false"), (switchValue.Value, switchValue.Attribute("required")!.Value));
        var syntaxRecurse = Parameter(Command().Element(MamlWriter.Command + "syntax")!.Elements(MamlWriter.Command + "syntaxItem").First(), "Recurse");
        Assert.Null(syntaxRecurse.Element(MamlWriter.Command + "parameterValue")); // the syntax shows [-Recurse]
        Assert.Equal(("false", "false", "none", "False"), (recurse.Attribute("required")!.Value, recurse.Attribute("globbing")!.Value, recurse.Attribute("aliases")!.Value, recurse.Element(Dev + "defaultValue")!.Value));
        Assert.Equal("SwitchParameter", recurse.Element(Dev + "type")!.Element(Maml + "name")!.Value);

        var kind = Parameter(parameters, "Kind");
        Assert.Equal(new[] { "Big", "Small" }, kind.Element(MamlWriter.Command + "parameterValueGroup")!.Elements(MamlWriter.Command + "parameterValue").Select(v => v.Value));
    }

    [Fact]
    public void InputsOutputsAndNotes()
    {
        var command = Command();
        var input = command.Element(MamlWriter.Command + "inputTypes")!.Elements(MamlWriter.Command + "inputType").Single();
        Assert.Equal("System.String[]", input.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal(new[] { "Paths." }, Paras(input.Element(Maml + "description")));
        var output = command.Element(MamlWriter.Command + "returnValues")!.Elements(MamlWriter.Command + "returnValue").Single();
        Assert.Equal("Thing.Item", output.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal(new[] { "Error ids:", "Error id (Category): When", "NoThing (ObjectNotFound): Nothing `a|b` there.", "BadThing (InvalidData): A bad thing." },
            Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert")));
    }

    [Fact]
    public void ExamplesHoldTitleCodeAndRemarks()
    {
        var examples = Command().Element(MamlWriter.Command + "examples")!.Elements(MamlWriter.Command + "example").ToList();
        Assert.Equal(2, examples.Count);
        Assert.Equal(new string('-', 26) + " Example 1: Read a file " + new string('-', 26), examples[0].Element(Maml + "title")!.Value);
        Assert.Null(examples[0].Element(Maml + "introduction"));
        Assert.Equal("PS> Get-Thing a.txt\n## not a heading\nthing", examples[0].Element(Dev + "code")!.Value);
        Assert.Equal(new[] { "Reads one file.", "Really.", "" }, Paras(examples[0].Element(Dev + "remarks")));
        Assert.Equal(new[] { "Before the code." }, Paras(examples[1].Element(Maml + "introduction")));
        Assert.Equal(new[] { "" }, Paras(examples[1].Element(Dev + "remarks")));
    }

    [Fact]
    public void ExampleTitlesAreCentredBetweenDashes()
    {
        Assert.Equal(new string('-', 36) + " E " + new string('-', 36), ExampleTitle("E"));
        string longTitle = new('x', 80);
        Assert.Equal("--- " + longTitle + " ---", ExampleTitle(longTitle));
    }

    [Fact]
    public void RelatedLinksHaveAnAddressOnlyWhenItIsAWebAddressAndTheOnlineVersionComesFirst()
    {
        var links = Command().Element(MamlWriter.Command + "relatedLinks")!.Elements(Maml + "navigationLink").Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value));
        Assert.Equal(new[] { ("Get-Other", ""), ("Online docs", "https://example.org/get-thing") }, links);

        var online = CommandHelpReader.Read(SamplePage.File, SamplePage.With("online version:\n", "online version: https://example.org/v\n"));
        var first = XDocument.Parse(ToText(ToMaml(new[] { online }))).Descendants(Maml + "navigationLink").First();
        Assert.Equal(("Online Version:", "https://example.org/v"), (first.Element(Maml + "linkText")!.Value, first.Element(Maml + "uri")!.Value));
    }

    [Fact]
    public void TextIsUtf8WithUnixLineEndsOnEveryPlatform()
    {
        string text = ToText(ToMaml(new[] { CommandHelpReader.Read(SamplePage.File, SamplePage.Text) }));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<helpItems schema=\"maml\"", text);
        Assert.DoesNotContain("\r", text);
        Assert.EndsWith("</helpItems>\n", text);
    }

    [Fact]
    public void ASyntaxItemGivesEachParameterItsFactsInThatSet()
    {
        string blocks = KindYamlBlocks.PerSet;
        var help = CommandHelpReader.Read(SamplePage.File, SamplePage.With(KindYamlBlocks.Single, blocks));
        var command = XDocument.Parse(ToText(ToMaml(new[] { help }))).Root!.Elements(MamlWriter.Command + "command").Single();
        var items = command.Element(MamlWriter.Command + "syntax")!.Elements(MamlWriter.Command + "syntaxItem").ToList();
        Assert.Equal("1", Parameter(items[0], "Kind").Attribute("position")!.Value);
        Assert.Equal("named", Parameter(items[1], "Kind").Attribute("position")!.Value);
        // PARAMETERS holds the parameter once, with the facts of its first block.
        Assert.Equal("1", Parameter(command.Element(MamlWriter.Command + "parameters")!, "Kind").Attribute("position")!.Value);
    }
}
