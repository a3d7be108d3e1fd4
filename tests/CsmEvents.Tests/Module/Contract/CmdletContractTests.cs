using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace CsmEvents.Tests.Module.Contract;

/// <summary>
/// Rules every cmdlet class in CsmEvents.dll must follow, checked on the built assembly's metadata. New cmdlets are
/// covered automatically: each theory runs once per cmdlet class found.
/// </summary>
public class CmdletContractTests
{
    /// <summary>Verbs of commands that only read or convert: they must not support -WhatIf/-Confirm.</summary>
    private static readonly HashSet<string> ReadOnlyVerbs = new(StringComparer.Ordinal)
    {
        "Get", "Find", "Search", "Test", "Measure", "Compare", "Select", "ConvertTo", "ConvertFrom", "Format", "Read",
        "Resolve", "Show", "Watch", "Trace", "Group", "Join", "Split",
    };

    public static IEnumerable<object[]> Cmdlets() => CmdletMetadata.All().Select(c => new object[] { c.Name });

    [Fact]
    public void TheModuleHasTheFoundationCmdlets()
    {
        var names = CmdletMetadata.All().Select(c => c.Name).ToList();
        Assert.Contains("Get-CsmEvent", names);
        Assert.Contains("ConvertTo-CsmEvent", names);
        Assert.Contains("ConvertFrom-CsmEvent", names);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void VerbIsApproved(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        var approved = ModuleLayout.Sma.GetTypes()
            .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
            .ToHashSet();
        Assert.True(approved.Count > 90, "could not read the approved verbs from " + ModuleLayout.SmaPath);
        Assert.Contains(cmdlet.Verb, approved);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void ClassFollowsTheNamingAndLayoutConvention(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        Assert.Equal("CsmEvents.Commands", cmdlet.Type.Namespace);
        Assert.Equal(cmdlet.Verb + cmdlet.Noun + "Command", cmdlet.Type.Name);
        Assert.True(cmdlet.Type.IsSealed, name + " must be sealed");
        Assert.True(DerivesFrom(cmdlet.Type, "CsmEvents.Commands.CsmCmdlet"), name + " must derive from CsmCmdlet (sink, stop handling, Dispose)");
        Assert.True(System.IO.File.Exists(Support.RepoPaths.InRepo("src", "CsmEvents.Module", "Commands", cmdlet.Type.Name + ".cs")), "one cmdlet per file: src/CsmEvents.Module/Commands/" + cmdlet.Type.Name + ".cs");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void DeclaresOutputTypesThatExist(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        Assert.NotEmpty(cmdlet.OutputTypes);
        foreach (string type in cmdlet.OutputTypes) Assert.True(ModuleLayout.FindType(type) != null, name + ": output type " + type + " does not exist");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void DeclaresItsErrorIds(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        Assert.NotEmpty(cmdlet.ErrorIds);
        Assert.Equal(cmdlet.ErrorIds.Distinct().Count(), cmdlet.ErrorIds.Count);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void DefaultParameterSetExists(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        if (cmdlet.ParameterSets.Count > 1) Assert.Contains(cmdlet.DefaultParameterSet, cmdlet.ParameterSets);
        else if (cmdlet.DefaultParameterSet != null) Assert.Contains(cmdlet.DefaultParameterSet, cmdlet.ParameterSets);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void NoSetHasTwoPipelineByValueParametersOfOneType(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        var sets = cmdlet.ParameterSets.Count == 0 ? new[] { CmdletMetadata.AllSets } : cmdlet.ParameterSets.ToArray();
        foreach (string set in sets)
        {
            var byValue = cmdlet.InSet(set).Where(x => x.Entry.ValueFromPipeline).Select(x => x.Parameter).ToList();
            var duplicates = byValue.GroupBy(p => p.Type.FullName).Where(g => g.Count() > 1).Select(g => string.Join(", ", g)).ToList();
            Assert.True(duplicates.Count == 0, name + " set " + set + ": pipeline-by-value parameters of the same type: " + string.Join("; ", duplicates));
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void APipedStringBindsToOneParameterOnly(string name)
    {
        // With two sets taking strings by value, PowerShell binds a piped string to the default set's parameter,
        // so the other could never receive one (e.g. Get-Content lines read as file names).
        var cmdlet = CmdletMetadata.Named(name);
        var takesStrings = cmdlet.Parameters.Where(p => p.Sets.Any(s => s.ValueFromPipeline) && AcceptsStringWithoutConversion(p.Type)).ToList();
        Assert.True(takesStrings.Count <= 1, name + ": several parameters take piped strings by value: " + string.Join(", ", takesStrings));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void PositionsAreUniqueWithinEachSet(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        foreach (string set in cmdlet.ParameterSets.DefaultIfEmpty(CmdletMetadata.AllSets))
        {
            var positions = cmdlet.InSet(set).Where(x => x.Entry.Position != int.MinValue).GroupBy(x => x.Entry.Position).Where(g => g.Count() > 1).ToList();
            Assert.True(positions.Count == 0, name + " set " + set + " repeats a position");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void PathParametersFollowThePowerShellConvention(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        var path = cmdlet.Parameters.SingleOrDefault(p => p.Name == "Path");
        var literal = cmdlet.Parameters.SingleOrDefault(p => p.Name == "LiteralPath");
        Assert.Equal(path == null, literal == null);
        if (path == null || literal == null) return;
        Assert.True(path.SupportsWildcards, name + " -Path must have [SupportsWildcards]");
        Assert.Equal(typeof(string[]).FullName, path.Type.FullName);
        Assert.Contains(path.Sets, s => s.Position == 0 && s.ValueFromPipelineByPropertyName);
        Assert.False(literal.SupportsWildcards);
        // FullName: Select-Object FullName and Import-Csv of a file list bind as paths, not as event text.
        Assert.Equal(new[] { "PSPath", "LP", "FullName" }, literal.Aliases);
        Assert.All(literal.Sets, s => Assert.True(s.ValueFromPipelineByPropertyName, "-LiteralPath must bind by property name (Get-ChildItem | " + name + ")"));
        Assert.True(DerivesFrom(cmdlet.Type, "CsmEvents.Commands.PathInputCmdlet"), name + " must get -Path/-LiteralPath from PathInputCmdlet");
        foreach (string id in new[] { "PathNotFound", "NotFileSystemPath", "InvalidPath" }) Assert.Contains(id, cmdlet.ErrorIds);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void ReadOnlyCmdletsDoNotSupportShouldProcess(string name)
    {
        var cmdlet = CmdletMetadata.Named(name);
        if (ReadOnlyVerbs.Contains(cmdlet.Verb)) Assert.False(cmdlet.SupportsShouldProcess, name + " only reads: no -WhatIf/-Confirm");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void CompletersAreUsableArgumentCompleters(string name)
    {
        foreach (var parameter in CmdletMetadata.Named(name).Parameters.Where(p => p.Completer != null))
        {
            var completer = parameter.Completer!;
            Assert.True(completer.IsPublic && !completer.IsAbstract, completer + " must be a public concrete class");
            Assert.Contains(completer.GetInterfaces(), i => i.FullName == "System.Management.Automation.IArgumentCompleter");
            Assert.NotNull(completer.GetConstructor(Type.EmptyTypes));
        }
    }

    [Fact]
    public void GetCsmEventDeclaresEveryReadingErrorId()
    {
        var declared = CmdletMetadata.Named("Get-CsmEvent").ErrorIds;
        var readIds = ModuleLayout.CoreAssembly.GetType("CsmEvents.Reading.ReadErrorIds")!.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);
        foreach (string id in readIds) Assert.Contains(id, declared);
    }

    [Fact]
    public void GetCsmEventParameterSetsAreThoseOfTheIssue()
    {
        var cmdlet = CmdletMetadata.Named("Get-CsmEvent");
        Assert.Equal(new[] { "Datadog", "InputEvent", "InputObject", "LiteralPath", "Path" }, cmdlet.ParameterSets);
        Assert.Equal("Path", cmdlet.DefaultParameterSet);
        var input = cmdlet.Parameters.Single(p => p.Name == "InputObject");
        Assert.Equal(typeof(string[]).FullName, input.Type.FullName);
        Assert.True(input.Sets.Single().ValueFromPipeline);
        // Event objects piped in are filtered and passed on (not turned into text and read as JSON).
        var events = cmdlet.Parameters.Single(p => p.Name == "InputEvent");
        Assert.Equal("CsmEvents.Model.CsmEvent[]", events.Type.FullName);
        Assert.True(events.Sets.Single().ValueFromPipeline);
        foreach (string filter in new[] { "EventType", "Category", "Outcome", "RuleId", "After", "Before", "Platform" })
        {
            Assert.Equal(CmdletMetadata.AllSets, cmdlet.Parameters.Single(p => p.Name == filter).Sets.Single().SetName);
        }
        Assert.True(cmdlet.Parameters.Single(p => p.Name == "EventType").SupportsWildcards);
        Assert.True(cmdlet.Parameters.Single(p => p.Name == "RuleId").SupportsWildcards);
        Assert.Equal("CsmEvents.Completers.EventTypeCompleter", cmdlet.Parameters.Single(p => p.Name == "EventType").Completer!.FullName);
    }

    [Fact]
    public void GetCsmEventDatadogSetTakesKeysOnlyAsSecureStrings()
    {
        var cmdlet = CmdletMetadata.Named("Get-CsmEvent");
        var datadog = cmdlet.Parameters.Where(p => p.Sets.Any(s => s.SetName == "Datadog")).ToDictionary(p => p.Name);
        Assert.Equal(new[] { "AllSources", "ApiKey", "ApiUrl", "ApplicationKey", "From", "MaxEvents", "PageSize", "Query", "Site", "To" }, datadog.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.True(datadog["Query"].Sets.Single().Mandatory);
        Assert.Equal("System.Security.SecureString", datadog["ApiKey"].Type.FullName);
        Assert.Equal("System.Security.SecureString", datadog["ApplicationKey"].Type.FullName);
        Assert.Equal("CsmEvents.Datadog.DatadogTime", datadog["From"].Type.FullName);
        Assert.Equal("CsmEvents.Datadog.DatadogTime", datadog["To"].Type.FullName);
        Assert.All(datadog.Values, p => Assert.Equal("Datadog", p.Sets.Single().SetName));
        Assert.DoesNotContain(cmdlet.Parameters, p => p.Type.FullName == "System.String" && p.Name.Contains("Key", StringComparison.Ordinal));
        var recurse = cmdlet.Parameters.Single(p => p.Name == "Recurse");
        Assert.DoesNotContain(recurse.Sets, s => s.SetName == "Datadog");
    }

    [Fact]
    public void TestCsmEventTakesEventsAndTextButLeavesFilesToLiteralPath()
    {
        var cmdlet = CmdletMetadata.Named("Test-CsmEvent");
        Assert.Equal(new[] { "Datadog", "InputObject", "LiteralPath", "Path" }, cmdlet.ParameterSets);
        Assert.Equal("Path", cmdlet.DefaultParameterSet);
        var input = cmdlet.Parameters.Single(p => p.Name == "InputObject");
        Assert.Equal("System.Management.Automation.PSObject", input.Type.FullName);
        Assert.True(input.Sets.Single().ValueFromPipeline);
        // A PSObject parameter takes any piped object in PowerShell's first binding pass; the transformation
        // refuses what is neither an event nor text, so a FileInfo reaches -LiteralPath in the second pass.
        var property = cmdlet.Type.GetProperty("InputObject")!;
        Assert.Contains(property.GetCustomAttributesData(), a => a.AttributeType.FullName == "CsmEvents.Hosting.EventOrTextAttribute");
        Assert.Equal("System.Management.Automation.ArgumentTransformationAttribute", ModuleLayout.ModuleAssembly.GetType("CsmEvents.Hosting.EventOrTextAttribute")!.BaseType!.FullName);
        Assert.Equal("CsmEvents.Completers.SchemaNameCompleter", cmdlet.Parameters.Single(p => p.Name == "Schema").Completer!.FullName);
        Assert.Equal(new[] { "Boolean", "CsmValidationResult", "CsmDriftSummary" }, cmdlet.OutputTypes.Select(t => t.Substring(t.LastIndexOf('.') + 1)));
        foreach (string name in new[] { "Summary", "BaselinePath", "UpdateBaseline", "JUnitPath", "Schema", "Detailed" })
        {
            Assert.Equal(CmdletMetadata.AllSets, cmdlet.Parameters.Single(p => p.Name == name).Sets.Single().SetName);
        }
    }

    [Fact]
    public void TestCsmEventReadsDatadogWithTheParametersOfGetCsmEvent()
    {
        // One base class declares them, so the two cmdlets cannot drift apart.
        static IEnumerable<string> Datadog(string name) => CmdletMetadata.Named(name).Parameters
            .Where(p => p.Sets.Any(s => s.SetName == "Datadog") && p.Sets.All(s => s.SetName == "Datadog"))
            .Select(p => p.Name + ":" + p.Type.FullName + ":" + p.Sets.Single().Mandatory).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(Datadog("Get-CsmEvent"), Datadog("Test-CsmEvent"));
        Assert.Equal(10, Datadog("Test-CsmEvent").Count());
        var declared = CmdletMetadata.Named("Test-CsmEvent").ErrorIds;
        foreach (string id in CmdletMetadata.Named("Get-CsmEvent").ErrorIds) Assert.Contains(id, declared);
    }

    [Fact]
    public void SaveCsmSchemaWritesFilesSoItSupportsWhatIfAndConfirm()
    {
        var cmdlet = CmdletMetadata.Named("Save-CsmSchema");
        Assert.True(cmdlet.SupportsShouldProcess);
        var version = cmdlet.Parameters.Single(p => p.Name == "AgentVersion");
        Assert.Equal(typeof(string[]).FullName, version.Type.FullName);
        Assert.True(version.Sets.Single().Mandatory);
        Assert.Equal(0, version.Sets.Single().Position);
        Assert.True(version.Sets.Single().ValueFromPipeline);
        Assert.Equal(new[] { "CsmEvents.Schema.Cache.CachedSchemaInfo" }, cmdlet.OutputTypes);
    }

    [Fact]
    public void GetCsmProcessTreeReadsEventsOrFiles()
    {
        var cmdlet = CmdletMetadata.Named("Get-CsmProcessTree");
        Assert.Equal(new[] { "InputObject", "LiteralPath", "Path" }, cmdlet.ParameterSets);
        var input = cmdlet.Parameters.Single(p => p.Name == "InputObject");
        Assert.Equal("CsmEvents.Model.CsmEvent[]", input.Type.FullName);
        Assert.Equal(typeof(long[]).FullName, cmdlet.Parameters.Single(p => p.Name == "ProcessId").Type.FullName);
        Assert.True(cmdlet.Parameters.Single(p => p.Name == "Name").SupportsWildcards);
        Assert.Equal(new[] { "Host" }, cmdlet.Parameters.Single(p => p.Name == "HostName").Aliases);
        var format = cmdlet.Type.GetProperty("Format")!.GetCustomAttributesData().Single(a => a.AttributeType.FullName == "System.Management.Automation.ValidateSetAttribute");
        var values = ((IEnumerable<CustomAttributeTypedArgument>)format.ConstructorArguments[0].Value!).Select(a => (string)a.Value!);
        Assert.Equal(new[] { "Dot", "Mermaid", "Json" }, values);
    }

    [Fact]
    public void ExportCsmReportWritesAFileAsPowerShellUsersExpect()
    {
        var cmdlet = CmdletMetadata.Named("Export-CsmReport");
        Assert.Equal(new[] { "InputObject", "LiteralPath", "Path" }, cmdlet.ParameterSets);
        Assert.Equal("InputObject", cmdlet.DefaultParameterSet);
        Assert.True(cmdlet.SupportsShouldProcess, "Export- writes a file: -WhatIf and -Confirm");
        Assert.Equal("CsmEvents.Model.CsmEvent[]", cmdlet.Parameters.Single(p => p.Name == "InputObject").Type.FullName);
        // `events | Export-CsmReport FILE` and `Export-CsmReport -Path IN FILE`: the output is the first positional
        // argument when the events come from the pipeline, the second after -Path.
        var outFile = cmdlet.Parameters.Single(p => p.Name == "OutFile");
        Assert.Equal(new[] { ("InputObject", 0), ("LiteralPath", 0), ("Path", 1) }, outFile.Sets.Select(s => (s.SetName, s.Position)).OrderBy(s => s.SetName));
        Assert.All(outFile.Sets, s => Assert.True(s.Mandatory));
        foreach (string name in new[] { "Force", "NoClobber", "PassThru", "Validate", "IgnoreAdditionalProperties" })
        {
            Assert.Equal("System.Management.Automation.SwitchParameter", cmdlet.Parameters.Single(p => p.Name == name).Type.FullName);
        }
        Assert.Equal(new[] { "NoOverwrite" }, cmdlet.Parameters.Single(p => p.Name == "NoClobber").Aliases);
        Assert.Equal("CsmEvents.Completers.SchemaNameCompleter", cmdlet.Parameters.Single(p => p.Name == "Schema").Completer!.FullName);
        Assert.Equal(new[] { "System.IO.FileInfo" }, cmdlet.OutputTypes);
    }

    [Fact]
    public void ConvertFromCsmEventChoosesItsFormatWithAs()
    {
        var cmdlet = CmdletMetadata.Named("ConvertFrom-CsmEvent");
        var format = cmdlet.Parameters.Single(p => p.Name == "As");
        Assert.Equal("CsmEvents.Export.EventTextFormat", format.Type.FullName);
        Assert.Equal(new[] { "Json", "Timesketch", "Csv", "DatadogLog" }, format.Type.GetEnumNames());
    }

    [Fact]
    public void GetCsmSchemaCompletesAndTakesWildcards()
    {
        var name = CmdletMetadata.Named("Get-CsmSchema").Parameters.Single(p => p.Name == "Name");
        Assert.True(name.SupportsWildcards);
        Assert.Equal("CsmEvents.Completers.EmbeddedSchemaCompleter", name.Completer!.FullName);
    }

    [Fact]
    public void ErrorCategoriesOfCoreAllExistInPowerShell()
    {
        var powerShell = ModuleLayout.Sma.GetType("System.Management.Automation.ErrorCategory")!.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToHashSet();
        var core = ModuleLayout.CoreAssembly.GetType("CsmEvents.Commands.CsmErrorCategory")!.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToList();
        Assert.NotEmpty(core);
        foreach (string name in core) Assert.Contains(name, powerShell);
    }

    private static bool AcceptsStringWithoutConversion(Type type)
    {
        string? name = type.FullName;
        return name == "System.String" || name == "System.String[]" || name == "System.Object" || name == "System.Object[]" ||
               name == "System.Management.Automation.PSObject" || name == "System.Management.Automation.PSObject[]";
    }

    internal static bool DerivesFrom(Type type, string baseFullName)
    {
        for (var t = type.BaseType; t != null; t = t.BaseType)
        {
            if (t.FullName == baseFullName) return true;
        }
        return false;
    }
}
