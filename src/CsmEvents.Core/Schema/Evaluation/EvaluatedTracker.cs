using System.Collections.Generic;

namespace CsmEvents.Schema.Evaluation;

/// <summary>
/// The annotations unevaluatedProperties and unevaluatedItems depend on: which members of the current instance
/// some successful subschema has already evaluated. Only schemas that use those keywords ever create one.
/// </summary>
internal sealed class EvaluatedTracker
{
    private HashSet<string>? _properties;
    private HashSet<int>? _items;

    public bool AllProperties { get; private set; }
    public bool AllItems { get; private set; }

    /// <summary>Items [0, PrefixCount) were evaluated by prefixItems (or array-form items).</summary>
    public int PrefixCount { get; private set; }

    public void AddProperty(string name) => (_properties ??= new HashSet<string>(System.StringComparer.Ordinal)).Add(name);

    public void MarkAllProperties() => AllProperties = true;

    public void AddItem(int index) => (_items ??= new HashSet<int>()).Add(index);

    public void MarkAllItems() => AllItems = true;

    public void MarkPrefix(int count)
    {
        if (count > PrefixCount) PrefixCount = count;
    }

    public bool IsPropertyEvaluated(string name) => AllProperties || (_properties != null && _properties.Contains(name));

    public bool IsItemEvaluated(int index) => AllItems || index < PrefixCount || (_items != null && _items.Contains(index));

    public void MergeFrom(EvaluatedTracker other)
    {
        if (other.AllProperties) AllProperties = true;
        if (other.AllItems) AllItems = true;
        MarkPrefix(other.PrefixCount);
        if (other._properties != null) foreach (var p in other._properties) AddProperty(p);
        if (other._items != null) foreach (var i in other._items) AddItem(i);
    }

    public void Reset()
    {
        _properties?.Clear();
        _items?.Clear();
        AllProperties = AllItems = false;
        PrefixCount = 0;
    }
}
