using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace CsmEvents.Tests.Module.Contract;

/// <summary>The assemblies shipped for Windows PowerShell 5.1 and the handler that serves them.</summary>
public class DependencyTests
{
    private static readonly Version MaxSystemTextJson = new(8, 0, 0, 0);

    [Theory]
    [InlineData("CsmEvents.dll")]
    [InlineData("CsmEvents.Core.dll")]
    public void SystemTextJsonReferenceIsAtMost8(string file)
    {
        var assembly = ModuleLayout.Context.LoadFromAssemblyPath(ModuleLayout.InLayout(file));
        foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name == "System.Text.Json"))
        {
            Assert.True(reference.Version! <= MaxSystemTextJson, file + " references System.Text.Json " + reference.Version + ": PowerShell 7.4 ships 8.0 and cannot load a newer one");
        }
        var shipped = AssemblyName.GetAssemblyName(Path.Combine(ModuleLayout.DependenciesFolder, "System.Text.Json.dll"));
        Assert.Equal(MaxSystemTextJson, shipped.Version);
    }

    [Fact]
    public void DependenciesHoldTheWholeClosureOfTheModuleOnNetStandard()
    {
        // Everything the module's assemblies reference, directly or through Dependencies/, except netstandard itself,
        // PowerShell (supplied by the host) and the module's own assemblies, must be there at the referenced version or newer.
        var provided = Directory.GetFiles(ModuleLayout.DependenciesFolder, "*.dll").ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => AssemblyName.GetAssemblyName(p).Version!, StringComparer.OrdinalIgnoreCase);
        var hostProvided = new[] { "netstandard", "System.Management.Automation", "CsmEvents", "CsmEvents.Core", "mscorlib" };
        var toVisit = new[] { ModuleLayout.InLayout("CsmEvents.dll"), ModuleLayout.InLayout("CsmEvents.Core.dll") }.Concat(Directory.GetFiles(ModuleLayout.DependenciesFolder, "*.dll"));
        var missing = (from file in toVisit
                       from reference in ModuleLayout.Context.LoadFromAssemblyPath(file).GetReferencedAssemblies()
                       where !hostProvided.Contains(reference.Name, StringComparer.OrdinalIgnoreCase)
                       where !provided.TryGetValue(reference.Name!, out var version) || version < reference.Version
                       select Path.GetFileName(file) + " -> " + reference.FullName).Distinct().ToList();
        Assert.True(missing.Count == 0, "missing from Dependencies/: " + string.Join("; ", missing));
        Assert.Contains("System.Memory", provided.Keys);
        Assert.DoesNotContain("CsmEvents.Core", provided.Keys);
    }

    [Fact]
    public void TheResolveHandlerAnswersOnlyForFilesOfTheDependenciesFolderAtTheVersionAsked()
    {
        // DependencyResolver uses no PowerShell type, so the built assembly can run it in an isolated context.
        var context = new AssemblyLoadContext("module-under-test", isCollectible: true);
        try
        {
            var module = context.LoadFromAssemblyPath(ModuleLayout.InLayout("CsmEvents.dll"));
            var find = module.GetType("CsmEvents.DependencyResolver", throwOnError: true)!.GetMethod("FindInFolder", BindingFlags.NonPublic | BindingFlags.Static)!;
            string? Find(string name) => (string?)find.Invoke(null, new object?[] { ModuleLayout.DependenciesFolder, name });

            Assert.Equal(Path.Combine(ModuleLayout.DependenciesFolder, "System.Text.Json.dll"), Find("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"));
            Assert.Equal(Path.Combine(ModuleLayout.DependenciesFolder, "System.Memory.dll"), Find("System.Memory, Version=4.0.1.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"));
            Assert.Null(Find("System.Text.Json, Version=9.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"));
            Assert.Null(Find("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed"));
            Assert.Null(Find("CsmEvents.Core"));
            Assert.Null(Find("..\\CsmEvents"));
            Assert.Null(Find("not an assembly name,,,="));
        }
        finally
        {
            context.Unload();
        }
    }
}
