using System;
using System.Linq;

namespace CsmEvents.Datadog;

/// <summary>
/// Last line of defence: replaces any key value found in a text (a server echoing a header, an exception
/// message) before it reaches verbose output, warnings or exceptions. The code never inserts keys on purpose.
/// </summary>
internal sealed class SecretRedactor
{
    // Shorter values would blank ordinary words; real Datadog keys are 32 or 40 characters.
    private const int MinimumSecretLength = 8;
    private readonly string[] _secrets;

    public SecretRedactor(params string[] secrets)
    {
        _secrets = secrets.Where(s => s is not null && s.Length >= MinimumSecretLength)
            .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
    }

    public string Redact(string text)
    {
        foreach (string secret in _secrets)
        {
            if (text.IndexOf(secret, StringComparison.Ordinal) >= 0)
                text = text.Replace(secret, "[redacted]");
        }
        return text;
    }
}
