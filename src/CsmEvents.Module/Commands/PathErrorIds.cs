namespace CsmEvents.Commands;

/// <summary>Stable ids of the errors a path-reading cmdlet writes while resolving -Path and -LiteralPath.</summary>
public static class PathErrorIds
{
    /// <summary>A path without wildcards names nothing (a wildcard matching nothing is silent).</summary>
    public const string PathNotFound = "PathNotFound";

    /// <summary>A path is on another provider than the file system (Env:, HKLM:, Cert:, ...).</summary>
    public const string NotFileSystemPath = "NotFileSystemPath";

    /// <summary>A path cannot be resolved at all (bad wildcard pattern, unknown provider, illegal characters).</summary>
    public const string InvalidPath = "InvalidPath";
}
