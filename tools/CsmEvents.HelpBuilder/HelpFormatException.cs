using System;

namespace CsmEvents.HelpBuilder;

/// <summary>A help page the converter cannot turn into correct help: names the file and line, like a compiler.</summary>
public sealed class HelpFormatException : Exception
{
    public HelpFormatException(string file, int line, string reason)
        : base(file + "(" + line + "): " + reason)
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    public string File { get; }
    public int Line { get; }
    public string Reason { get; }

    /// <summary>The canonical error format MSBuild recognises in a tool's output (shown as a build error).</summary>
    public string ToMSBuildError() => File + "(" + Line + "): error CSMHELP1: " + Reason;
}
