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
    /// <summary>A string holds half of a UTF-16 surrogate pair (an escape such as \ud800, or an unpaired code unit in
    /// UTF-16 input): valid JSON text, but not a character, so no text value can hold it.</summary>
    public const string LoneSurrogate = "LoneSurrogate";
    /// <summary>A record is larger than the record-size limit; it is skipped and reading goes on after it.</summary>
    public const string RecordTooLarge = "RecordTooLarge";
    /// <summary>An input holds no JSON at all (a text document, a binary file): one error for the whole input.</summary>
    public const string NotJson = "NotJson";
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
