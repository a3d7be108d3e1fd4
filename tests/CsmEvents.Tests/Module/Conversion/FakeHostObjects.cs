using System.Collections.Generic;
using CsmEvents.Conversion;

namespace CsmEvents.Tests.Module.Conversion;

/// <summary>Stands for a PSObject wrapping a base object (as every pipeline value and many property values are).</summary>
public sealed class FakeWrapper
{
    public FakeWrapper(object? baseObject) => BaseObject = baseObject;

    public object? BaseObject { get; }
}

/// <summary>Stands for a PSCustomObject: an ordered bag of named properties (the output of ConvertFrom-Json or
/// Invoke-RestMethod), whose property values may themselves be wrapped.</summary>
public sealed class FakeBag
{
    public List<KeyValuePair<string, object?>> Properties { get; } = new();

    public FakeBag Add(string name, object? value)
    {
        Properties.Add(new KeyValuePair<string, object?>(name, value));
        return this;
    }
}

/// <summary>The adapter the module implements for PSObject, over the fakes above: same contract, no PowerShell.</summary>
public sealed class FakeHostAdapter : HostObjectAdapter
{
    public static readonly FakeHostAdapter Instance = new();

    public override IEnumerable<KeyValuePair<string, object?>>? PropertiesOf(object value)
    {
        if (value is FakeWrapper wrapper) value = wrapper.BaseObject!;
        return value is FakeBag bag ? bag.Properties : null;
    }

    public override object? Unwrap(object value) => value is FakeWrapper wrapper ? wrapper.BaseObject : value;
}
