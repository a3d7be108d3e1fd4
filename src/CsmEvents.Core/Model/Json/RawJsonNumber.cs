using System.Globalization;

namespace CsmEvents.Model.Json;

/// <summary>
/// A JSON number that no .NET numeric type holds exactly (more than 28 significant digits, or an exponent out
/// of decimal's range). Kept as its original text so that writing the event back gives the same number.
/// </summary>
public sealed class RawJsonNumber
{
    public RawJsonNumber(string text) => Text = text;

    /// <summary>The number exactly as written in the JSON text.</summary>
    public string Text { get; }

    /// <summary>The nearest double, for arithmetic and comparison.</summary>
    public double ToDouble() => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public override string ToString() => Text;

    public override bool Equals(object? obj) => obj is RawJsonNumber other && other.Text == Text;

    public override int GetHashCode() => Text.GetHashCode();
}
