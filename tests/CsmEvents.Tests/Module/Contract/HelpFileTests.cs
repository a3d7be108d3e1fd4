using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace CsmEvents.Tests.Module.Contract;

/// <summary>
/// en-US/CsmEvents.dll-Help.xml of the layout, the file Get-Help reads, against the cmdlet classes of the assembly:
/// the same cmdlets, and for each the same parameters, parameter sets and parameter facts. (HelpDocsTests checks the
/// markdown pages; this checks what the build made of them.)
/// </summary>
public class HelpFileTests
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static readonly Lazy<XDocument> HelpFile = new(() =>
    {
        string path = ModuleLayout.InLayout("en-US", "CsmEvents.dll-Help.xml");
        Assert.True(File.Exists(path), "the build made no help file at " + path);
        return XDocument.Load(path);
    });

    public static IEnumerable<object[]> Cmdlets() => CmdletMetadata.All().Select(c => new object[] { c.Name });

    private static XElement CommandHelp(string name) =>
        HelpFile.Value.Root!.Elements(Command + "command").Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value == name);

    private static string NameOf(XElement element) => element.Element(Maml + "name")!.Value;

    [Fact]
    public void DescribesExactlyTheCmdletsOfTheAssembly()
    {
        var described = HelpFile.Value.Root!.Elements(Command + "command").Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value);
        Assert.Equal(CmdletMetadata.All().Select(c => c.Name), described.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void ParametersAreThoseOfTheCmdletWithTheirFacts(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        var parameters = CommandHelp(name).Element(Command + "parameters")!.Elements(Command + "parameter").ToList();
        Assert.Equal(cmdlet.Parameters.Select(p => p.Name).Concat(ShouldProcessParameters(cmdlet)).OrderBy(n => n, StringComparer.Ordinal),
            parameters.Select(NameOf).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var parameter in cmdlet.Parameters)
        {
            var help = parameters.Single(p => NameOf(p) == parameter.Name);
            string where = name + " -" + parameter.Name + ": ";
            Assert.True(help.Element(Maml + "description")!.Elements(Maml + "para").Any(p => p.Value.Trim().Length > 0), where + "no description");
            Assert.Equal(parameter.Type.Name, help.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(parameter.Sets.All(s => s.Mandatory) ? "true" : "false", help.Attribute("required")!.Value);
            // A parameter whose position differs between sets shows one of them here (its page's first block);
            // each syntax item shows the position of its own set (below).
            var positions = parameter.Sets.Select(s => s.Position == int.MinValue ? "named" : s.Position.ToString()).Distinct().ToList();
            Assert.Contains(help.Attribute("position")!.Value, positions);
            Assert.Equal(parameter.SupportsWildcards ? "true" : "false", help.Attribute("globbing")!.Value);
            Assert.Equal(parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases), help.Attribute("aliases")!.Value);
            var entry = parameter.Sets[0];
            string pipeline = entry.ValueFromPipeline && entry.ValueFromPipelineByPropertyName ? "True (ByPropertyName, ByValue)"
                : entry.ValueFromPipeline ? "True (ByValue)" : entry.ValueFromPipelineByPropertyName ? "True (ByPropertyName)" : "False";
            Assert.Equal(pipeline, help.Attribute("pipelineInput")!.Value);
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void SyntaxHasOneItemPerParameterSetWithItsParameters(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        var items = CommandHelp(name).Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        var sets = cmdlet.ParameterSets.Count == 0 ? new[] { CmdletMetadata.AllSets } : cmdlet.ParameterSets.ToArray();
        Assert.Equal(sets.Length, items.Count);
        var remaining = items.ToList();
        foreach (string set in sets)
        {
            var expected = cmdlet.InSet(set).ToDictionary(p => p.Parameter.Name, p => (bool?)p.Entry.Mandatory);
            var positions = cmdlet.InSet(set).ToDictionary(p => p.Parameter.Name, p => p.Entry.Position == int.MinValue ? "named" : p.Entry.Position.ToString());
            foreach (string added in ShouldProcessParameters(cmdlet)) { expected[added] = false; positions[added] = "named"; }
            var item = remaining.FirstOrDefault(i => i.Elements(Command + "parameter").Select(NameOf).OrderBy(n => n, StringComparer.Ordinal).SequenceEqual(expected.Keys.OrderBy(n => n, StringComparer.Ordinal)));
            Assert.True(item != null, name + ": no syntax item shows exactly the parameters of the set " + set + " (" + string.Join(", ", expected.Keys) + ")");
            remaining.Remove(item!);
            foreach (var parameter in item!.Elements(Command + "parameter"))
            {
                // In its set, a parameter is required exactly when that set's [Parameter] says Mandatory.
                Assert.Equal(expected[NameOf(parameter)] == true ? "true" : "false", parameter.Attribute("required")!.Value);
                Assert.Equal(positions[NameOf(parameter)], parameter.Attribute("position")!.Value);
            }
        }
    }

    /// <summary>PowerShell adds -WhatIf and -Confirm to a cmdlet that supports ShouldProcess; its help documents them.</summary>
    private static IEnumerable<string> ShouldProcessParameters(CmdletMetadata cmdlet) =>
        cmdlet.SupportsShouldProcess ? new[] { "Confirm", "WhatIf" } : Array.Empty<string>();
}
