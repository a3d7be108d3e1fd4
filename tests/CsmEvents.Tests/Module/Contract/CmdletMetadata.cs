using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace CsmEvents.Tests.Module.Contract;

/// <summary>What PowerShell would learn about one cmdlet class, read from its attributes as metadata.</summary>
public sealed class CmdletMetadata
{
    public const string AllSets = "__AllParameterSets";

    private CmdletMetadata(Type type)
    {
        Type = type;
        var cmdlet = Attribute(type.GetCustomAttributesData(), "System.Management.Automation.CmdletAttribute")!;
        Verb = (string)cmdlet.ConstructorArguments[0].Value!;
        Noun = (string)cmdlet.ConstructorArguments[1].Value!;
        DefaultParameterSet = Named<string>(cmdlet, "DefaultParameterSetName");
        SupportsShouldProcess = Named<bool?>(cmdlet, "SupportsShouldProcess") ?? false;
        OutputTypes = type.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
            .Select(v => v is Type t ? t.FullName! : (string)v!)
            .ToList();
        var errorIds = Attribute(type.GetCustomAttributesData(), "CsmEvents.Commands.ErrorIdsAttribute");
        ErrorIds = errorIds == null ? new List<string>() : ((IEnumerable<CustomAttributeTypedArgument>)errorIds.ConstructorArguments[0].Value!).Select(a => (string)a.Value!).ToList();
        Parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => CmdletParameter.From(p))
            .Where(p => p != null)
            .Select(p => p!)
            .ToList();
    }

    public Type Type { get; }
    public string Verb { get; }
    public string Noun { get; }
    public string Name => Verb + "-" + Noun;
    public string? DefaultParameterSet { get; }
    public bool SupportsShouldProcess { get; }
    public IReadOnlyList<string> OutputTypes { get; }
    public IReadOnlyList<string> ErrorIds { get; }
    public IReadOnlyList<CmdletParameter> Parameters { get; }

    /// <summary>The named parameter sets (PowerShell's implicit all-sets entry excluded).</summary>
    public IReadOnlyList<string> ParameterSets => Parameters.SelectMany(p => p.Sets.Select(s => s.SetName)).Where(s => s != AllSets).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();

    /// <summary>The parameters available in one set (those of all sets included).</summary>
    public IEnumerable<(CmdletParameter Parameter, ParameterSetEntry Entry)> InSet(string set) =>
        Parameters.SelectMany(p => p.Sets.Where(s => s.SetName == set || s.SetName == AllSets).Select(s => (p, s)));

    public static IReadOnlyList<CmdletMetadata> All() => ModuleLayout.ModuleAssembly.GetTypes()
        .Where(t => t.IsClass && t.IsPublic && !t.IsAbstract && Attribute(t.GetCustomAttributesData(), "System.Management.Automation.CmdletAttribute") != null)
        .Select(t => new CmdletMetadata(t))
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToList();

    public static CmdletMetadata Named(string name) => All().Single(c => c.Name == name);

    public override string ToString() => Name;

    internal static CustomAttributeData? Attribute(IEnumerable<CustomAttributeData> attributes, string fullName) =>
        attributes.FirstOrDefault(a => a.AttributeType.FullName == fullName);

    internal static T? Named<T>(CustomAttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.MemberName == name) return (T?)argument.TypedValue.Value;
        }
        return default;
    }
}

/// <summary>One cmdlet parameter: its type, aliases and one entry per [Parameter] attribute (per set).</summary>
public sealed class CmdletParameter
{
    public string Name { get; private init; } = "";
    public Type Type { get; private init; } = null!;
    public IReadOnlyList<string> Aliases { get; private init; } = Array.Empty<string>();
    public bool SupportsWildcards { get; private init; }
    public Type? Completer { get; private init; }
    public IReadOnlyList<ParameterSetEntry> Sets { get; private init; } = Array.Empty<ParameterSetEntry>();

    internal static CmdletParameter? From(PropertyInfo property)
    {
        var attributes = property.GetCustomAttributesData();
        var sets = attributes.Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute").Select(a => new ParameterSetEntry(
            CmdletMetadata.Named<string>(a, "ParameterSetName") ?? CmdletMetadata.AllSets,
            CmdletMetadata.Named<bool?>(a, "Mandatory") ?? false,
            CmdletMetadata.Named<int?>(a, "Position") ?? int.MinValue,
            CmdletMetadata.Named<bool?>(a, "ValueFromPipeline") ?? false,
            CmdletMetadata.Named<bool?>(a, "ValueFromPipelineByPropertyName") ?? false)).ToList();
        if (sets.Count == 0) return null;
        var alias = CmdletMetadata.Attribute(attributes, "System.Management.Automation.AliasAttribute");
        var completer = CmdletMetadata.Attribute(attributes, "System.Management.Automation.ArgumentCompleterAttribute");
        return new CmdletParameter
        {
            Name = property.Name,
            Type = property.PropertyType,
            Aliases = alias == null ? Array.Empty<string>() : ((IEnumerable<CustomAttributeTypedArgument>)alias.ConstructorArguments[0].Value!).Select(a => (string)a.Value!).ToList(),
            SupportsWildcards = CmdletMetadata.Attribute(attributes, "System.Management.Automation.SupportsWildcardsAttribute") != null,
            Completer = completer?.ConstructorArguments[0].Value as Type,
            Sets = sets,
        };
    }

    public override string ToString() => Name;
}

public sealed record ParameterSetEntry(string SetName, bool Mandatory, int Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);
