using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Module.Contract;

/// <summary>The manifest and the module folder as PowerShell would import them.</summary>
public class ManifestTests
{
    private static Dictionary<string, object?> Manifest(string path) => Psd1Reader.Read(File.ReadAllText(path));

    private static IReadOnlyList<string> Strings(object? value) => value switch
    {
        null => Array.Empty<string>(),
        string s => new[] { s },
        List<object?> list => list.Cast<string>().ToList(),
        _ => throw new InvalidOperationException("not a string or array: " + value),
    };

    [Fact]
    public void TheLayoutHoldsTheManifestThatTheRepositoryHolds()
    {
        Assert.Equal(File.ReadAllText(RepoPaths.InRepo("CsmEvents.psd1")), File.ReadAllText(ModuleLayout.InLayout("CsmEvents.psd1")));
    }

    [Fact]
    public void ExportsExactlyTheCmdletClassesOfTheAssembly()
    {
        var manifest = Manifest(ModuleLayout.InLayout("CsmEvents.psd1"));
        var exported = Strings(manifest["CmdletsToExport"]).OrderBy(s => s, StringComparer.Ordinal);
        var cmdlets = CmdletMetadata.All().Select(c => c.Name).OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(cmdlets, exported);
        Assert.Empty(Strings(manifest["FunctionsToExport"]));
        Assert.Empty(Strings(manifest["AliasesToExport"]));
        Assert.Empty(Strings(manifest["VariablesToExport"]));
    }

    [Fact]
    public void VersionIsTheAssemblyVersion()
    {
        var manifest = Manifest(ModuleLayout.InLayout("CsmEvents.psd1"));
        string props = XDocument.Load(RepoPaths.InRepo("Directory.Build.props")).Descendants("Version").Single().Value;
        Assert.Equal(props, manifest["ModuleVersion"]);
        var assembly = ModuleLayout.ModuleAssembly.GetName().Version!;
        Assert.Equal(new Version(props).ToString(3), assembly.ToString(3));
    }

    [Fact]
    public void RunsOnWindowsPowerShellAndPowerShell7()
    {
        var manifest = Manifest(ModuleLayout.InLayout("CsmEvents.psd1"));
        Assert.Equal("CsmEvents.dll", manifest["RootModule"]);
        Assert.Equal(new[] { "Core", "Desktop" }, Strings(manifest["CompatiblePSEditions"]));
        Assert.Equal("5.1", manifest["PowerShellVersion"]);
        Assert.True(Guid.TryParse((string)manifest["GUID"]!, out _));
        Assert.False(manifest.ContainsKey("RequiredAssemblies"), "Dependencies/ must be served by the resolve handler, not loaded by the manifest");
        Assert.False(manifest.ContainsKey("NestedModules"));
    }

    [Fact]
    public void PublishingDataIsComplete()
    {
        var manifest = Manifest(ModuleLayout.InLayout("CsmEvents.psd1"));
        var psData = (Dictionary<string, object?>)((Dictionary<string, object?>)manifest["PrivateData"]!)["PSData"]!;
        var tags = Strings(psData["Tags"]);
        Assert.Contains("PSEdition_Core", tags);
        Assert.Contains("PSEdition_Desktop", tags);
        Assert.All(tags, t => Assert.DoesNotContain(" ", t));
        Assert.StartsWith("https://", (string)psData["ProjectUri"]!);
        Assert.StartsWith("https://", (string)psData["LicenseUri"]!);
        Assert.StartsWith((string)manifest["ModuleVersion"]! + ":", (string)psData["ReleaseNotes"]!);
    }

    [Fact]
    public void EveryFileTheManifestNamesIsInTheLayoutAndEveryViewFileIsNamed()
    {
        var manifest = Manifest(ModuleLayout.InLayout("CsmEvents.psd1"));
        var named = new List<string> { (string)manifest["RootModule"]! };
        named.AddRange(Strings(manifest["FormatsToProcess"]));
        named.AddRange(Strings(manifest["TypesToProcess"]));
        foreach (string file in named) Assert.True(File.Exists(ModuleLayout.InLayout(file)), "the manifest names " + file + ", missing from " + ModuleLayout.Folder);
        var ps1xml = Directory.GetFiles(ModuleLayout.Folder, "*.ps1xml").Select(Path.GetFileName);
        Assert.Equal(ps1xml.OrderBy(s => s), named.Where(n => n.EndsWith(".ps1xml", StringComparison.Ordinal)).OrderBy(s => s));
        Assert.Equal(new[] { "CsmEvents.Format.ps1xml" }, Strings(manifest["FormatsToProcess"]));
        Assert.Equal(new[] { "CsmEvents.Types.ps1xml" }, Strings(manifest["TypesToProcess"]));
    }

    [Fact]
    public void TheLayoutHasEveryFileAnImportNeeds()
    {
        foreach (string file in new[] { "CsmEvents.psd1", "CsmEvents.dll", "CsmEvents.Core.dll", "CsmEvents.Format.ps1xml", "CsmEvents.Types.ps1xml", Path.Combine("en-US", "about_CsmEvents.help.txt"), Path.Combine("Dependencies", "System.Text.Json.dll") })
        {
            Assert.True(File.Exists(ModuleLayout.InLayout(file)), file + " is missing from " + ModuleLayout.Folder);
        }
        Assert.False(File.Exists(ModuleLayout.InLayout("System.Management.Automation.dll")));
        Assert.False(File.Exists(Path.Combine(ModuleLayout.DependenciesFolder, "System.Management.Automation.dll")));
        Assert.Equal(File.ReadAllText(RepoPaths.InRepo("docs", "cmdlets", "about_CsmEvents.help.txt")), File.ReadAllText(ModuleLayout.InLayout("en-US", "about_CsmEvents.help.txt")));
    }

    [Fact]
    public void ReaderUnderstandsTheManifestSyntaxItClaims()
    {
        var parsed = Psd1Reader.Read("@{ A = 'x''y' # c\n B = @('1', '2'\n '3'); C = @{ D = $true }; E = @() <# block #> }");
        Assert.Equal("x'y", parsed["A"]);
        Assert.Equal(new object?[] { "1", "2", "3" }, (List<object?>)parsed["B"]!);
        Assert.Equal(true, ((Dictionary<string, object?>)parsed["C"]!)["D"]);
        Assert.Empty((List<object?>)parsed["E"]!);
        Assert.Throws<FormatException>(() => Psd1Reader.Read("@{ A = \"$env:x\" }"));
    }
}
