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
    private ulong[] _nameHeads = Array.Empty<ulong>();
    private ulong[] _nameTails = Array.Empty<ulong>();
    // The class's own reader of members in schema order, when it has one (see MemberReader), and the field names
    // it compares long member names with.
    private MemberReader<T>? _members;
    private byte[][]? _utf8Names;

    public ObjectShape(Func<T> create) => _create = create;

    public ObjectShape<T> Add(Field<T> field)
    {
        if (_members != null) throw new InvalidOperationException(typeof(T).Name + ": add every field before the member reader");
        if (_fields.Length >= 64) throw new InvalidOperationException(typeof(T).Name + ": at most 64 typed members (duplicate detection uses a 64-bit mask)");
        Array.Resize(ref _fields, _fields.Length + 1);
        _fields[_fields.Length - 1] = field;
        Array.Resize(ref _nameHeads, _fields.Length);
        _nameHeads[_fields.Length - 1] = field.NameHead;
        Array.Resize(ref _nameTails, _fields.Length);
        _nameTails[_fields.Length - 1] = field.NameTail;
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

    /// <summary>Reads the members that arrive in schema order with <paramref name="members"/>, whose names must be
    /// the fields' names in order (checked here, once, when the shape is built).</summary>
    public ObjectShape<T> ReadWith(MemberReader<T> members)
    {
        var names = members.Names;
        if (names.Length != _fields.Length) throw new InvalidOperationException(typeof(T).Name + ": the member reader has " + names.Length + " members, the shape " + _fields.Length);
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i] != _fields[i].Name) throw new InvalidOperationException(typeof(T).Name + ": member " + i + " is \"" + _fields[i].Name + "\" in the shape, \"" + names[i] + "\" in the member reader");
        }
        _utf8Names = Array.ConvertAll(_fields, f => f.Utf8Name);
        _members = members;
        return this;
    }

    /// <summary>Reads an object; the reader is on its StartObject token and is left on its EndObject token.</summary>
    public T Read(ref Utf8JsonReader reader, ReadContext context)
    {
        var result = _create();
        // The depth of the object is that of its StartObject token, where the reader is now.
        int depth = reader.CurrentDepth;
        LoopState loop;
        bool more;
        int pending = -1;
        if (_members != null)
        {
            var inOrder = new InOrderMembers(_nameHeads, _nameTails, _utf8Names!);
            inOrder.Start(ref reader);
            _members.ReadInOrder(result, ref reader, context, ref inOrder);
            more = !inOrder.Ended;
            pending = inOrder.Pending;
            // The common case: every member in schema order, nothing else to do (not even the loop's state).
            if (pending < 0 && (!more || reader.TokenType == JsonTokenType.EndObject)) return result;
            loop = new LoopState(context, depth);
            loop.Resume(inOrder.Taken, pending);
        }
        else
        {
            loop = new LoopState(context, depth);
            more = reader.Read();
        }

        if (pending >= 0)
        {
            // The value of a member read in order did not fit its type: it is kept as a plain member.
            result.AddAdditional(_fields[pending].Name, context.TakePlainValue(ref reader));
            loop.Record(MemberOrder.Extra);
            more = reader.Read();
        }
        while (more && reader.TokenType != JsonTokenType.EndObject)
        {
            int id = FindField(ref reader, ref loop.Cursor);
            if (id < 0)
            {
                string name = reader.GetString()!;
                reader.Read();
                result.AddAdditional(name, PlainJson.Read(ref reader));
                loop.Record(MemberOrder.Extra);
            }
            else
            {
                var field = _fields[id];
                ulong bit = 1UL << id;
                if ((loop.Seen & bit) != 0) throw PlainJson.DuplicateProperty(field.Name);
                loop.Seen |= bit;
                reader.Read();
                if (field.TryRead(result, ref reader, context))
                {
                    loop.Record((byte)id);
                }
                else
                {
                    result.AddAdditional(field.Name, context.TakePlainValue(ref reader));
                    loop.Record(MemberOrder.Extra);
                }
            }
            more = reader.Read();
        }

        if (!loop.Canonical) result.ReadOrder = loop.Order();
        return result;
    }

    /// <summary>What the generic loop knows about the members read so far: which, in what order, whether that
    /// order is the canonical one.</summary>
    private struct LoopState
    {
        private readonly ReadContext _context;
        private readonly int _depth;
        private byte[] _order;
        private int _count;
        private int _lastId;
        public ulong Seen;
        public int Cursor;
        public bool Canonical;

        public LoopState(ReadContext context, int depth)
        {
            _context = context;
            _depth = depth;
            _order = context.OrderBuffer(depth, 16);
            _count = 0;
            _lastId = -1;
            Seen = 0;
            Cursor = 0;
            Canonical = true;
        }

        /// <summary>Takes over from a member reader: <paramref name="taken"/> were read in schema order, so their
        /// order is that of their ids; <paramref name="pending"/> is a member found but not read (-1 if none).</summary>
        public void Resume(ulong taken, int pending)
        {
            for (int id = 0; id < 64 && taken >> id != 0; id++)
            {
                if ((taken >> id & 1) != 0) Record((byte)id);
            }
            Seen = taken | (pending >= 0 ? 1UL << pending : 0);
            Cursor = _lastId + 1;
        }

        public void Record(byte entry)
        {
            if (entry == MemberOrder.Extra) Canonical = false;
            else
            {
                if (entry <= _lastId) Canonical = false;
                _lastId = entry;
            }
            if (_count == _order.Length) _order = _context.OrderBuffer(_depth, _count * 2);
            _order[_count++] = entry;
        }

        public byte[] Order()
        {
            var kept = new byte[_count];
            Array.Copy(_order, kept, _count);
            return kept;
        }
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
        ulong head = MemberNameKey.Head(span);
        var heads = _nameHeads;
        int i = cursor;
        for (int k = 0; k < n; k++, i++)
        {
            if (i >= n) i = 0;
            if (heads[i] == head && (span.Length <= MemberNameKey.PrefixBytes || SameLongName(span, i)))
            {
                cursor = i + 1;
                return i;
            }
        }
        return -1;
    }

    private bool SameLongName(ReadOnlySpan<byte> span, int field) =>
        _nameTails[field] == MemberNameKey.Tail(span) && (span.Length <= MemberNameKey.HeadAndTailBytes || span.SequenceEqual(_fields[field].Utf8Name));

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
