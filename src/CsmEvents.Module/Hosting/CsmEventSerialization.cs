using System;
using System.Management.Automation;
using CsmEvents.Model;

namespace CsmEvents.Hosting;

/// <summary>
/// Events that cross a serialization boundary (Invoke-Command, Start-Job, Export-Clixml/Import-Clixml) come back as
/// live CsmEvents. PowerShell's serializer keeps only a property bag of depth 1, which loses the process, the time and
/// every nested part; so CsmEvents.Types.ps1xml serializes the hidden <see cref="PropertyName"/> property (the event's
/// lossless JSON and its source, <see cref="CsmEventTransfer"/>) and declares
/// <c>TargetTypeForDeserialization</c>: where the module is loaded, the deserializer hands the property bag to
/// <see cref="CsmEventTypeConverter"/>, which rebuilds the event. A property bag that was deserialized before the
/// module was loaded is rebuilt when a cmdlet takes it (<see cref="TryRehydrate"/>).
/// </summary>
public static class CsmEventSerialization
{
    /// <summary>The name of the hidden property that carries the event through serialization.</summary>
    public const string PropertyName = "SerializedEvent";

    /// <summary>The type name PowerShell gives a deserialized CsmEvent.</summary>
    public const string DeserializedTypeName = "Deserialized.CsmEvents.Model.CsmEvent";

    /// <summary>The getter of the <see cref="PropertyName"/> code property (CsmEvents.Types.ps1xml).</summary>
    public static string? GetSerializedEvent(PSObject instance) =>
        instance?.BaseObject is CsmEvent evt ? CsmEventTransfer.ToJson(evt) : null;

    /// <summary>True when <paramref name="value"/> is a deserialized CsmEvent that carries its JSON.</summary>
    public static bool IsDeserializedEvent(object? value) =>
        value is PSObject wrapper && wrapper.TypeNames.Contains(DeserializedTypeName) && wrapper.Properties[PropertyName]?.Value is string;

    /// <summary>The live event a deserialized CsmEvent stands for; null for any other value.</summary>
    public static CsmEvent? TryRehydrate(object? value)
    {
        if (!IsDeserializedEvent(value)) return null;
        return CsmEventTransfer.FromJson((string)((PSObject)value!).Properties[PropertyName].Value);
    }
}

/// <summary>
/// Converts a deserialized CsmEvent (from another process, a job, or a CLIXML file) back into a live
/// <see cref="CsmEvent"/>. Registered for CsmEvent in CsmEvents.Types.ps1xml; used by the deserializer
/// (TargetTypeForDeserialization) and by parameter binding (a deserialized event piped to ConvertFrom-CsmEvent).
/// Refuses everything else, so that no other object ever binds as an event.
/// </summary>
public sealed class CsmEventTypeConverter : PSTypeConverter
{
    public override bool CanConvertFrom(object sourceValue, Type destinationType) =>
        destinationType == typeof(CsmEvent) && CsmEventSerialization.IsDeserializedEvent(sourceValue);

    public override bool CanConvertFrom(PSObject sourceValue, Type destinationType) => CanConvertFrom((object)sourceValue, destinationType);

    public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase)
    {
        try
        {
            return CsmEventSerialization.TryRehydrate(sourceValue) ?? throw new PSInvalidCastException("the value is not a deserialized CsmEvent");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new PSInvalidCastException("the deserialized CsmEvent does not hold a readable event: " + ex.Message, ex);
        }
    }

    public override object ConvertFrom(PSObject sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
        ConvertFrom((object)sourceValue, destinationType, formatProvider, ignoreCase);

    public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

    public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
        throw new PSInvalidCastException("a CsmEvent converts to nothing through this converter");
}
