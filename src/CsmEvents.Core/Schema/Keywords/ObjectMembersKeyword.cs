using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Keywords;

/// <summary>
/// properties, patternProperties, additionalProperties and required, evaluated in one pass over the instance's
/// members. One pass matters: event objects are validated by the million, and this way each member is looked up
/// once, compared as UTF-8 bytes (no string is built for a known member), and required members are ticked off
/// as they are met instead of being searched for again.
/// </summary>
internal sealed class ObjectMembersKeyword : KeywordEvaluator
{
    /// <summary>A member named in properties and/or required.</summary>
    internal sealed class NamedMember
    {
        public NamedMember(string name, SchemaNode? schema, int requiredSlot)
        {
            Name = name;
            Utf8 = Encoding.UTF8.GetBytes(name);
            Schema = schema;
            RequiredSlot = requiredSlot;
        }

        public string Name { get; }
        public byte[] Utf8 { get; }
        public SchemaNode? Schema { get; }
        public int RequiredSlot { get; }
    }

    internal sealed class PatternMember
    {
        public PatternMember(string source, Regex regex, SchemaNode schema)
        {
            Source = source;
            Regex = regex;
            Schema = schema;
        }

        public string Source { get; }
        public Regex Regex { get; }
        public SchemaNode Schema { get; }
    }

    // Above this many named members a dictionary lookup (which needs the member name as a string) beats scanning.
    private const int ScanLimit = 64;

    private readonly NamedMember[] _members;
    private readonly Dictionary<string, int>? _byName;

    // The one piece of state that changes after compilation: for each member (slot 0 = "start of the object"),
    // which member followed it in the last instance seen. Objects of one kind have the same shape, so the guess
    // is nearly always right and a member is then found with a single comparison. Threads may overwrite each
    // other's guesses; a stale guess only costs the scan below, never a wrong answer.
    private readonly int[] _nextGuess;
    private readonly PatternMember[] _patterns;
    private readonly SchemaNode? _additional;
    private readonly string? _additionalLocation;
    private readonly string[] _requiredNames;
    private readonly string? _requiredLocation;
    private readonly string _patternLocation;

    public ObjectMembersKeyword(
        string keyword,
        string location,
        NamedMember[] members,
        PatternMember[] patterns,
        string patternLocation,
        SchemaNode? additional,
        string? additionalLocation,
        string[] requiredNames,
        string? requiredLocation)
        : base(keyword, location)
    {
        _members = members;
        _patterns = patterns;
        _patternLocation = patternLocation;
        _additional = additional;
        _additionalLocation = additionalLocation;
        _requiredNames = requiredNames;
        _requiredLocation = requiredLocation;
        _nextGuess = new int[members.Length + 1];
        for (int i = 0; i < _nextGuess.Length; i++) _nextGuess[i] = i < members.Length ? i : -1;
        if (members.Length > ScanLimit)
        {
            _byName = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < members.Length; i++) _byName[members[i].Name] = i;
        }
    }

    internal IEnumerable<SchemaNode> Subschemas()
    {
        foreach (var m in _members) if (m.Schema != null) yield return m.Schema;
        foreach (var p in _patterns) yield return p.Schema;
        if (_additional != null) yield return _additional;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object) return true;
        bool collecting = context.Collecting;
        int errorMark = collecting ? context.Errors.Count : 0;
        int requiredCount = _requiredNames.Length;
        ulong seenMask = 0;
        bool[]? seenSlots = requiredCount > 64 ? new bool[requiredCount] : null;
        int seenCount = 0;
        bool valid = true;
        int previous = -1;

        foreach (var property in instance.EnumerateObject())
        {
            string? name = null;
            bool matched = false;
            int index = FindMember(property, ref previous);
            if (index >= 0)
            {
                var member = _members[index];
                if (member.RequiredSlot >= 0 && MarkSeen(member.RequiredSlot, ref seenMask, seenSlots)) seenCount++;
                if (member.Schema != null)
                {
                    matched = true;
                    if (!EvaluateMember(member.Schema, property, context))
                    {
                        valid = false;
                        if (!collecting) return false;
                    }
                }
            }

            if (_patterns.Length > 0)
            {
                name ??= property.Name;
                foreach (var pattern in _patterns)
                {
                    bool isMatch;
                    try
                    {
                        isMatch = pattern.Regex.IsMatch(name);
                    }
                    catch (RegexMatchTimeoutException)
                    {
                        valid = false;
                        if (!collecting) return false;
                        context.AddError(_patternLocation, "patternProperties", "property " + JsonValueText.Quote(name, 60) + ": " + PatternKeyword.TimeoutMessage(pattern.Source, pattern.Regex), JsonValueText.Render(property.Value));
                        continue;
                    }
                    if (!isMatch) continue;
                    matched = true;
                    if (!EvaluateMember(pattern.Schema, property, context))
                    {
                        valid = false;
                        if (!collecting) return false;
                    }
                }
            }

            if (!matched && _additional != null)
            {
                matched = true;
                if (_additional.Constant == false)
                {
                    if (!context.Options.IgnoreAdditionalProperties)
                    {
                        valid = false;
                        if (!collecting) return false;
                        name ??= property.Name;
                        context.AddMemberError(_additionalLocation!, "additionalProperties", "property " + JsonValueText.Quote(name, 60) + " is not allowed", name, property.Value);
                    }
                }
                else if (!EvaluateMember(_additional, property, context))
                {
                    valid = false;
                    if (!collecting) return false;
                }
            }

            if (matched && tracker != null) tracker.AddProperty(name ?? property.Name);
        }

        if (seenCount < requiredCount)
        {
            valid = false;
            if (!collecting) return false;
            // Missing members are reported before the errors found inside the members, like the other keywords
            // about the object itself.
            var missing = new List<SchemaError>();
            string path = context.InstancePath();
            string value = JsonValueText.Render(instance);
            for (int slot = 0; slot < requiredCount; slot++)
            {
                bool seen = seenSlots != null ? seenSlots[slot] : (seenMask & (1UL << slot)) != 0;
                if (seen) continue;
                missing.Add(new SchemaError(path, _requiredLocation!, "required", "missing required property " + JsonValueText.Quote(_requiredNames[slot], 60), value, null, _requiredNames[slot]));
            }
            context.Errors.InsertRange(errorMark, missing);
        }
        return valid;
    }

    private static bool EvaluateMember(SchemaNode schema, JsonProperty property, EvaluationContext context)
    {
        if (schema.AcceptsAll) return true;
        var target = schema.Resolved;
        var value = property.Value;
        // Most members are scalars checked by type (and format): accept those without entering the schema.
        if (target.IsQuickLeaf && target.QuickAccepts(value, context)) return true;
        context.PushProperty(property);
        bool ok = target.Evaluate(value, context, null);
        context.Pop();
        return ok;
    }

    private static bool MarkSeen(int slot, ref ulong mask, bool[]? slots)
    {
        if (slots != null)
        {
            if (slots[slot]) return false;
            slots[slot] = true;
            return true;
        }
        ulong bit = 1UL << slot;
        if ((mask & bit) != 0) return false;
        mask |= bit;
        return true;
    }

    /// <summary>
    /// Finds the named member matching <paramref name="property"/>, comparing UTF-8 bytes (no string is built).
    /// First the learned guess for what follows <paramref name="previous"/>; then a scan that starts just after the
    /// previous match, because Go serializers write members in struct order and Datadog's schemas list them in the
    /// same order.
    /// </summary>
    private int FindMember(JsonProperty property, ref int previous)
    {
        var members = _members;
        int count = members.Length;
        if (count == 0) return -1;
        if (_byName != null) return _byName.TryGetValue(property.Name, out int known) ? known : -1;
        int slot = previous + 1;
        int guess = _nextGuess[slot];
        if (guess >= 0 && property.NameEquals(members[guess].Utf8))
        {
            previous = guess;
            return guess;
        }
        int start = previous + 1;
        for (int k = 0; k < count; k++)
        {
            int i = start + k;
            if (i >= count) i -= count;
            if (i == guess) continue;
            if (property.NameEquals(members[i].Utf8))
            {
                _nextGuess[slot] = i;
                previous = i;
                return i;
            }
        }
        return -1;
    }
}
