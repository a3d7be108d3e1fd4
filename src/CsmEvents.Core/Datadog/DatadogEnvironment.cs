using System;

namespace CsmEvents.Datadog;

/// <summary>
/// Names of the environment variables the Datadog client reads (the same ones Datadog's own tools use), and the
/// default way to read them. Settings take a <c>Func&lt;string, string?&gt;</c> so tests never touch the
/// process environment.
/// </summary>
public static class DatadogEnvironment
{
    /// <summary>The Datadog site, e.g. <c>datadoghq.eu</c>.</summary>
    public const string Site = "DD_SITE";

    /// <summary>The API key (identifies the organisation).</summary>
    public const string ApiKey = "DD_API_KEY";

    /// <summary>The application key (carries the user's permissions, e.g. logs_read_data).</summary>
    public const string AppKey = "DD_APP_KEY";

    /// <summary>Alternative name for the application key, used by some Datadog tools.</summary>
    public const string ApplicationKey = "DD_APPLICATION_KEY";

    /// <summary>Reads the process environment.</summary>
    public static readonly Func<string, string?> Process = Environment.GetEnvironmentVariable;

    /// <summary>Reads a variable and treats an empty or blank value as absent.</summary>
    internal static string? Read(Func<string, string?> getEnv, string name)
    {
        string? value = getEnv(name);
        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
