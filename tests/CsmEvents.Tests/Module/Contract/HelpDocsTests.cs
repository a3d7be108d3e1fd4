using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Module.Contract;

/// <summary>
/// docs/cmdlets/&lt;Verb-Noun&gt;.md for every cmdlet, in the PlatyPS markdown that build.ps1 turns into
/// en-US/CsmEvents.dll-Help.xml: every parameter with a YAML block that agrees with the attributes, every parameter
/// set, input and output type and error id, and at least two examples. And about_CsmEvents.help.txt.
/// </summary>
public class HelpDocsTests
{
    public static IEnumerable<object[]> Cmdlets() => CmdletMetadata.All().Select(c => new object[] { c.Name });

    private static string Doc(string name)
    {
        string path = RepoPaths.InRepo("docs", "cmdlets", name + ".md");
        Assert.True(File.Exists(path), "missing help page " + path);
        return File.ReadAllText(path).Replace("\r\n", "\n");
    }

    /// <summary>The text of a "## NAME" section, up to the next "## ".</summary>
    private static string Section(string doc, string heading)
    {
        var match = Regex.Match(doc, "^## " + Regex.Escape(heading) + "\n(.*?)(?=^## |\\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(match.Success, "no section ## " + heading);
        return match.Groups[1].Value;
    }

    /// <summary>The YAML blocks of one parameter, each as key → value. PlatyPS writes one block, or one per group of
    /// parameter sets when the parameter's position differs between sets (Export-CsmReport -OutFile).</summary>
    private static List<Dictionary<string, string>> ParameterBlocks(string parameters, string name)
    {
        var section = Regex.Match(parameters, "^### -" + name + "\n(.*?)(?=^### |\\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, "no ### -" + name);
        var blocks = Regex.Matches(section.Groups[1].Value, "```yaml\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : ""))
            .ToList();
        Assert.True(blocks.Count > 0, "### -" + name + " has no yaml block");
        return blocks;
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void PageHasThePlatyPSStructure(string name)
    {
        string doc = Doc(name);
        Assert.StartsWith("---\nexternal help file: CsmEvents.dll-Help.xml\nModule Name: CsmEvents\n", doc);
        Assert.Contains("\nschema: 2.0.0\n---\n\n# " + name + "\n", doc);
        var headings = Regex.Matches(doc, "^## (.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(new[] { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" }, headings);
        Assert.Contains("### CommonParameters", Section(doc, "PARAMETERS"));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void SyntaxShowsEveryParameterSet(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        string syntax = Section(Doc(name), "SYNTAX");
        var sets = cmdlet.ParameterSets.Count == 0 ? new[] { CmdletMetadata.AllSets } : cmdlet.ParameterSets.ToArray();
        foreach (string set in sets)
        {
            string heading = "### " + set + (set == cmdlet.DefaultParameterSet && sets.Length > 1 ? " (Default)" : "");
            var block = Regex.Match(syntax, "^" + Regex.Escape(heading) + "\n+```\n(.*?)```", RegexOptions.Multiline | RegexOptions.Singleline);
            Assert.True(block.Success, name + ": SYNTAX has no '" + heading + "' with a code block");
            Assert.StartsWith(name + " ", block.Groups[1].Value);
            foreach (var (parameter, _) in cmdlet.InSet(set)) Assert.Contains("-" + parameter.Name, block.Groups[1].Value);
            // The syntax wraps like PlatyPS's (a line break and a space between two parameters).
            if (cmdlet.SupportsShouldProcess) Assert.Contains("[-WhatIf] [-Confirm] [<CommonParameters>]", block.Groups[1].Value.Replace("\n ", " "));
            Assert.Contains("[<CommonParameters>]", block.Groups[1].Value);
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void EveryParameterIsDocumentedAsDeclared(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        string parameters = Section(Doc(name), "PARAMETERS");
        var documented = Regex.Matches(parameters, "^### -(\\w+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        // PowerShell adds -WhatIf and -Confirm to cmdlets that support ShouldProcess; PlatyPS documents them too.
        var shouldProcess = cmdlet.SupportsShouldProcess ? new[] { "Confirm", "WhatIf" } : Array.Empty<string>();
        Assert.Equal(cmdlet.Parameters.Select(p => p.Name).Concat(shouldProcess).OrderBy(n => n, StringComparer.Ordinal), documented.OrderBy(n => n, StringComparer.Ordinal));
        foreach (var (switchName, alias) in shouldProcess.Zip(new[] { "cf", "wi" }))
        {
            var yaml = ParameterBlocks(parameters, switchName).Single();
            Assert.Equal(("SwitchParameter", alias, "False"), (yaml["Type"], yaml["Aliases"], yaml["Required"]));
        }
        foreach (var parameter in cmdlet.Parameters)
        {
            var blocks = ParameterBlocks(parameters, parameter.Name);
            var groups = parameter.Sets.GroupBy(s => s.Position).ToList();
            string where = name + " -" + parameter.Name + ": ";
            Assert.True(groups.Count == blocks.Count, where + "one yaml block per position (" + groups.Count + ")");
            for (int g = 0; g < groups.Count; g++)
            {
                var yaml = blocks[g];
                var group = groups[g].ToList();
                Assert.True(yaml.TryGetValue("Type", out string? type) && type == parameter.Type.Name, where + "Type should be " + parameter.Type.Name);
                var sets = group.Select(s => s.SetName).ToList();
                Assert.Equal(sets.Contains(CmdletMetadata.AllSets) ? "(All)" : string.Join(", ", sets.OrderBy(s => s, StringComparer.Ordinal)), yaml["Parameter Sets"]);
                Assert.Equal(string.Join(", ", parameter.Aliases), yaml["Aliases"]);
                Assert.Equal(group.All(s => s.Mandatory) ? "True" : "False", yaml["Required"]);
                Assert.Equal(groups[g].Key == int.MinValue ? "Named" : groups[g].Key.ToString(), yaml["Position"]);
                var entry = group[0];
                string pipeline = entry.ValueFromPipeline && entry.ValueFromPipelineByPropertyName ? "True (ByPropertyName, ByValue)"
                    : entry.ValueFromPipeline ? "True (ByValue)" : entry.ValueFromPipelineByPropertyName ? "True (ByPropertyName)" : "False";
                Assert.Equal(pipeline, yaml["Accept pipeline input"]);
                Assert.Equal(parameter.SupportsWildcards ? "True" : "False", yaml["Accept wildcard characters"]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void InputsOutputsAndErrorIdsAreDocumented(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        string doc = Doc(name);
        string outputs = Section(doc, "OUTPUTS");
        foreach (string type in cmdlet.OutputTypes) Assert.Contains("### " + type + "\n", outputs);
        string inputs = Section(doc, "INPUTS");
        foreach (var parameter in cmdlet.Parameters.Where(p => p.Sets.Any(s => s.ValueFromPipeline)))
        {
            Assert.Contains("### " + parameter.Type.FullName + "\n", inputs);
        }
        foreach (string id in cmdlet.ErrorIds)
        {
            Assert.True(Regex.IsMatch(doc, "\\b" + id + "\\b"), name + ": error id " + id + " is not documented");
        }
    }

    // The drift checks below go both ways: what the assembly has must be on the page (above), and what the page
    // documents must still exist in the assembly.

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void SyntaxShowsExactlyTheParameterSetsOfTheCmdlet(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        var sets = cmdlet.ParameterSets.Count == 0 ? new[] { CmdletMetadata.AllSets } : cmdlet.ParameterSets.ToArray();
        var headings = Regex.Matches(Section(Doc(name), "SYNTAX"), "^### (.+?)( \\(Default\\))?$", RegexOptions.Multiline);
        Assert.Equal(sets.OrderBy(s => s, StringComparer.Ordinal), headings.Select(m => m.Groups[1].Value).OrderBy(s => s, StringComparer.Ordinal));
        var marked = headings.Where(m => m.Groups[2].Success).Select(m => m.Groups[1].Value);
        Assert.Equal(sets.Length > 1 ? new[] { cmdlet.DefaultParameterSet } : Array.Empty<string>(), marked);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void NotesListExactlyTheErrorIdsOfTheCmdlet(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        var table = Regex.Matches(Section(Doc(name), "NOTES"), "^\\| *(\\w+) *\\|", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        Assert.Equal(cmdlet.ErrorIds.OrderBy(s => s, StringComparer.Ordinal), table.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void OutputsAndInputsNameOnlyTypesTheCmdletHas(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        string doc = Doc(name);
        var outputs = Regex.Matches(Section(doc, "OUTPUTS"), "^### (.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        Assert.Equal(cmdlet.OutputTypes.OrderBy(s => s, StringComparer.Ordinal), outputs.OrderBy(s => s, StringComparer.Ordinal));
        // An input type is the type of a pipeline parameter, or its element type (a path property binds one string);
        // "None" only when nothing binds from the pipeline.
        var pipelineTypes = cmdlet.Parameters.Where(p => p.Sets.Any(s => s.ValueFromPipeline || s.ValueFromPipelineByPropertyName))
            .SelectMany(p => new[] { p.Type.FullName, p.Type.GetElementType()?.FullName }).ToList();
        if (pipelineTypes.Count == 0) pipelineTypes.Add("None");
        foreach (Match input in Regex.Matches(Section(doc, "INPUTS"), "^### (.+)$", RegexOptions.Multiline))
        {
            Assert.True(pipelineTypes.Contains(input.Groups[1].Value), name + ": INPUTS names " + input.Groups[1].Value + ", which no pipeline parameter takes");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void HasAtLeastTwoExamplesWithCode(string name)
    {
        string examples = Section(Doc(name), "EXAMPLES");
        var headings = Regex.Matches(examples, "^### Example \\d+: .+$", RegexOptions.Multiline);
        Assert.True(headings.Count >= 2, name + " needs at least two examples");
        var blocks = Regex.Matches(examples, "^```powershell\n", RegexOptions.Multiline);
        Assert.True(blocks.Count >= headings.Count, name + ": every example needs a powershell code block");
    }

    [Fact]
    public void AboutTopicCoversEveryCmdletAndErrorId()
    {
        string about = File.ReadAllText(RepoPaths.InRepo("docs", "cmdlets", "about_CsmEvents.help.txt"));
        Assert.StartsWith("TOPIC\n    about_CsmEvents", about.Replace("\r\n", "\n"));
        foreach (var cmdlet in CmdletMetadata.All())
        {
            Assert.Contains(cmdlet.Name, about);
            foreach (string id in cmdlet.ErrorIds) Assert.True(Regex.IsMatch(about, "\\b" + id + "\\b"), "about_CsmEvents does not explain error id " + id);
        }
    }

    [Fact]
    public void AboutTopicListsOnlyErrorIdsThatExist()
    {
        string about = File.ReadAllText(RepoPaths.InRepo("docs", "cmdlets", "about_CsmEvents.help.txt")).Replace("\r\n", "\n");
        var errors = Regex.Match(about, "^  ERRORS\n(.*?)(?=^  [A-Z])", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(errors.Success, "about_CsmEvents has no ERRORS part");
        var listed = Regex.Matches(errors.Groups[1].Value, "^        (\\w+) ", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        var ids = CmdletMetadata.All().SelectMany(c => c.ErrorIds).Distinct();
        Assert.Equal(ids.OrderBy(s => s, StringComparer.Ordinal), listed.OrderBy(s => s, StringComparer.Ordinal));
    }
}
