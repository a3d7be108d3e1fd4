using System.Collections.Generic;

namespace CsmEvents.HelpBuilder;

/// <summary>
/// The help of one cmdlet as its markdown page states it. Text is a list of paragraphs: prose with its soft line
/// breaks joined (Get-Help wraps it to the console), code and table rows as written.
/// </summary>
public sealed record CommandHelp(
    string Name,
    IReadOnlyList<string> Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<SyntaxSet> Syntax,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<RelatedLink> RelatedLinks,
    string? OnlineVersion,
    string? ExternalHelpFile)
{
    public string Verb => Name.Substring(0, Name.IndexOf('-'));
    public string Noun => Name.Substring(Name.IndexOf('-') + 1);
}

/// <summary>One "### SetName" of SYNTAX: the parameters in the order its code block lists them.</summary>
public sealed record SyntaxSet(string Name, bool IsDefault, IReadOnlyList<string> ParameterNames);

/// <summary>One "### -Name" of PARAMETERS, with the facts of its YAML block.</summary>
public sealed record ParameterHelp(
    string Name,
    IReadOnlyList<string> Description,
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool AcceptsWildcards)
{
    /// <summary>"(All)" in the YAML block: the parameter is in every set.</summary>
    public bool InAllSets => ParameterSets.Count == 0;

    /// <summary>
    /// One entry per ```yaml block when the page gives several (PlatyPS's form for a parameter whose position or
    /// required flag differs between parameter sets); empty for one block. This record then holds the first block's
    /// facts, with <see cref="ParameterSets"/> naming the sets of every block.
    /// </summary>
    public IReadOnlyList<ParameterHelp> PerSet { get; init; } = System.Array.Empty<ParameterHelp>();

    /// <summary>The facts of this parameter in one parameter set: the block that names the set.</summary>
    public ParameterHelp ForSet(string set)
    {
        foreach (var block in PerSet)
        {
            if (block.InAllSets || System.Linq.Enumerable.Contains(block.ParameterSets, set)) return block;
        }
        return this;
    }

    public bool IsSwitch => Type == "SwitchParameter";
}

/// <summary>One "### TypeName" of INPUTS or OUTPUTS.</summary>
public sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

/// <summary>One "### Example N: title": text before the code, the code blocks, text after them.</summary>
public sealed record ExampleHelp(string Title, IReadOnlyList<string> Introduction, string Code, IReadOnlyList<string> Remarks);

/// <summary>One link of RELATED LINKS; <see cref="Uri"/> only for absolute web addresses.</summary>
public sealed record RelatedLink(string Text, string? Uri);
