using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>Stable identifiers of reading errors (the PowerShell error ids; documented in help).</summary>
public static class ReadErrorIds
{
    /// <summary>A record is not valid JSON (truncated line, stray text, bad escape).</summary>
    public const string InvalidJson = "InvalidJson";
    /// <summary>A record is valid JSON but not an object (an array, a string, a number).</summary>
    public const string NotAnObject = "NotAnObject";
    /// <summary>A record nests deeper than the reader accepts.</summary>
    public const string NestingTooDeep = "NestingTooDeep";
    /// <summary>A record holds bytes that are not UTF-8.</summary>
    public const string InvalidUtf8 = "InvalidUtf8";
    /// <summary>An object repeats a member name.</summary>
    public const string DuplicateProperty = "DuplicateProperty";
    /// <summary>A gzip stream is corrupt or truncated.</summary>
    public const string CorruptCompressedStream = "CorruptCompressedStream";
    /// <summary>A Datadog Logs API record or page has an unexpected shape.</summary>
    public const string InvalidDatadogEnvelope = "InvalidDatadogEnvelope";
    /// <summary>A path does not exist.</summary>
    public const string FileNotFound = "FileNotFound";
    /// <summary>A file could not be read (permissions, I/O error).</summary>
    public const string FileReadError = "FileReadError";
}

/// <summary>One problem with one record or input: where (<c>path:line</c>), why, and a stable id.</summary>
public sealed class ReadError
{
    public ReadError(string errorId, EventSource source, string reason)
    {
        ErrorId = errorId;
        Source = source;
        Reason = reason;
    }

    /// <summary>One of <see cref="ReadErrorIds"/>.</summary>
    public string ErrorId { get; }

    /// <summary>Where: path and 1-based line (and array index / Datadog log when known).</summary>
    public EventSource Source { get; }

    /// <summary>Why, in words a person understands.</summary>
    public string Reason { get; }

    /// <summary><c>PATH:LINE: reason</c>.</summary>
    public string Message => Source.Location + ": " + Reason;

    public override string ToString() => Message;
}
