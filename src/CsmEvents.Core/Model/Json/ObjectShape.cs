using System;
using System.Collections.Generic;
using System.Text.Json;

namespace CsmEvents.Model.Json;

/// <summary>Reads and writes one model class; see <see cref="ObjectShape{T}"/>.</summary>
internal interface IObjectShape
{
    void WriteObject(CsmObject value, Utf8JsonWriter writer);
}

/// <summary>
/// The JSON layout of a model class: its typed members in canonical (schema) order. One generic reader and
/// writer serve every class, so the lossless rules (unknown members kept in place, values of an unexpected type
/// kept as plain values, original member order, duplicate members rejected) are written once.
/// </summary>
internal sealed class ObjectShape<T> : IObjectShape where T : CsmObject
{
    private readonly Func<T> _create;
    // An array, not a List: the read loop indexes it for every member.
    private Field<T>[] _fields = Array.Empty<Field<T>>();
    // The fields' name keys side by side, so that the member lookup scans one small array.
    private ulong[] _nameKeys = Array.Empty<ulong>();

    public ObjectShape(Func<T> create) => _create = create;

    public ObjectShape<T> Add(Field<T> field)
    {
        if (_fields.Length >= 64) throw new InvalidOperationException(typeof(T).Name + ": at most 64 typed members (duplicate detection uses a 64-bit mask)");
        Array.Resize(ref _fields, _fields.Length + 1);
        _fields[_fields.Length - 1] = field;
        Array.Resize(ref _nameKeys, _fields.Length);
        _nameKeys[_fields.Length - 1] = field.NameKey;
        return this;
    }

    public ObjectShape<T> String(string name, Func<T, string?> get, Action<T, string?> set) => Add(new StringField<T>(name, get, set));
    public ObjectShape<T> Int64(string name, Func<T, long?> get, Action<T, long?> set) => Add(new Int64Field<T>(name, get, set));
    public ObjectShape<T> UInt64(string name, Func<T, ulong?> get, Action<T, ulong?> set) => Add(new UInt64Field<T>(name, get, set));
    public ObjectShape<T> Boolean(string name, Func<T, bool?> get, Action<T, bool?> set) => Add(new BooleanField<T>(name, get, set));
    public ObjectShape<T> Time(string name, Func<T, TimeValue> get, Action<T, TimeValue> set) => Add(new TimeField<T>(name, get, set));
    public ObjectShape<T> Id(string name, Func<T, IdValue> get, Action<T, IdValue> set) => Add(new IdField<T>(name, get, set));
    public ObjectShape<T> Strings(string name, Func<T, string[]?> get, Action<T, string[]?> set) => Add(new StringArrayField<T>(name, get, set));
    public ObjectShape<T> Plain(string name, Func<T, object?> get, Action<T, object?> set) => Add(new PlainField<T>(name, get, set));

    public ObjectShape<T> Object<TChild>(string name, Func<T, TChild?> get, Action<T, TChild?> set, ObjectShape<TChild> shape) where TChild : CsmObject
        => Add(new ObjectField<T, TChild>(name, get, set, shape));

    public ObjectShape<T> Objects<TChild>(string name, Func<T, List<TChild>?> get, Action<T, List<TChild>?> set, ObjectShape<TChild> shape) where TChild : CsmObject
        => Add(new ObjectListField<T, TChild>(name, get, set, shape));

    /// <summary>Reads an object; the reader is on its StartObject token and is left on its EndObject token.</summary>
    public T Read(ref Utf8JsonReader reader, ReadContext context)
    {
        var result = _create();
        int depth = reader.CurrentDepth;
        byte[] order = context.OrderBuffer(depth, 16);
        int count = 0;
        bool canonical = true;
        int lastId = -1;
        ulong seen = 0;
        int cursor = 0;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            int id = FindField(ref reader, ref cursor);
            byte recorded;
            if (id < 0)
            {
                string name = reader.GetString()!;
                reader.Read();
                result.AddAdditional(name, PlainJson.Read(ref reader));
                recorded = MemberOrder.Extra;
                canonical = false;
            }
            else
            {
                var field = _fields[id];
                ulong bit = 1UL << id;
                if ((seen & bit) != 0) throw PlainJson.DuplicateProperty(field.Name);
                seen |= bit;
                reader.Read();
                if (field.TryRead(result, ref reader, context))
                {
                    recorded = (byte)id;
                    if (id <= lastId) canonical = false;
                    lastId = id;
                }
                else
                {
                    result.AddAdditional(field.Name, PlainJson.Read(ref reader));
                    recorded = MemberOrder.Extra;
                    canonical = false;
                }
            }
            if (count == order.Length) order = context.OrderBuffer(depth, count * 2);
            order[count++] = recorded;
        }

        if (!canonical)
        {
            var kept = new byte[count];
            Array.Copy(order, kept, count);
            result.ReadOrder = kept;
        }
        return result;
    }

    /// <summary>Finds the typed member named by the current property token. Members usually arrive in schema
    /// order, so the search starts just after the previous match.</summary>
    private int FindField(ref Utf8JsonReader reader, ref int cursor)
    {
        int n = _fields.Length;
        if (reader.ValueIsEscaped)
        {
            string name = reader.GetString()!;
            for (int f = 0; f < n; f++) if (_fields[f].Name == name) return f;
            return -1;
        }
        var span = reader.ValueSpan;
        ulong key = MemberNameKey.Of(span);
        var keys = _nameKeys;
        int i = cursor;
        for (int k = 0; k < n; k++, i++)
        {
            if (i >= n) i = 0;
            if (keys[i] == key && (span.Length <= MemberNameKey.PrefixBytes || span.SequenceEqual(_fields[i].Utf8Name)))
            {
                cursor = i + 1;
                return i;
            }
        }
        return -1;
    }

    public void WriteObject(CsmObject value, Utf8JsonWriter writer) => Write((T)value, writer);

    /// <summary>Writes the object: members in the order read, then members added since, in schema order.</summary>
    public void Write(T value, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        var extras = ExtraEntries(value);
        ulong written = 0;
        int nextExtra = 0;
        int extraCount = extras.Length;
        var order = value.ReadOrder;

        if (order != null)
        {
            foreach (byte entry in order)
            {
                if (entry == MemberOrder.Extra)
                {
                    if (nextExtra < extraCount) WriteExtra(value, extras[nextExtra++], writer);
                }
                else if (entry < _fields.Length)
                {
                    WriteField(value, entry, ref written, writer);
                }
            }
        }
        for (int i = 0; i < _fields.Length; i++) WriteField(value, i, ref written, writer);
        while (nextExtra < extraCount) WriteExtra(value, extras[nextExtra++], writer);
        writer.WriteEndObject();
    }

    private void WriteField(T value, int id, ref ulong written, Utf8JsonWriter writer)
    {
        ulong bit = 1UL << id;
        if ((written & bit) != 0) return;
        var field = _fields[id];
        if (!field.IsPresent(value)) return;
        written |= bit;
        writer.WritePropertyName(field.EncodedName);
        field.WriteValue(value, writer);
    }

    private static System.Collections.DictionaryEntry[] ExtraEntries(T value)
    {
        var extras = value.AdditionalOrNull;
        if (extras == null || extras.Count == 0) return Array.Empty<System.Collections.DictionaryEntry>();
        // Enumerate: OrderedDictionary.CopyTo copies from its inner hashtable and loses the order.
        var entries = new System.Collections.DictionaryEntry[extras.Count];
        int i = 0;
        foreach (System.Collections.DictionaryEntry entry in extras) entries[i++] = entry;
        return entries;
    }

    /// <summary>Writes one additional member, unless a typed member of the same name now has a value (the user
    /// set the typed property after reading a value of another type: the new value wins).</summary>
    private void WriteExtra(T value, System.Collections.DictionaryEntry entry, Utf8JsonWriter writer)
    {
        string name = (string)entry.Key;
        foreach (var field in _fields)
        {
            if (field.Name == name && field.IsPresent(value)) return;
        }
        writer.WritePropertyName(name);
        PlainJson.Write(writer, entry.Value);
    }
}
