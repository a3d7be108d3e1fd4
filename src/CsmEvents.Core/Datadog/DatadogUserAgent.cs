using System.Reflection;

namespace CsmEvents.Datadog;

/// <summary>The User-Agent sent with every request, so Datadog support can tell CsmEvents traffic apart.</summary>
public static class DatadogUserAgent
{
    /// <summary>The library version without build metadata, e.g. <c>0.1.0</c>.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>The header value, e.g. <c>CsmEvents/0.1.0</c>.</summary>
    public static string Value { get; } = "CsmEvents/" + Version;

    private static string ReadVersion()
    {
        Assembly assembly = typeof(DatadogUserAgent).Assembly;
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            // The SDK appends "+<commit>"; that is build metadata, not the version users know.
            int plus = informational!.IndexOf('+');
            return plus >= 0 ? informational.Substring(0, plus) : informational;
        }
        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
