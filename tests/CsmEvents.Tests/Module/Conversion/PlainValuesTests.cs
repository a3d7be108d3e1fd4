using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Numerics;
using System.Text;
using CsmEvents.Conversion;
using CsmEvents.Reading;

namespace CsmEvents.Tests.Module.Conversion;

public class PlainValuesTests
{
    private static string Json(object? value, HostObjectAdapter? adapter = null) =>
        Encoding.UTF8.GetString(PlainValues.ToUtf8Json(PlainValues.FromHost(value, adapter ?? FakeHostAdapter.Instance)));

    [Fact]
    public void OrderedDictionariesKeepTheirOrderAndHashtablesAreSortedByName()
    {
        var ordered = new OrderedDictionary { { "z", 1 }, { "a", 2 } };
        var hashtable = new Hashtable(StringComparer.OrdinalIgnoreCase) { { "zeta", 1 }, { "Alpha", 2 }, { "beta", 3 } };
        Assert.Equal("""{"z":1,"a":2}""", Json(ordered));
        Assert.Equal("""{"Alpha":2,"beta":3,"zeta":1}""", Json(hashtable));
    }

    /// <summary>Stands for PowerShell 7.3+'s OrderedHashtable (what ConvertFrom-Json -AsHashtable returns): a Hashtable
    /// subclass that enumerates in insertion order.</summary>
    private sealed class InsertionOrderHashtable : Hashtable
    {
        private readonly OrderedDictionary _order = new();
        public override void Add(object key, object? value) { base.Add(key, value); _order.Add(key, value); }
        public override IDictionaryEnumerator GetEnumerator() => _order.GetEnumerator();
    }

    [Fact]
    public void HashtableSubclassesKeepTheirOwnOrder()
    {
        var table = new InsertionOrderHashtable { { "b", 1 }, { "a", 2 } };
        Assert.Equal("""{"b":1,"a":2}""", Json(table));
    }

    [Fact]
    public void PropertyBagsAndWrappedValuesBecomePlainValuesAtEveryDepth()
    {
        // What ConvertFrom-Json gives: PSCustomObjects wrapped in PSObjects, arrays of wrapped values.
        var bag = new FakeBag()
            .Add("agent", new FakeWrapper(new FakeBag().Add("rule_id", new FakeWrapper("r1"))))
            .Add("process", new FakeBag()
                .Add("pid", new FakeWrapper(4242))
                .Add("args", new object?[] { new FakeWrapper("-c"), "id", null })
                .Add("ancestors", new object[] { new FakeWrapper(new FakeBag().Add("pid", 1L)) }))
            .Add("ratio", 0.5d)
            .Add("big", new BigInteger(ulong.MaxValue) * 10)
            .Add("price", 1.10m);
        Assert.Equal("""{"agent":{"rule_id":"r1"},"process":{"pid":4242,"args":["-c","id",null],"ancestors":[{"pid":1}]},"ratio":0.5,"big":184467440737095516150,"price":1.10}""", Json(bag));
    }

    [Fact]
    public void DeepTreesConvertCompletely()
    {
        object leaf = "bottom";
        for (int i = 0; i < 200; i++) leaf = new FakeBag().Add("c", leaf);
        string json = Json(leaf);
        Assert.StartsWith("""{"c":{"c":""", json);
        Assert.EndsWith("\"bottom\"" + new string('}', 200), json);
    }

    [Fact]
    public void TheNestingBoundIsTheReadersBound()
    {
        object fits = 1;
        for (int i = 0; i < PlainValues.MaxDepth; i++) fits = new object[] { fits };
        Assert.StartsWith("[[[", Json(fits));

        object tooDeep = new object[] { fits };
        var ex = Assert.Throws<PlainValueException>(() => Json(tooDeep));
        Assert.Equal(ReadErrorIds.NestingTooDeep, ex.ErrorId);
        Assert.Equal("the value nests deeper than 256 levels (below [0][0][0][0][0][0]...); does an object contain itself?", ex.Message);
    }

    [Fact]
    public void AValueThatContainsItselfIsAnErrorNotAStackOverflow()
    {
        var table = new Hashtable();
        table["self"] = table;
        var ex = Assert.Throws<PlainValueException>(() => Json(table));
        Assert.Equal(ReadErrorIds.NestingTooDeep, ex.ErrorId);
        Assert.StartsWith("the value nests deeper than 256 levels (below self.self.self.self.self.self...)", ex.Message);
    }

    [Fact]
    public void AValueWithNoJsonFormIsNamedWithItsPlace()
    {
        var bag = new FakeBag().Add("process", new FakeBag().Add("ancestors", new object[] { new FakeBag(), new FakeBag().Add("executable", new DirectoryInfo("/tmp")) }));
        var ex = Assert.Throws<PlainValueException>(() => Json(bag));
        Assert.Equal(ConversionErrorIds.UnsupportedValue, ex.ErrorId);
        Assert.Equal("the value at process.ancestors[1].executable is a System.IO.DirectoryInfo, which has no JSON form (use a string, number, boolean, date, array, hashtable or PSCustomObject)", ex.Message);
    }

    [Fact]
    public void NotANumberIsRejected()
    {
        var ex = Assert.Throws<PlainValueException>(() => Json(new OrderedDictionary { { "x", double.NaN } }));
        Assert.Equal("the value at x is the number NaN, which JSON cannot hold", ex.Message);
    }

    [Fact]
    public void DatesBecomeRfc3339TextAndOtherScalarsTheirUsualText()
    {
        var value = new OrderedDictionary
        {
            { "utc", new DateTime(2025, 6, 3, 9, 41, 7, DateTimeKind.Utc).AddTicks(4841209) },
            { "offset", new DateTimeOffset(2025, 6, 3, 11, 41, 7, TimeSpan.FromHours(2)) },
            { "guid", new Guid("0f8fad5b-d9cb-469f-a165-70867728950e") },
            { "kind", DateTimeKind.Local },
            { "uri", new Uri("https://example.org/a?b=1") },
            { "ip", System.Net.IPAddress.Parse("192.0.2.1") },
            { "char", 'x' },
            { "dbnull", DBNull.Value },
        };
        Assert.Equal("""{"utc":"2025-06-03T09:41:07.4841209Z","offset":"2025-06-03T11:41:07+02:00","guid":"0f8fad5b-d9cb-469f-a165-70867728950e","kind":"Local","uri":"https://example.org/a?b=1","ip":"192.0.2.1","char":"x","dbnull":null}""", Json(value));
    }

    [Fact]
    public void KeysThatCollideAfterConversionToTextAreAnError()
    {
        var value = new Dictionary<object, object> { { 1, "a" }, { "1", "b" } };
        var ex = Assert.Throws<PlainValueException>(() => Json(value));
        Assert.Equal(ReadErrorIds.DuplicateProperty, ex.ErrorId);
        Assert.Equal("the value has two members named \"1\"", ex.Message);
    }

    [Fact]
    public void IsPlainIsFalseForHostWrappersAnywhereInside()
    {
        Assert.True(PlainValues.IsPlain(new OrderedDictionary { { "a", new object?[] { 1, "x", null } } }));
        Assert.False(PlainValues.IsPlain(new OrderedDictionary { { "a", new object[] { new FakeWrapper(1) } } }));
        Assert.False(PlainValues.IsPlain(double.PositiveInfinity));
    }
}
