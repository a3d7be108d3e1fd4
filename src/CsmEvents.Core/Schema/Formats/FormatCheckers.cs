using System;
using System.Collections.Generic;

namespace CsmEvents.Schema.Formats;

/// <summary>
/// The formats this engine can assert. Every other format name (including Datadog's custom "ValidInode")
/// stays an annotation: it never produces an error, as the JSON Schema specifications require for unknown formats.
/// </summary>
internal static class FormatCheckers
{
    private static readonly Dictionary<string, Func<string, bool>> Checkers = new(StringComparer.Ordinal)
    {
        ["date-time"] = Rfc3339.IsDateTime,
        ["date"] = Rfc3339.IsDate,
        ["time"] = Rfc3339.IsTime,
    };

    /// <summary>The words used in messages ("... is not a valid date-time (RFC 3339)").</summary>
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["date-time"] = "date-time (RFC 3339)",
        ["date"] = "date (RFC 3339 full-date)",
        ["time"] = "time (RFC 3339 full-time)",
    };

    public static Func<string, bool>? Find(string format) => Checkers.TryGetValue(format, out var checker) ? checker : null;

    public static string Describe(string format) => Descriptions.TryGetValue(format, out var words) ? words : format;
}
