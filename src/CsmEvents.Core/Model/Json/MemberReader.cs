using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CsmEvents.Model.Json;

/// <summary>
/// Reads the members of one model class that arrive in schema order (the order agents write them) with code
/// written for that class: one line per member, which checks whether the member at hand is that one and reads
/// its value straight into the property. No lookup, no call through a field object or a delegate, no order to
/// record. Only the classes read most often have one (every process of a lineage with its credentials and
/// executable, the event itself). Anything else (a member out of order, unknown, repeated, or with a value of
/// another type) ends the ordered part, and <see cref="ObjectShape{T}"/>'s generic loop reads the rest, with the
/// members read so far in its state, so the lossless rules stay in one place.
/// The members are numbered by an enum whose names are the JSON names; <see cref="ObjectShape{T}.ReadWith"/>
/// checks them against the shape's fields, so a reader cannot drift from its shape.
/// </summary>
internal abstract class MemberReader<T> where T : CsmObject
{
    /// <summary>The JSON member names, in field-id order (the names of the reader's member enum).</summary>
    public abstract string[] Names { get; }

    /// <summary>Reads members while they come in schema order; see <see cref="InOrderMembers"/>.</summary>
    public abstract void ReadInOrder(T owner, ref Utf8JsonReader reader, ReadContext context, ref InOrderMembers members);

    /// <summary>The names of a class's members followed by those its subclass adds.</summary>
    protected static string[] Concat(string[] first, string[] then)
    {
        var names = new string[first.Length + then.Length];
        first.CopyTo(names, 0);
        then.CopyTo(names, first.Length);
        return names;
    }

    /// <summary>The names of a member enum, in value order (GetNames sorts them so; Enum.GetValues(Type) would
    /// need dynamic code in the ahead-of-time compiled CLI).</summary>
    protected static string[] NamesOf<TEnum>() where TEnum : struct, Enum
    {
        var names = Enum.GetNames(typeof(TEnum));
        for (int i = 0; i < names.Length; i++)
        {
            Enum.TryParse<TEnum>(names[i], out var value);
            int id = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            if (id != i) throw new InvalidOperationException(typeof(TEnum).FullName + ": member ids must run from 0 without gaps");
        }
        return names;
    }
}

/// <summary>
/// Where a <see cref="MemberReader{T}"/> is in its object. The member readers' lines follow the pattern
/// <c>if (m.At(ref r, ID) &amp;&amp; m.Took(ref r, JsonValues.TryX(ref r, out v))) owner.X = v;</c>: <see cref="At"/>
/// is true when the member at hand is member ID (and moves to its value), <see cref="Took"/> moves to the next
/// member when the value fitted. Members are tried in schema order, each once, so what is read here is in
/// canonical order and never repeated. Which member is at hand is worked out once per member, when the reader
/// reaches its name (a search among the members after the last one read), so that the line of each absent
/// member (most of a class's members, in any one object) costs a comparison of two small integers.
/// </summary>
internal struct InOrderMembers
{
    private readonly ulong[] _heads;
    private readonly ulong[] _tails;
    private readonly byte[][] _names;
    // The id of the member at hand; -1 when there is none to read in order (end of the object, an escaped or
    // unknown name, a member that comes before one already read).
    private int _current;
    // Where the search for the next member starts: after the last member read.
    private int _next;

    public InOrderMembers(ulong[] heads, ulong[] tails, byte[][] names)
    {
        _heads = heads;
        _tails = tails;
        _names = names;
        _current = -1;
        _next = 0;
        Taken = 0;
        Pending = -1;
        Ended = false;
    }

    /// <summary>The members read (one bit per field id).</summary>
    public ulong Taken;

    /// <summary>The member whose value did not fit its type (the reader is on that value), else -1.</summary>
    public int Pending;

    /// <summary>True when the reader had no more tokens.</summary>
    public bool Ended;

    /// <summary>Moves from the object's StartObject token to its first member.</summary>
    public void Start(ref Utf8JsonReader reader) => Next(ref reader);

    /// <summary>True when the member at hand is member <paramref name="id"/>; the reader then moves to its value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool At(ref Utf8JsonReader reader, int id)
    {
        if (_current != id) return false;
        Pending = id;
        reader.Read();
        return true;
    }

    /// <summary>After reading the value of the member <see cref="At"/> found: when it fitted (<paramref name="fitted"/>),
    /// moves to the next member and returns true; else ends the ordered part, leaving the value to the generic loop.</summary>
    public bool Took(ref Utf8JsonReader reader, bool fitted)
    {
        _current = -1;
        if (!fitted) return false;
        Taken |= 1UL << Pending;
        _next = Pending + 1;
        Pending = -1;
        Next(ref reader);
        return true;
    }

    private void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            Ended = true;
            return;
        }
        if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped || reader.HasValueSequence) return;
        var name = reader.ValueSpan;
        ulong head = MemberNameKey.Head(name);
        var heads = _heads;
        for (int id = _next; id < heads.Length; id++)
        {
            if (heads[id] == head && (name.Length <= MemberNameKey.PrefixBytes || SameLongName(name, id)))
            {
                _current = id;
                return;
            }
        }
    }

    private bool SameLongName(ReadOnlySpan<byte> name, int id) =>
        _tails[id] == MemberNameKey.Tail(name) && (name.Length <= MemberNameKey.HeadAndTailBytes || name.SequenceEqual(_names[id]));
}
