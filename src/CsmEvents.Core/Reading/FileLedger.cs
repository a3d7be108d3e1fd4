using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace CsmEvents.Reading;

/// <summary>
/// The files one command has read, by full path, so that each file is read once however often it is reached: a
/// folder and its files both piped (<c>Get-ChildItem -Recurse | Get-CsmEvent</c>), a folder and a file in it both
/// given, Get-Content lines that each carry their file's path. Paths compare as the file system does (ignoring case
/// on Windows and macOS).
/// </summary>
public sealed class FileLedger
{
    /// <summary>How the file system compares paths: ignoring case on Windows and macOS.</summary>
    internal static readonly StringComparer PathComparer =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly HashSet<string> _read = new(PathComparer);

    /// <summary>True the first time a file is named (it is to be read now); false when it was read before.</summary>
    public bool TryClaim(string path) => _read.Add(FullPath(path));

    /// <summary>The absolute, normalised form of a path ("." and ".." resolved), or the path itself when it has none.</summary>
    public static string FullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException || ex is System.Security.SecurityException)
        {
            return path;
        }
    }
}
