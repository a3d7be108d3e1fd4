using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Internal;
using CsmEvents.Conversion;

namespace CsmEvents.Hosting;

/// <summary>
/// Tells the conversion what PowerShell's wrappers stand for: a PSObject stands for its base object, except a
/// PSCustomObject (ConvertFrom-Json, Invoke-RestMethod, Select-Object, <c>[pscustomobject]@{}</c>), whose
/// properties live on the wrapper and are read in their order, and except a deserialized CsmEvent, which stands for
/// the event it carries. All recursion and type decisions stay in Core.
/// </summary>
internal sealed class PSObjectAdapter : HostObjectAdapter
{
    public static readonly PSObjectAdapter Instance = new();

    public override IEnumerable<KeyValuePair<string, object?>>? PropertiesOf(object value) =>
        value is PSObject wrapper && wrapper.BaseObject is PSCustomObject && !ReferenceEquals(value, AutomationNull.Value) &&
        !CsmEventSerialization.IsDeserializedEvent(wrapper) ? Members(wrapper) : null;

    /// <summary>The base object; a deserialized CsmEvent (from a job, remoting or Import-Clixml before the module
    /// was loaded) is the live event it carries.</summary>
    public override object? Unwrap(object value) =>
        ReferenceEquals(value, AutomationNull.Value) ? null
        : value is PSObject wrapper ? (object?)Rehydrate(wrapper) ?? wrapper.BaseObject
        : value;

    // A damaged serialized event stays what it is (a property bag), which the cmdlets then refuse with an error.
    private static CsmEvents.Model.CsmEvent? Rehydrate(PSObject wrapper)
    {
        try
        {
            return CsmEventSerialization.TryRehydrate(wrapper);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<KeyValuePair<string, object?>> Members(PSObject wrapper)
    {
        foreach (var property in wrapper.Properties)
        {
            if (property.IsGettable) yield return new KeyValuePair<string, object?>(property.Name, property.Value);
        }
    }
}
