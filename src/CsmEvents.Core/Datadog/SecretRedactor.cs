using System;
using System.Linq;
using System.Text;

namespace CsmEvents.Datadog;

/// <summary>
/// Last line of defence: replaces any key value found in a text (a server echoing a header, an exception
/// message) before it reaches verbose output, warnings or exceptions. The code never inserts keys on purpose.
/// Matching ignores case: a server may echo a key in upper case. Text is redacted before it is cut to an excerpt,
/// so that a key cut in two by the excerpt's end cannot show in part.
/// </summary>
internal sealed class SecretRedactor
{
    // Shorter values would blank ordinary words; real Datadog keys are 32 or 40 characters.
    private const int MinimumSecretLength = 8;
    private const string Replacement = "[redacted]";
    private readonly string[] _secrets;

    public SecretRedactor(params string[] secrets)
    {
        _secrets = secrets.Where(s => s is not null && s.Length >= MinimumSecretLength)
            .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(s => s.Length).ToArray();
        LongestSecret = _secrets.Length == 0 ? 0 : _secrets[0].Length;
    }

    /// <summary>A redactor with no secrets (for texts that cannot hold any).</summary>
    public static SecretRedactor None { get; } = new();

    /// <summary>The length of the longest secret; 0 when there is none.</summary>
    public int LongestSecret { get; }

    public string Redact(string text)
    {
        foreach (string secret in _secrets) text = ReplaceIgnoringCase(text, secret);
        return text;
    }

    /// <summary>
    /// The start of <paramref name="text"/> (decoded from the first bytes of a longer body), redacted. The last
    /// characters, where a key could begin and be cut by the window, are dropped first: what is left cannot hold a
    /// part of a key that redaction would miss.
    /// </summary>
    public string RedactWindow(string text, bool cut)
    {
        if (cut && LongestSecret > 0) text = text.Substring(0, Math.Max(0, text.Length - (LongestSecret - 1)));
        return Redact(text);
    }

    private static string ReplaceIgnoringCase(string text, string secret)
    {
        int found = text.IndexOf(secret, StringComparison.OrdinalIgnoreCase);
        if (found < 0) return text;
        var sb = new StringBuilder(text.Length);
        int start = 0;
        while (found >= 0)
        {
            sb.Append(text, start, found - start).Append(Replacement);
            start = found + secret.Length;
            found = text.IndexOf(secret, start, StringComparison.OrdinalIgnoreCase);
        }
        return sb.Append(text, start, text.Length - start).ToString();
    }
}
