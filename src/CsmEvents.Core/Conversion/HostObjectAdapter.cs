using System.Collections.Generic;

namespace CsmEvents.Conversion;

/// <summary>
/// How a host exposes its own wrapper objects to the conversion, which knows nothing about PowerShell. The module
/// overrides both members for PSObject (whose base object is the real value) and PSCustomObject (a property bag
/// whose members live on the wrapper). The default adapter sees every value as itself.
/// </summary>
public class HostObjectAdapter
{
    /// <summary>The adapter for values with no host wrappers (the CLI, tests).</summary>
    public static readonly HostObjectAdapter None = new();

    /// <summary>The members of a host property bag (name and value, in the host's order), or null when
    /// <paramref name="value"/> is not one.</summary>
    public virtual IEnumerable<KeyValuePair<string, object?>>? PropertiesOf(object value) => null;

    /// <summary>The value a host wrapper stands for (its base object); the value itself when it is not a wrapper.</summary>
    public virtual object? Unwrap(object value) => value;
}
