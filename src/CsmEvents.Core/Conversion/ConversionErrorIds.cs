namespace CsmEvents.Conversion;

/// <summary>Stable identifiers of conversion errors (the PowerShell error ids; documented in help). Conversions also
/// report the reading ids of <see cref="Reading.ReadErrorIds"/> for JSON text and Datadog envelopes.</summary>
public static class ConversionErrorIds
{
    /// <summary>An input, or a value inside it, has a .NET type with no JSON form (a FileInfo, a script block, NaN).</summary>
    public const string UnsupportedValue = "UnsupportedValue";
}
