using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using CsmEvents.Model.Json;

namespace CsmEvents.Conversion;

/// <summary>
/// Replaces host-wrapped values that a user stored in an event (for example
/// <c>$evt.AdditionalProperties['seen'] = Get-Date</c>, which stores a PSObject) by their plain form, so the event
/// can be written as JSON. Only values PlainJson cannot write are replaced; everything else stays as it is.
/// </summary>
internal static class EventValueNormalizer
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>Normalizes the object and every model object below it. Throws <see cref="PlainValueException"/>
    /// for a value with no JSON form.</summary>
    public static void Normalize(CsmObject value, HostObjectAdapter adapter, int depth = 0)
    {
        if (depth > PlainValues.MaxDepth) return;
        var additional = value.AdditionalOrNull;
        if (additional != null)
        {
            var keys = new List<object>();
            foreach (object key in additional.Keys) keys.Add(key);
            foreach (object key in keys)
            {
                object? current = additional[key];
                if (!PlainValues.IsPlain(current)) additional[key] = PlainValues.FromHost(current, adapter);
            }
        }
        foreach (var property in PropertiesOf(value.GetType()))
        {
            object? current = property.GetValue(value);
            switch (current)
            {
                case null:
                    continue;
                case CsmObject child:
                    Normalize(child, adapter, depth + 1);
                    continue;
                case IEnumerable<CsmObject> children:
                    foreach (var child in children) Normalize(child, adapter, depth + 1);
                    continue;
                default:
                    if (property.PropertyType == typeof(object) && !PlainValues.IsPlain(current)) property.SetValue(value, PlainValues.FromHost(current, adapter));
                    continue;
            }
        }
    }

    /// <summary>The settable public properties that can hold model objects or free-form values.</summary>
    private static PropertyInfo[] PropertiesOf(Type type) => Properties.GetOrAdd(type, t =>
    {
        var result = new List<PropertyInfo>();
        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || !property.CanWrite || property.GetIndexParameters().Length > 0) continue;
            var propertyType = property.PropertyType;
            if (propertyType == typeof(object) || typeof(CsmObject).IsAssignableFrom(propertyType) || typeof(IEnumerable<CsmObject>).IsAssignableFrom(propertyType))
            {
                result.Add(property);
            }
        }
        return result.ToArray();
    });
}
