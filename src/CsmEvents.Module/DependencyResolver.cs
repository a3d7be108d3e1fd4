using System;
using System.IO;
using System.Reflection;

namespace CsmEvents;

/// <summary>
/// Serves System.Text.Json and its netstandard2.0 closure from the module's <c>Dependencies/</c> folder on Windows
/// PowerShell 5.1, where .NET Framework has no copy of them and no binding redirects apply. It answers only for an
/// assembly whose file is in that folder, at the version asked for or newer, so it never hands out something another
/// module expects from elsewhere. On PowerShell 7.4+ the runtime's own (newer) assemblies satisfy every request
/// before this handler is asked.
/// </summary>
internal static class DependencyResolver
{
    private static readonly object Gate = new();
    private static string? _folder;

    /// <summary>Starts answering resolve requests from <paramref name="folder"/> (idempotent).</summary>
    public static void Register(string folder)
    {
        lock (Gate)
        {
            if (_folder != null) return;
            _folder = folder;
            AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
        }
    }

    /// <summary>Stops answering (Remove-Module).</summary>
    public static void Unregister()
    {
        lock (Gate)
        {
            if (_folder == null) return;
            AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            _folder = null;
        }
    }

    private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        string? path = FindInFolder(_folder, args.Name);
        return path == null ? null : Assembly.LoadFrom(path);
    }

    /// <summary>The file in <paramref name="folder"/> that satisfies the requested assembly name, or null: the
    /// simple name must be a plain file name there, and the file's version at least the requested one.</summary>
    internal static string? FindInFolder(string? folder, string requestedName)
    {
        if (folder == null) return null;
        AssemblyName requested;
        try
        {
            requested = new AssemblyName(requestedName);
        }
        catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException)
        {
            return null;
        }
        string? name = requested.Name;
        if (string.IsNullOrEmpty(name) || name!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains("..")) return null;
        string path = Path.Combine(folder, name + ".dll");
        if (!File.Exists(path)) return null;
        if (requested.Version != null && AssemblyName.GetAssemblyName(path).Version < requested.Version) return null;
        return path;
    }
}
