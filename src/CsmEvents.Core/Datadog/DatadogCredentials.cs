using System;
using System.Collections.Generic;

namespace CsmEvents.Datadog;

/// <summary>
/// The Datadog API key and application key. The values are only readable inside the library (to set the request
/// headers); <see cref="ToString"/> and every message say whether a key is set, never what it is.
/// </summary>
public sealed class DatadogCredentials
{
    internal string ApiKey { get; }
    internal string ApplicationKey { get; }

    /// <summary>
    /// Wraps explicit key values (from a SecureString, a PSCredential, stdin or a named environment variable).
    /// Surrounding whitespace is removed because keys pasted or piped in often end with a newline.
    /// </summary>
    /// <exception cref="DatadogConfigurationException">A key is empty or holds characters an HTTP header cannot carry.</exception>
    public DatadogCredentials(string apiKey, string applicationKey)
    {
        ApiKey = Check(apiKey, "API key", DatadogEnvironment.ApiKey);
        ApplicationKey = Check(applicationKey, "application key", DatadogEnvironment.AppKey);
    }

    /// <summary>
    /// Takes each key from the explicit value when given, else from the environment (<c>DD_API_KEY</c>;
    /// <c>DD_APP_KEY</c>, then <c>DD_APPLICATION_KEY</c>). When keys are missing the error names every missing
    /// one, with the environment variable and the host's parameter that would supply it.
    /// </summary>
    /// <param name="apiKey">Explicit API key, or null to use the environment.</param>
    /// <param name="applicationKey">Explicit application key, or null to use the environment.</param>
    /// <param name="getEnv">Environment reader; <see cref="DatadogEnvironment.Process"/> when null.</param>
    /// <param name="apiKeyParameter">How the host names its API key parameter in messages (e.g. <c>-ApiKey</c>).</param>
    /// <param name="applicationKeyParameter">How the host names its application key parameter.</param>
    public static DatadogCredentials Resolve(
        string? apiKey,
        string? applicationKey,
        Func<string, string?>? getEnv = null,
        string apiKeyParameter = "the API key parameter",
        string applicationKeyParameter = "the application key parameter")
    {
        getEnv ??= DatadogEnvironment.Process;
        string? api = Blank(apiKey) ? DatadogEnvironment.Read(getEnv, DatadogEnvironment.ApiKey) : apiKey;
        string? app = Blank(applicationKey)
            ? DatadogEnvironment.Read(getEnv, DatadogEnvironment.AppKey) ?? DatadogEnvironment.Read(getEnv, DatadogEnvironment.ApplicationKey)
            : applicationKey;

        var missing = new List<string>();
        if (api is null)
            missing.Add($"no Datadog API key: set {DatadogEnvironment.ApiKey} or use {apiKeyParameter}");
        if (app is null)
            missing.Add($"no Datadog application key: set {DatadogEnvironment.AppKey} (or {DatadogEnvironment.ApplicationKey}) or use {applicationKeyParameter}");
        if (missing.Count > 0)
            throw new DatadogConfigurationException(Capitalize(string.Join("; ", missing)) + ".");
        return new DatadogCredentials(api!, app!);
    }

    /// <summary>Says which keys are set, never their values.</summary>
    public override string ToString() => "DatadogCredentials (API key: set, application key: set)";

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    private static string Check(string? value, string what, string envName)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DatadogConfigurationException($"The Datadog {what} is empty (set {envName} or pass a value).");
        string trimmed = value!.Trim();
        // Validated here rather than left to HttpClient: its header errors quote the offending value, i.e. the key.
        foreach (char c in trimmed)
        {
            if (c < 0x21 || c > 0x7E)
                throw new DatadogConfigurationException(
                    $"The Datadog {what} contains a space, control or non-ASCII character, which an HTTP header cannot carry; check {envName} or the value passed (the key is not shown).");
        }
        return trimmed;
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
}
