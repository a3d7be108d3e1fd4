using System;
using System.IO;

namespace CsmEvents.Tests.Support;

/// <summary>Locates the repository root and the `../shared` reference folder that CI places beside it.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder that holds CsmEvents.slnx.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The shared reference folder (schemas, test suite, seeds) beside the repository.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static bool SharedExists => Directory.Exists(Shared);

    public static string Samples => Path.Combine(Root, "samples");

    public static string InRepo(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

    public static string InShared(params string[] parts) => Path.Combine(Shared, Path.Combine(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CsmEvents.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (no CsmEvents.slnx above " + AppContext.BaseDirectory + ").");
    }
}

/// <summary>A fact that needs ../shared: skipped, with the path it looked for, when that folder is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (!RepoPaths.SharedExists) Skip = "needs the shared reference folder, not found at " + RepoPaths.Shared;
    }
}

/// <summary>A theory that needs ../shared: skipped, with the path it looked for, when that folder is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (!RepoPaths.SharedExists) Skip = "needs the shared reference folder, not found at " + RepoPaths.Shared;
    }
}

/// <summary>A fact that needs one file of ../shared: skipped, with the path it looked for, when that file is absent.</summary>
public sealed class SharedFileFactAttribute : FactAttribute
{
    public SharedFileFactAttribute(params string[] parts)
    {
        string path = RepoPaths.InShared(parts);
        if (!File.Exists(path)) Skip = "needs " + path + " from the shared reference folder, not found";
    }
}
