using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace CsmEvents.Model.Json;

/// <summary>
/// One typed member of a model class: its JSON name, how to read it into the property and how to write it back.
/// <see cref="TryRead"/> returns false when the JSON value does not fit the property's type, with the reader back on
/// the value's first token; the shape then keeps the value as a plain additional member instead, so nothing is lost.
/// </summary>
internal abstract class Field<TOwner> where TOwner : CsmObject
{
    protected Field(string name)
    {
        Name = name;
        Utf8Name = Encoding.UTF8.GetBytes(name);
        NameHead = MemberNameKey.Head(Utf8Name);
        NameTail = MemberNameKey.Tail(Utf8Name);
        EncodedName = JsonEncodedText.Encode(name, JsonOutput.WriterOptions(false).Encoder);
    }

    public string Name { get; }
    public byte[] Utf8Name { get; }

    /// <summary>The name packed into two words (<see cref="MemberNameKey"/>), compared before the name itself.</summary>
    public readonly ulong NameHead, NameTail;
    public JsonEncodedText EncodedName { get; }

    /// <summary>Reads the value into the property. A field that can reject a value after moving the reader (an
    /// array whose items turn out not to fit) keeps its own copy of the reader to rewind: copying the reader costs
    /// ~200 bytes, too much to do for every member.</summary>
    public abstract bool TryRead(TOwner owner, ref Utf8JsonReader reader, ReadContext context);

    public abstract bool IsPresent(TOwner owner);
    public abstract void WriteValue(TOwner owner, Utf8JsonWriter writer);
}

internal sealed class StringField<T> : Field<T> where T : CsmObject
{
    private readonly Func<T, string?> _get;
    private readonly Action<T, string?> _set;

    public StringField(string name, Func<T, string?> get, Action<T, string?> set) : base(name) { _get = get; _set = set; }

    public override bool TryRead(T owner, ref Utf8JsonReader reader, ReadContext context)
    {
        if (!JsonValues.TryString(ref reader, context, out string? value)) return false;
        _set(owner, value);
        return true;
    }

    public override bool IsPresent(T owner) => _get(owner) != null;
    public override void WriteValue(T owner, Utf8JsonWriter writer) => writer.WriteStringValue(_get(owner));
}

internal sealed class Int64Field<T> : Field<T> where T : CsmObject
{
    private readonly Func<T, long?> _get;
    private readonly Action<T, long?> _set;

    public Int64Field(string name, Func<T, long?> get, Action<T, long?> set) : base(name) { _get = get; _set = set; }

    public override bool TryRead(T owner, ref Utf8JsonReader reader, ReadContext context)
    {
        if (!JsonValues.TryInt64(ref reader, out long value)) return false;
        _set(owner, value);
        return true;
    }

    public override bool IsPresent(T owner) => _get(owner).HasValue;
    public override void WriteValue(T owner, Utf8JsonWriter writer) => writer.WriteNumberValue(_get(owner)!.Value);
}

internal sealed class UInt64Field<T> : Field<T> where T : CsmObject
{
    private readonly Func<T, ulong?> _get;
    private readonly Action<T, ulong?> _set;

    public UInt64Field(string name, Func<T, ulong?> get, Action<T, ulong?> set) : base(name) { _get = get; _set = set; }

    public override bool TryRead(T owner, ref Utf8JsonReader reader, ReadContext context)
    {
        if (!JsonValues.TryUInt64(ref reader, out ulong value)) return false;
        _set(owner, value);
        return true;
    }

    public override bool IsPresent(T owner) => _get(owner).HasValue;
    public override void WriteValue(T owner, Utf8JsonWriter writer) => writer.WriteNumberValue(_get(owner)!.Value);
}

internal sealed class BooleanField<T> : Field<T> where T : CsmObject
{
    private readonly Func<T, bool?> _get;
    private readonly Action<T, bool?> _set;

    public BooleanField(string name, Func<T, bool?> get, Action<T, bool?> set) : base(name) { _get = get; _set = set; }

    public override bool TryRead(T owner, ref Utf8JsonReader reader, ReadContext context)
    {
        if (!JsonValues.TryBoolean(ref reader, out bool value)) return false;
        _set(owner, value);
        return true;
    }

    public override bool IsPresent(T owner) => _get(owner).HasValue;
    public override void WriteValue(T owner, Utf8JsonWriter writer) => writer.WriteBooleanValue(_get(owner)!.Value);
}

/// <summary>An RFC 3339 timestamp; text that is not one stays a plain string member.</summary>
internal sealed class TimeField<T> : Field<T> where T : CsmObject
{
    private readonly Func<T, TimeValue> _get;
    private readonly Action<T, TimeValue> _set;

    public TimeField(string name, Func<T, TimeValue> get, Action<T, TimeValue> set) : base(name) { _get = get; _set = set; }

    public override bool TryRead(T owner, ref Utf8JsonReader reader, ReadContext context)
    {
        if (!JsonValues.TryTime(ref reader, context, out var time)) return false;
        _set(owner, time);
        return true;
    }

    public override bool IsPresent(T owner) => _get(owner).Value.HasValue;
    public override void WriteValue(T owner, Utf8JsonWriter writer) => writer.WriteStringValue(_get(owner).TextToWrite);
}

/// <summary>An unsigned 64-bit id that older formats wrote as a JSON number and newer ones as a decimal string.</summary>
internal sealed class IdField<T> : Field<T> where T : CsmObject
{
    private readonly Func<T, IdValue> _get;
    private readonly Action<T, IdValue> _set;

    public IdField(string name, Func<T, IdValue> get, Action<T, IdValue> set) : base(name) { _get = get; _set = set; }

    public override bool TryRead(T owner, ref Utf8JsonReader reader, ReadContext context)
    {
        if (!JsonValues.TryId(ref reader, out var id)) return false;
        _set(owner, id);
        return true;
    }

    public override bool IsPresent(T owner) => _get(owner).Value.HasValue;

    public override void WriteValue(T owner, Utf8JsonWriter writer)
    {
        var id = _get(owner);
        if (id.AsString) writer.WriteStringValue(id.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        else writer.WriteNumberValue(id.Value!.Value);
    }
}

internal sealed class StringArrayField<T> : Field<T> where T : CsmObject
{
    private readonly Func<T, string[]?> _get;
    private readonly Action<T, string[]?> _set;

    public StringArrayField(string name, Func<T, string[]?> get, Action<T, string[]?> set) : base(name) { _get = get; _set = set; }

    public override bool TryRead(T owner, ref Utf8JsonReader reader, ReadContext context)
    {
        if (!JsonValues.TryStrings(ref reader, context, out string[]? items)) return false;
        _set(owner, items);
        return true;
    }

    public override bool IsPresent(T owner) => _get(owner) != null;

    public override void WriteValue(T owner, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (string? item in _get(owner)!) writer.WriteStringValue(item);
        writer.WriteEndArray();
    }
}

/// <summary>A member whose JSON is kept as a plain value (free maps such as <c>variables</c>, or untyped values).</summary>
internal sealed class PlainField<T> : Field<T> where T : CsmObject
{
    private readonly Func<T, object?> _get;
    private readonly Action<T, object?> _set;

    public PlainField(string name, Func<T, object?> get, Action<T, object?> set) : base(name) { _get = get; _set = set; }

    public override bool TryRead(T owner, ref Utf8JsonReader reader, ReadContext context)
    {
        if (!JsonValues.TryPlain(ref reader, out object? value)) return false;
        _set(owner, value);
        return true;
    }

    public override bool IsPresent(T owner) => _get(owner) != null;
    public override void WriteValue(T owner, Utf8JsonWriter writer) => PlainJson.Write(writer, _get(owner));
}

internal sealed class ObjectField<T, TChild> : Field<T> where T : CsmObject where TChild : CsmObject
{
    private readonly Func<T, TChild?> _get;
    private readonly Action<T, TChild?> _set;
    private readonly ObjectShape<TChild> _shape;

    public ObjectField(string name, Func<T, TChild?> get, Action<T, TChild?> set, ObjectShape<TChild> shape) : base(name)
    {
        _get = get;
        _set = set;
        _shape = shape;
    }

    public override bool TryRead(T owner, ref Utf8JsonReader reader, ReadContext context)
    {
        if (!JsonValues.TryObject(ref reader, context, _shape, out TChild? value)) return false;
        _set(owner, value);
        return true;
    }

    public override bool IsPresent(T owner) => _get(owner) != null;
    public override void WriteValue(T owner, Utf8JsonWriter writer) => _shape.Write(_get(owner)!, writer);
}

internal sealed class ObjectListField<T, TChild> : Field<T> where T : CsmObject where TChild : CsmObject
{
    private readonly Func<T, List<TChild>?> _get;
    private readonly Action<T, List<TChild>?> _set;
    private readonly ObjectShape<TChild> _shape;

    public ObjectListField(string name, Func<T, List<TChild>?> get, Action<T, List<TChild>?> set, ObjectShape<TChild> shape) : base(name)
    {
        _get = get;
        _set = set;
        _shape = shape;
    }

    public override bool TryRead(T owner, ref Utf8JsonReader reader, ReadContext context)
    {
        if (!JsonValues.TryObjects(ref reader, context, _shape, out List<TChild>? items)) return false;
        _set(owner, items);
        return true;
    }

    public override bool IsPresent(T owner) => _get(owner) != null;

    public override void WriteValue(T owner, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var item in _get(owner)!)
        {
            if (item == null) writer.WriteNullValue();
            else _shape.Write(item, writer);
        }
        writer.WriteEndArray();
    }
}

/// <summary>An id value and whether the JSON held it as a string.</summary>
internal readonly struct IdValue
{
    public readonly ulong? Value;
    public readonly bool AsString;

    public IdValue(ulong? value, bool asString)
    {
        Value = value;
        AsString = asString;
    }
}
