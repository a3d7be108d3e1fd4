using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Internal;
using CsmEvents.Conversion;

namespace CsmEvents.Hosting;

/// <summary>
/// Tells the conversion what PowerShell's wrappers stand for: a PSObject stands for its base object, except a
/// PSCustomObject (ConvertFrom-Json, Invoke-RestMethod, Select-Object, <c>[pscustomobject]@{}</c>), whose
/// properties live on the wrapper and are read in their order. All recursion and type decisions stay in Core.
/// </summary>
internal sealed class PSObjectAdapter : HostObjectAdapter
{
    public static readonly PSObjectAdapter Instance = new();

    public override IEnumerable<KeyValuePair<string, object?>>? PropertiesOf(object value) =>
        value is PSObject wrapper && wrapper.BaseObject is PSCustomObject && !ReferenceEquals(value, AutomationNull.Value) ? Members(wrapper) : null;

    public override object? Unwrap(object value) =>
        ReferenceEquals(value, AutomationNull.Value) ? null : value is PSObject wrapper ? wrapper.BaseObject : value;

    private static IEnumerable<KeyValuePair<string, object?>> Members(PSObject wrapper)
    {
        foreach (var property in wrapper.Properties)
        {
            if (property.IsGettable) yield return new KeyValuePair<string, object?>(property.Name, property.Value);
        }
    }
}
