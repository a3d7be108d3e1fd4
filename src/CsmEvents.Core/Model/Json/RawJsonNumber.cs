using System;
using System.Globalization;

namespace CsmEvents.Model.Json;

/// <summary>
/// A JSON number kept as its original text because no .NET number would write it back the same: more than 28
/// significant digits, an exponent (<c>1.25e3</c>), or a negative zero (<c>-0</c>). Writing the event back gives the
/// number exactly as the agent wrote it. Compares by value with other numbers (so <c>-gt</c>, <c>Sort-Object</c>
/// and <c>Measure-Object</c> work in PowerShell); <see cref="ToDouble"/> gives it for arithmetic.
/// </summary>
public sealed class RawJsonNumber : IComparable, IConvertible
{
    public RawJsonNumber(string text) => Text = text;

    /// <summary>The number exactly as written in the JSON text.</summary>
    public string Text { get; }

    /// <summary>The nearest double, for arithmetic and comparison.</summary>
    public double ToDouble() => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public override string ToString() => Text;

    public override bool Equals(object? obj) => obj is RawJsonNumber other && other.Text == Text;

    public override int GetHashCode() => Text.GetHashCode();

    /// <summary>Compares by value with another RawJsonNumber or any number (as doubles).</summary>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        RawJsonNumber other => ToDouble().CompareTo(other.ToDouble()),
        IConvertible number => ToDouble().CompareTo(number.ToDouble(CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException("a " + obj.GetType().FullName + " is not a number"),
    };

    // IConvertible: the conversions PowerShell uses for [double]$n, [decimal]$n, [long]$n and arithmetic.
    TypeCode IConvertible.GetTypeCode() => TypeCode.Object;
    bool IConvertible.ToBoolean(IFormatProvider? provider) => ToDouble() != 0;
    byte IConvertible.ToByte(IFormatProvider? provider) => Convert.ToByte(ToDouble(), provider);
    char IConvertible.ToChar(IFormatProvider? provider) => throw new InvalidCastException("a number is not a character");
    DateTime IConvertible.ToDateTime(IFormatProvider? provider) => throw new InvalidCastException("a number is not a date");
    decimal IConvertible.ToDecimal(IFormatProvider? provider) => decimal.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    double IConvertible.ToDouble(IFormatProvider? provider) => ToDouble();
    short IConvertible.ToInt16(IFormatProvider? provider) => Convert.ToInt16(ToDouble(), provider);
    int IConvertible.ToInt32(IFormatProvider? provider) => Convert.ToInt32(ToDouble(), provider);
    long IConvertible.ToInt64(IFormatProvider? provider) => Convert.ToInt64(ToDouble(), provider);
    sbyte IConvertible.ToSByte(IFormatProvider? provider) => Convert.ToSByte(ToDouble(), provider);
    float IConvertible.ToSingle(IFormatProvider? provider) => (float)ToDouble();
    string IConvertible.ToString(IFormatProvider? provider) => Text;
    object IConvertible.ToType(Type conversionType, IFormatProvider? provider) =>
        conversionType == typeof(string) || conversionType == typeof(object) || conversionType == typeof(RawJsonNumber) ? (conversionType == typeof(string) ? Text : this)
        : Convert.ChangeType(ToDouble(), conversionType, provider);
    ushort IConvertible.ToUInt16(IFormatProvider? provider) => Convert.ToUInt16(ToDouble(), provider);
    uint IConvertible.ToUInt32(IFormatProvider? provider) => Convert.ToUInt32(ToDouble(), provider);
    ulong IConvertible.ToUInt64(IFormatProvider? provider) => Convert.ToUInt64(ToDouble(), provider);
}
