using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CsmEvents.HelpBuilder;

/// <summary>
/// Writes command help as MAML, the XML that Get-Help reads for the cmdlets of a binary module
/// (&lt;assembly&gt;.dll-Help.xml): one command:command per cmdlet with details (name, verb, noun, synopsis),
/// description, syntax (one item per parameter set), parameters, inputTypes, returnValues, alertSet (NOTES),
/// examples and relatedLinks, in the shape PlatyPS gives it.
/// </summary>
public static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument ToMaml(IEnumerable<CommandHelp> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                commands.Select(ToCommand)));

    /// <summary>The MAML text: UTF-8 without BOM, "\n" line ends on every platform (the same bytes everywhere).</summary>
    public static string ToText(XDocument maml)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", NewLineHandling = NewLineHandling.Replace, Encoding = new UTF8Encoding(false) };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings)) maml.Save(writer);
        return new UTF8Encoding(false).GetString(stream.ToArray()) + "\n";
    }

    private static XElement ToCommand(CommandHelp help) =>
        new(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Verb),
                new XElement(Command + "noun", help.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", help.Syntax.Select(set => SyntaxItem(help, set))),
            new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeEntry("inputType", t))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => TypeEntry("returnValue", t))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select(Example)),
            new XElement(Command + "relatedLinks", Links(help)));

    private static XElement SyntaxItem(CommandHelp help, SyntaxSet set) =>
        new(Command + "syntaxItem",
            new XElement(Maml + "name", help.Name),
            // Each parameter with its facts in this set (its position may differ from set to set).
            set.ParameterNames.Select(name => help.Parameters.Single(p => p.Name == name).ForSet(set.Name)).Select(p => Parameter(p, inSyntax: true)));

    private static XElement Parameter(ParameterHelp parameter, bool inSyntax) =>
        new(Command + "parameter",
            new XAttribute("required", Bool(parameter.Required)),
            new XAttribute("variableLength", Bool(parameter.Type.EndsWith("[]"))),
            new XAttribute("globbing", Bool(parameter.AcceptsWildcards)),
            new XAttribute("pipelineInput", parameter.PipelineInput),
            new XAttribute("position", parameter.Position),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(parameter.Description),
            parameter.AcceptedValues.Count == 0 ? null : new XElement(Command + "parameterValueGroup",
                parameter.AcceptedValues.Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v))),
            ParameterValue(parameter, inSyntax),
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", parameter.DefaultValue));

    /// <summary>
    /// The value the parameter takes, which Get-Help shows after its name: "-Path &lt;String[]&gt;". A switch takes
    /// none: the syntax shows [-Recurse], and PARAMETERS "-Recurse [&lt;SwitchParameter&gt;]" (an optional value).
    /// </summary>
    private static XElement? ParameterValue(ParameterHelp parameter, bool inSyntax)
    {
        if (parameter.IsSwitch && inSyntax) return null;
        return new XElement(Command + "parameterValue",
            new XAttribute("required", Bool(!parameter.IsSwitch)),
            new XAttribute("variableLength", Bool(parameter.Type.EndsWith("[]"))),
            parameter.Type);
    }

    private static XElement TypeEntry(string element, TypeHelp type) =>
        new(Command + element,
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            Description(type.Description));

    private static XElement Example(ExampleHelp example) =>
        new(Command + "example",
            new XElement(Maml + "title", ExampleTitle(example.Title)),
            example.Introduction.Count == 0 ? null : new XElement(Maml + "introduction", Paragraphs(example.Introduction)),
            new XElement(Dev + "code", example.Code),
            // Get-Help prints the next example's title right under the last remark line, or after a stray space when
            // there are no remarks: a closing empty paragraph gives the blank line between examples.
            new XElement(Dev + "remarks", Paragraphs(example.Remarks.Append(""))));

    /// <summary>The title between dashes, as PowerShell's own help shows it, centred on 76 columns.</summary>
    public static string ExampleTitle(string title)
    {
        string dashes = new('-', System.Math.Max(3, (76 - title.Length - 2) / 2));
        return dashes + " " + title + " " + dashes;
    }

    private static IEnumerable<XElement> Links(CommandHelp help)
    {
        // PlatyPS's convention: the front matter's "online version" is the first link, the one Get-Help -Online opens.
        if (help.OnlineVersion != null) yield return Link("Online Version:", help.OnlineVersion);
        foreach (var link in help.RelatedLinks) yield return Link(link.Text, link.Uri);
    }

    private static XElement Link(string text, string? uri) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri ?? ""));

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paragraphs(paragraphs));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Bool(bool value) => value ? "true" : "false";
}
