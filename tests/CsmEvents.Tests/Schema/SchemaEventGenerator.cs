using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace CsmEvents.Tests.Schema;

/// <summary>
/// Generates events from a Datadog-style schema (type, properties, required, items, $ref, format,
/// additionalProperties), deterministically from a seed, and mutates them the ways real events go wrong:
/// wrong types, missing required members, unknown members, bad dates, bad array items.
/// </summary>
internal sealed class SchemaEventGenerator
{
    private static readonly string[] BadDates =
    {
        "2025-02-30T10:00:00Z", "2025-01-15 10:20:30Z", "2025-01-15T10:20:30", "2016-12-31T23:58:60Z", "2025-13-01T00:00:00Z",
        "2025-01-15T25:00:00Z", "0001-01-01", "", "2025-01-15T10:20:30.Z", "2025-01-15T10:20:30+0100", "2024-02-29T24:00:00+01:00",
        "2016-12-31T23:59:60Z", "2016-12-31T18:59:60-05:00", "2025-1-15T10:20:30Z",
    };

    private readonly JsonObject _root;
    private readonly Random _random;
    // Which schema produced each generated object or date, so mutations can target required members and dates.
    private readonly Dictionary<JsonNode, JsonObject> _schemaOf = new(ReferenceEqualityComparer.Instance);
    private readonly List<JsonValue> _dates = new();

    public SchemaEventGenerator(JsonObject rootSchema, int seed)
    {
        _root = rootSchema;
        _random = new Random(seed);
    }

    /// <summary>A valid event, or (with the given probability) one with 1 to 3 mutations; describes what was done.</summary>
    public (JsonNode Event, string Mutations) Next(double mutationProbability)
    {
        _schemaOf.Clear();
        _dates.Clear();
        var evt = Generate(_root, 0)!;
        var done = new List<string>();
        if (_random.NextDouble() < mutationProbability)
        {
            int count = 1 + _random.Next(3);
            for (int i = 0; i < count; i++) done.Add(Mutate(evt));
        }
        return (evt, string.Join("; ", done));
    }

    private JsonNode? Generate(JsonNode? schema, int depth)
    {
        if (schema is not JsonObject o) return AnyScalar();
        if (o["$ref"] is JsonValue reference) return Generate(Resolve((string)reference!), depth);
        string? type = o["type"] switch
        {
            JsonValue v => (string?)v,
            JsonArray a => (string?)a[0],
            _ => null,
        };
        switch (type)
        {
            case "object": return GenerateObject(o, depth);
            case "array":
            {
                var array = new JsonArray();
                int count = depth > 5 ? 0 : _random.Next(4);
                for (int i = 0; i < count; i++) array.Add(Generate(o["items"], depth + 1));
                return array;
            }
            case "string":
                if ((string?)o["format"] == "date-time")
                {
                    var date = JsonValue.Create(RandomDateTime());
                    _dates.Add(date);
                    return date;
                }
                return JsonValue.Create(RandomWord());
            case "integer": return RandomInteger();
            case "number": return JsonValue.Create(Math.Round(_random.NextDouble() * 1000, 3));
            case "boolean": return JsonValue.Create(_random.Next(2) == 0);
            case "null": return null;
            default: return AnyScalar();
        }
    }

    private JsonObject GenerateObject(JsonObject schema, int depth)
    {
        var result = new JsonObject();
        _schemaOf[result] = schema;
        var required = (schema["required"] as JsonArray)?.Select(r => (string)r!).ToHashSet() ?? new HashSet<string>();
        double optional = depth switch { 0 => 0.6, 1 => 0.5, 2 => 0.35, _ => 0.2 };
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, propertySchema) in properties)
            {
                if (required.Contains(name) || (depth < 7 && _random.NextDouble() < optional)) result[name] = Generate(propertySchema, depth + 1);
            }
        }
        else if (schema["additionalProperties"] is JsonObject valueSchema)
        {
            int count = _random.Next(3);
            for (int i = 0; i < count; i++) result["key" + i] = Generate(valueSchema, depth + 1);
        }
        foreach (string name in required)
        {
            if (!result.ContainsKey(name)) result[name] = AnyScalar();
        }
        return result;
    }

    private string Mutate(JsonNode evt)
    {
        var locations = new List<(JsonNode Parent, string? Key, int Index, JsonNode? Value)>();
        Collect(evt, locations);
        var objects = new List<JsonObject> { evt.AsObject() };
        objects.AddRange(locations.Select(l => l.Value).OfType<JsonObject>());
        switch (_random.Next(5))
        {
            case 0 when locations.Count > 0:
            {
                var l = locations[_random.Next(locations.Count)];
                Replace(l, WrongTypeFor(l.Value));
                return "wrong type at " + Describe(l);
            }
            case 1:
            {
                var withRequired = objects.Where(o => _schemaOf.TryGetValue(o, out var s) && s["required"] is JsonArray r && r.Count > 0 && o.Count > 0).ToList();
                var target = withRequired.Count > 0 && _random.Next(3) > 0 ? withRequired[_random.Next(withRequired.Count)] : objects[_random.Next(objects.Count)];
                if (target.Count == 0) return "nothing to remove";
                string name = target.Select(p => p.Key).ElementAt(_random.Next(target.Count));
                if (_schemaOf.TryGetValue(target, out var schema) && schema["required"] is JsonArray req && req.Count > 0 && _random.Next(2) == 0)
                {
                    string candidate = (string)req[_random.Next(req.Count)]!;
                    if (target.ContainsKey(candidate)) name = candidate;
                }
                target.Remove(name);
                return "removed " + name;
            }
            case 2:
            {
                var target = objects[_random.Next(objects.Count)];
                string name = "unexpected_" + _random.Next(100);
                target[name] = AnyScalar();
                return "added " + name;
            }
            case 3 when _dates.Count > 0:
            {
                var date = _dates[_random.Next(_dates.Count)];
                var l = locations.FirstOrDefault(x => ReferenceEquals(x.Value, date));
                if (l.Parent == null) return "date already replaced";
                Replace(l, JsonValue.Create(BadDates[_random.Next(BadDates.Length)]));
                return "bad date at " + Describe(l);
            }
            default:
            {
                var items = locations.Where(l => l.Key == null).ToList();
                if (items.Count == 0) return "no array item";
                var l = items[_random.Next(items.Count)];
                if (l.Value is JsonObject item && item.Count > 0 && _random.Next(2) == 0)
                {
                    string name = item.Select(p => p.Key).ElementAt(_random.Next(item.Count));
                    item[name] = WrongTypeFor(item[name]);
                    return "wrong type in array item member " + name;
                }
                Replace(l, WrongTypeFor(l.Value));
                return "wrong array item at " + Describe(l);
            }
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int, JsonNode?)> into)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o.ToList())
            {
                into.Add((o, key, -1, value));
                if (value != null) Collect(value, into);
            }
        }
        else if (node is JsonArray a)
        {
            for (int i = 0; i < a.Count; i++)
            {
                into.Add((a, null, i, a[i]));
                if (a[i] != null) Collect(a[i]!, into);
            }
        }
    }

    private static void Replace((JsonNode Parent, string? Key, int Index, JsonNode? Value) location, JsonNode? value)
    {
        if (location.Key != null) location.Parent.AsObject()[location.Key] = value;
        else location.Parent.AsArray()[location.Index] = value;
    }

    private static string Describe((JsonNode Parent, string? Key, int Index, JsonNode? Value) l) =>
        l.Parent.GetPath() + (l.Key != null ? "." + l.Key : "[" + l.Index + "]");

    private JsonNode? WrongTypeFor(JsonNode? current)
    {
        var kind = current?.GetValueKind();
        while (true)
        {
            switch (_random.Next(7))
            {
                case 0 when kind != System.Text.Json.JsonValueKind.String: return JsonValue.Create("12");
                case 1 when kind != System.Text.Json.JsonValueKind.Number: return JsonValue.Create(12);
                case 2 when kind != System.Text.Json.JsonValueKind.Number: return JsonValue.Create(1.5);
                case 3 when kind != System.Text.Json.JsonValueKind.True && kind != System.Text.Json.JsonValueKind.False: return JsonValue.Create(true);
                case 4 when current != null: return null;
                case 5 when kind != System.Text.Json.JsonValueKind.Object: return new JsonObject { ["x"] = 1 };
                case 6 when kind != System.Text.Json.JsonValueKind.Array: return new JsonArray(1, "a");
            }
        }
    }

    private JsonNode Resolve(string reference)
    {
        // Datadog's schemas only use local JSON pointers (#/$defs/X, #/definitions/X).
        JsonNode node = _root;
        foreach (string token in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node[token.Replace("~1", "/").Replace("~0", "~")]!;
        }
        return node;
    }

    private JsonNode? AnyScalar() => _random.Next(4) switch
    {
        0 => JsonValue.Create(RandomWord()),
        1 => JsonValue.Create(_random.Next(100000)),
        2 => JsonValue.Create(_random.Next(2) == 0),
        _ => null,
    };

    private JsonNode RandomInteger() => _random.Next(10) switch
    {
        0 => JsonValue.Create(4294967295L),
        1 => JsonValue.Create(18446744073709551615UL),
        2 => JsonValue.Create(0),
        _ => JsonValue.Create(_random.Next(1, 70000)),
    };

    private string RandomWord()
    {
        string[] words = { "nginx", "bash", "/usr/bin/curl", "C:\\Windows\\System32\\cmd.exe", "root", "www-data", "ext4", "Process Activity", "exec", "été", "" };
        return words[_random.Next(words.Length)];
    }

    private string RandomDateTime()
    {
        var instant = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(_random.Next(200_000_000));
        string text = instant.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        int digits = _random.Next(10);
        if (digits > 0) text += "." + _random.Next(1, 999_999_999).ToString("D9", CultureInfo.InvariantCulture).Substring(0, digits);
        return text + (_random.Next(4) switch { 0 => "+02:00", 1 => "-07:30", _ => "Z" });
    }
}
