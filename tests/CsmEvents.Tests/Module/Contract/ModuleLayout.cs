using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Module.Contract;

/// <summary>
/// The built module folder out/CsmEvents/ (laid out by the Module project's build, which the test project builds
/// first) and a MetadataLoadContext over it: the module assembly's attributes and references are read as metadata,
/// so System.Management.Automation (a reference stub here) never runs.
/// </summary>
public static class ModuleLayout
{
    private static readonly Lazy<MetadataLoadContext> ContextLazy = new(CreateContext);

    public static string Folder => RepoPaths.InRepo("out", "CsmEvents");

    public static string InLayout(params string[] parts) => Path.Combine(Folder, Path.Combine(parts));

    public static string DependenciesFolder => InLayout("Dependencies");

    /// <summary>The PowerShellStandard reference assembly the module compiles against.</summary>
    public static string SmaPath
    {
        get
        {
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(packages, "powershellstandard.library", "5.1.0-preview-06", "lib", "netstandard2.0", "System.Management.Automation.dll");
        }
    }

    public static MetadataLoadContext Context => ContextLazy.Value;

    /// <summary>CsmEvents.dll as metadata.</summary>
    public static Assembly ModuleAssembly => Context.LoadFromAssemblyPath(InLayout("CsmEvents.dll"));

    /// <summary>CsmEvents.Core.dll of the layout as metadata.</summary>
    public static Assembly CoreAssembly => Context.LoadFromAssemblyPath(InLayout("CsmEvents.Core.dll"));

    public static Assembly Sma => Context.LoadFromAssemblyPath(SmaPath);

    /// <summary>A type of the module, Core or PowerShell by full name, or null.</summary>
    public static Type? FindType(string fullName) =>
        ModuleAssembly.GetType(fullName) ?? CoreAssembly.GetType(fullName) ?? Sma.GetType(fullName) ?? FindFrameworkType(fullName);

    private static Type? FindFrameworkType(string fullName)
    {
        foreach (string name in new[] { "netstandard", "System.Runtime" })
        {
            var type = Context.LoadFromAssemblyName(name).GetType(fullName);
            if (type != null) return type;
        }
        return null;
    }

    private static MetadataLoadContext CreateContext()
    {
        Assert.True(File.Exists(InLayout("CsmEvents.dll")), "the module layout is missing: build src/CsmEvents.Module first (" + Folder + ")");
        Assert.True(File.Exists(SmaPath), "PowerShellStandard.Library 5.1.0-preview-06 is not restored at " + SmaPath);
        var paths = new List<string>();
        paths.AddRange(Directory.GetFiles(Folder, "*.dll"));
        paths.AddRange(Directory.GetFiles(DependenciesFolder, "*.dll"));
        paths.Add(SmaPath);
        // The runtime's assemblies resolve netstandard and framework types; the layout's own files come first so
        // that, for example, System.Text.Json 8 of Dependencies/ is the one read.
        var known = new HashSet<string>(paths.Select(p => Path.GetFileName(p)), StringComparer.OrdinalIgnoreCase);
        paths.AddRange(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll").Where(p => !known.Contains(Path.GetFileName(p))));
        return new MetadataLoadContext(new PathAssemblyResolver(paths));
    }
}
