using System;

namespace CsmEvents.Datadog;

/// <summary>
/// The Datadog search cannot start because a setting is missing or wrong (no key, bad site or URL, bad time,
/// page size out of range). The message names the setting and says how to fix it; it never contains a key.
/// </summary>
public sealed class DatadogConfigurationException : Exception
{
    /// <summary>Creates the exception with a message that names the offending setting.</summary>
    public DatadogConfigurationException(string message) : base(message) { }
}
