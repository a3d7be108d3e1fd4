using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace CsmEvents.HelpBuilder;

/// <summary>
/// Reads one PlatyPS page (docs/cmdlets/Verb-Noun.md, schema 2.0.0) into a <see cref="CommandHelp"/>, and refuses
/// a page whose parts contradict each other (a parameter in SYNTAX without its "### -Name" block, a YAML block
/// naming a set SYNTAX does not show...), so that what Get-Help shows is what the page says.
/// </summary>
public static class CommandHelpReader
{
    private static readonly string[] KnownSections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };
    private static readonly string[] RequiredSections = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "PARAMETERS" };
    private static readonly string[] YamlKeys = { "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters" };
    private static readonly string[] RequiredYamlKeys = { "Type", "Parameter Sets", "Required", "Position", "Accept pipeline input", "Accept wildcard characters" };
    private static readonly Regex CommandName = new(@"^[A-Z][A-Za-z]*-[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);
    private static readonly Regex SyntaxParameter = new(@"(?<=[\s\[])-([A-Za-z][A-Za-z0-9]*)", RegexOptions.CultureInvariant);
    private static readonly Regex PipelineInput = new(@"^(False|True \((ByValue|ByPropertyName|ByPropertyName, ByValue)\))$", RegexOptions.CultureInvariant);
    private static readonly Regex LinkLine = new(@"^\[([^\]]+)\]\(([^)\s]*)\)$", RegexOptions.CultureInvariant);

    public static CommandHelp Read(string file, string text)
    {
        var page = MarkdownPage.Parse(file, text);
        string name = page.Title;
        if (!CommandName.IsMatch(name)) throw new HelpFormatException(file, page.TitleLine, "the title '" + name + "' is not a Verb-Noun command name");
        if (!string.Equals(Path.GetFileNameWithoutExtension(file), name, StringComparison.Ordinal))
        {
            throw new HelpFormatException(file, page.TitleLine, "the page of " + name + " must be named " + name + ".md");
        }
        if (!page.FrontMatter.TryGetValue("schema", out string? schema) || schema != "2.0.0")
        {
            throw new HelpFormatException(file, 1, "the front matter must say 'schema: 2.0.0' (the PlatyPS page format this converter reads)");
        }
        string? online = page.FrontMatter.TryGetValue("online version", out string? value) && value.Length > 0 ? value : null;
        if (online != null && !MarkdownBlocks.IsWebAddress(online))
        {
            throw new HelpFormatException(file, 1, "'online version: " + online + "' is not an http(s) address; Get-Help -Online would fail on it (leave it empty when there is none)");
        }

        var sections = new Dictionary<string, MarkdownSection>(StringComparer.Ordinal);
        foreach (var section in page.Sections)
        {
            if (!KnownSections.Contains(section.Heading)) throw new HelpFormatException(file, section.Line, "unknown section '## " + section.Heading + "' (known: " + string.Join(", ", KnownSections) + ")");
            if (sections.ContainsKey(section.Heading)) throw new HelpFormatException(file, section.Line, "a second '## " + section.Heading + "' section");
            sections.Add(section.Heading, section);
        }
        foreach (string required in RequiredSections.Where(r => !sections.ContainsKey(r)))
        {
            throw new HelpFormatException(file, page.TitleLine, "the page has no '## " + required + "' section");
        }

        var syntax = ReadSyntax(file, name, sections["SYNTAX"]);
        var parameters = ReadParameters(file, sections["PARAMETERS"]);
        CheckSyntaxAgainstParameters(file, syntax, parameters, sections["PARAMETERS"]);

        return new CommandHelp(
            name,
            NonEmpty(file, sections["SYNOPSIS"], MarkdownBlocks.Paragraphs(file, Flatten(file, sections["SYNOPSIS"]))),
            NonEmpty(file, sections["DESCRIPTION"], MarkdownBlocks.Paragraphs(file, Flatten(file, sections["DESCRIPTION"]))),
            syntax.Select(s => s.Set).ToList(),
            parameters.Select(p => p.Help).ToList(),
            sections.TryGetValue("INPUTS", out var inputs) ? ReadTypes(file, inputs) : new List<TypeHelp>(),
            sections.TryGetValue("OUTPUTS", out var outputs) ? ReadTypes(file, outputs) : new List<TypeHelp>(),
            sections.TryGetValue("NOTES", out var notes) ? MarkdownBlocks.Paragraphs(file, Flatten(file, notes)) : new List<string>(),
            sections.TryGetValue("EXAMPLES", out var examples) ? ReadExamples(file, examples) : new List<ExampleHelp>(),
            sections.TryGetValue("RELATED LINKS", out var links) ? ReadLinks(file, links) : new List<RelatedLink>(),
            online,
            page.FrontMatter.TryGetValue("external help file", out string? helpFile) ? helpFile : null);
    }

    /// <summary>A section that has no subsections, as its body lines.</summary>
    private static List<SourceLine> Flatten(string file, MarkdownSection section)
    {
        if (section.Subsections.Count > 0) throw new HelpFormatException(file, section.Subsections[0].Line, "'## " + section.Heading + "' has no '### ' subsections");
        return section.Body;
    }

    private static List<string> NonEmpty(string file, MarkdownSection section, List<string> paragraphs)
    {
        if (paragraphs.Count == 0) throw new HelpFormatException(file, section.Line, "'## " + section.Heading + "' is empty");
        return paragraphs;
    }

    private static void NoTextBeforeSubsections(string file, MarkdownSection section)
    {
        var text = section.Body.FirstOrDefault(l => !l.IsBlank);
        if (text.Text != null) throw new HelpFormatException(file, text.Number, "'## " + section.Heading + "' holds only '### ' subsections; this text belongs in one of them");
    }

    private sealed record ReadSet(SyntaxSet Set, int Line);

    private static List<ReadSet> ReadSyntax(string file, string name, MarkdownSection section)
    {
        NoTextBeforeSubsections(file, section);
        if (section.Subsections.Count == 0) throw new HelpFormatException(file, section.Line, "'## SYNTAX' needs one '### ParameterSetName' with a code block per parameter set");
        var sets = new List<ReadSet>();
        foreach (var subsection in section.Subsections)
        {
            bool isDefault = subsection.Heading.EndsWith(" (Default)", StringComparison.Ordinal);
            string setName = isDefault ? subsection.Heading.Substring(0, subsection.Heading.Length - " (Default)".Length) : subsection.Heading;
            var code = MarkdownBlocks.Parse(file, subsection.Body);
            if (code.Count != 1 || !code[0].IsCode) throw new HelpFormatException(file, subsection.Line, "'### " + subsection.Heading + "' must hold exactly one code block with the syntax");
            if (!code[0].Text.StartsWith(name + " ", StringComparison.Ordinal)) throw new HelpFormatException(file, code[0].Line, "the syntax must start with the command name " + name);
            var names = SyntaxParameter.Matches(code[0].Text).Select(m => m.Groups[1].Value).ToList();
            var repeated = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (repeated != null) throw new HelpFormatException(file, code[0].Line, "-" + repeated.Key + " appears twice in this syntax");
            if (sets.Any(s => s.Set.Name == setName)) throw new HelpFormatException(file, subsection.Line, "a second syntax for the parameter set " + setName);
            sets.Add(new ReadSet(new SyntaxSet(setName, isDefault, names), subsection.Line));
        }
        return sets;
    }

    private sealed record ReadParameter(ParameterHelp Help, int Line);

    private static List<ReadParameter> ReadParameters(string file, MarkdownSection section)
    {
        NoTextBeforeSubsections(file, section);
        var parameters = new List<ReadParameter>();
        foreach (var subsection in section.Subsections)
        {
            if (subsection.Heading == "CommonParameters") continue; // Get-Help adds that text itself.
            if (!subsection.Heading.StartsWith("-", StringComparison.Ordinal) || subsection.Heading.Length == 1 || subsection.Heading.Contains(' '))
            {
                throw new HelpFormatException(file, subsection.Line, "a parameter heading is '### -Name' (or '### CommonParameters')");
            }
            string name = subsection.Heading.Substring(1);
            if (parameters.Any(p => string.Equals(p.Help.Name, name, StringComparison.OrdinalIgnoreCase))) throw new HelpFormatException(file, subsection.Line, "-" + name + " is documented twice");

            var blocks = MarkdownBlocks.Parse(file, subsection.Body);
            var yamlBlocks = blocks.Where(b => b.IsCode && b.Language == "yaml").ToList();
            if (yamlBlocks.Count == 0) throw new HelpFormatException(file, subsection.Line, "-" + name + " needs a ```yaml block");
            int firstYaml = blocks.IndexOf(yamlBlocks[0]);
            var after = blocks.Skip(firstYaml).FirstOrDefault(b => !(b.IsCode && b.Language == "yaml"));
            if (after != null) throw new HelpFormatException(file, after.Line, "-" + name + ": the text goes before the ```yaml blocks, nothing after or between them");
            var description = blocks.Take(firstYaml).Select(b => b.Text).ToList();
            if (description.Count == 0) throw new HelpFormatException(file, subsection.Line, "-" + name + " has no description");
            var read = yamlBlocks.Select(yaml => ReadYaml(file, name, description, yaml)).ToList();
            parameters.Add(new ReadParameter(yamlBlocks.Count == 1 ? read[0] : Combine(file, name, read, yamlBlocks), subsection.Line));
        }
        return parameters;
    }

    /// <summary>Several ```yaml blocks of one parameter (one per group of parameter sets, as PlatyPS writes a parameter
    /// whose position or required flag differs between sets): the first block's facts, the sets of all blocks, and
    /// each block for its own sets.</summary>
    private static ParameterHelp Combine(string file, string name, List<ParameterHelp> blocks, List<MarkdownBlock> yaml)
    {
        for (int i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].InAllSets) throw new HelpFormatException(file, yaml[i].Line, "-" + name + ": with several ```yaml blocks, each names its parameter sets (not (All))");
            if (blocks[i].Type != blocks[0].Type) throw new HelpFormatException(file, yaml[i].Line, "-" + name + ": every ```yaml block gives the same Type");
            var shared = blocks[i].ParameterSets.FirstOrDefault(set => blocks.Take(i).Any(b => b.ParameterSets.Contains(set)));
            if (shared != null) throw new HelpFormatException(file, yaml[i].Line, "-" + name + ": the parameter set " + shared + " is in two ```yaml blocks");
        }
        return blocks[0] with { ParameterSets = blocks.SelectMany(b => b.ParameterSets).ToList(), PerSet = blocks };
    }

    private static ParameterHelp ReadYaml(string file, string name, List<string> description, MarkdownBlock yaml)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = yaml.Text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            int line = yaml.Line + 1 + i;
            int colon = lines[i].IndexOf(':');
            string key = colon < 0 ? lines[i].Trim() : lines[i].Substring(0, colon).Trim();
            if (colon < 0 || !YamlKeys.Contains(key)) throw new HelpFormatException(file, line, "-" + name + ": unknown YAML line '" + lines[i].Trim() + "' (known keys: " + string.Join(", ", YamlKeys) + ")");
            if (values.ContainsKey(key)) throw new HelpFormatException(file, line, "-" + name + ": '" + key + "' is given twice");
            values[key] = lines[i].Substring(colon + 1).Trim();
            lineOf[key] = line;
        }
        foreach (string key in RequiredYamlKeys.Where(k => !values.ContainsKey(k) || values[k].Length == 0))
        {
            throw new HelpFormatException(file, yaml.Line, "-" + name + ": the YAML block has no '" + key + "'");
        }

        bool Flag(string key) => values[key] switch
        {
            "True" => true,
            "False" => false,
            _ => throw new HelpFormatException(file, lineOf[key], "-" + name + ": '" + key + "' is True or False, not '" + values[key] + "'"),
        };
        List<string> List(string key) => values.TryGetValue(key, out string? text)
            ? text.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList()
            : new List<string>();

        string position = values["Position"];
        if (position != "Named" && !(int.TryParse(position, out int number) && number >= 0))
        {
            throw new HelpFormatException(file, lineOf["Position"], "-" + name + ": 'Position' is Named or a number, not '" + position + "'");
        }
        if (!PipelineInput.IsMatch(values["Accept pipeline input"]))
        {
            throw new HelpFormatException(file, lineOf["Accept pipeline input"], "-" + name + ": 'Accept pipeline input' is False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue)");
        }
        var sets = values["Parameter Sets"] == "(All)" ? new List<string>() : List("Parameter Sets");
        return new ParameterHelp(
            name,
            description,
            values["Type"],
            sets,
            List("Aliases"),
            List("Accepted values"),
            Flag("Required"),
            position == "Named" ? "named" : position,
            values.TryGetValue("Default value", out string? defaultValue) && defaultValue.Length > 0 ? defaultValue : "None",
            values["Accept pipeline input"],
            Flag("Accept wildcard characters"));
    }

    /// <summary>Every set's syntax lists exactly the parameters whose YAML block puts them in that set.</summary>
    private static void CheckSyntaxAgainstParameters(string file, List<ReadSet> sets, List<ReadParameter> parameters, MarkdownSection parameterSection)
    {
        var setNames = sets.Select(s => s.Set.Name).ToList();
        foreach (var parameter in parameters)
        {
            foreach (string set in parameter.Help.ParameterSets.Where(s => !setNames.Contains(s)))
            {
                throw new HelpFormatException(file, parameter.Line, "-" + parameter.Help.Name + " is in the parameter set '" + set + "', which SYNTAX does not show (sets: " + string.Join(", ", setNames) + ")");
            }
        }
        foreach (var set in sets)
        {
            foreach (string listed in set.Set.ParameterNames)
            {
                var parameter = parameters.FirstOrDefault(p => string.Equals(p.Help.Name, listed, StringComparison.OrdinalIgnoreCase));
                if (parameter == null) throw new HelpFormatException(file, set.Line, "the syntax of " + set.Set.Name + " shows -" + listed + ", which has no '### -" + listed + "' in PARAMETERS");
                if (parameter.Help.Name != listed) throw new HelpFormatException(file, set.Line, "the syntax of " + set.Set.Name + " spells -" + listed + " as PARAMETERS does not (-" + parameter.Help.Name + ")");
                if (!parameter.Help.InAllSets && !parameter.Help.ParameterSets.Contains(set.Set.Name))
                {
                    throw new HelpFormatException(file, parameter.Line, "-" + listed + " is shown in the syntax of " + set.Set.Name + " but its 'Parameter Sets' do not name it");
                }
            }
            foreach (var parameter in parameters.Where(p => (p.Help.InAllSets || p.Help.ParameterSets.Contains(set.Set.Name)) && !set.Set.ParameterNames.Contains(p.Help.Name)))
            {
                throw new HelpFormatException(file, set.Line, "the syntax of " + set.Set.Name + " does not show -" + parameter.Help.Name + ", which its 'Parameter Sets' put in it");
            }
        }
        if (parameters.Count == 0 && parameterSection.Subsections.All(s => s.Heading != "CommonParameters"))
        {
            throw new HelpFormatException(file, parameterSection.Line, "'## PARAMETERS' is empty");
        }
    }

    private static List<TypeHelp> ReadTypes(string file, MarkdownSection section)
    {
        NoTextBeforeSubsections(file, section);
        return section.Subsections.Select(s => new TypeHelp(s.Heading, MarkdownBlocks.Paragraphs(file, s.Body))).ToList();
    }

    private static List<ExampleHelp> ReadExamples(string file, MarkdownSection section)
    {
        NoTextBeforeSubsections(file, section);
        var examples = new List<ExampleHelp>();
        foreach (var subsection in section.Subsections)
        {
            var blocks = MarkdownBlocks.Parse(file, subsection.Body);
            int firstCode = blocks.FindIndex(b => b.IsCode);
            if (firstCode < 0) throw new HelpFormatException(file, subsection.Line, "the example '" + subsection.Heading + "' has no code block");
            int lastCode = blocks.FindLastIndex(b => b.IsCode);
            var prose = blocks.Skip(firstCode).Take(lastCode - firstCode + 1).FirstOrDefault(b => !b.IsCode);
            if (prose != null) throw new HelpFormatException(file, prose.Line, "the example '" + subsection.Heading + "' has text between its code blocks; put the commands in one block");
            examples.Add(new ExampleHelp(
                subsection.Heading,
                blocks.Take(firstCode).Select(b => b.Text).ToList(),
                string.Join("\n\n", blocks.Skip(firstCode).Take(lastCode - firstCode + 1).Select(b => b.Text)),
                blocks.Skip(lastCode + 1).Select(b => b.Text).ToList()));
        }
        return examples;
    }

    private static List<RelatedLink> ReadLinks(string file, MarkdownSection section)
    {
        var links = new List<RelatedLink>();
        foreach (var line in Flatten(file, section).Where(l => !l.IsBlank))
        {
            var match = LinkLine.Match(line.Text.Trim());
            if (!match.Success) throw new HelpFormatException(file, line.Number, "RELATED LINKS holds one '[text](target)' link per line");
            string target = match.Groups[2].Value;
            // Get-Help -Online opens the first link with an address, and fails on one that is not absolute: a page
            // of this folder (Get-CsmEvent.md) is a name to look up, not an address.
            links.Add(new RelatedLink(match.Groups[1].Value, MarkdownBlocks.IsWebAddress(target) ? target : null));
        }
        return links;
    }
}
