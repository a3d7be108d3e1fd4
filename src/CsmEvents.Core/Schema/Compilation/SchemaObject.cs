using System.Collections.Generic;
using System.Text.Json;

namespace CsmEvents.Schema.Compilation;

/// <summary>
/// Reads schema objects the way Go's encoding/json does (Datadog's schemas are produced and consumed by Go):
/// when a key appears twice, the last value wins, at the position of its first appearance.
/// </summary>
internal static class SchemaObject
{
    public static List<KeyValuePair<string, JsonElement>> Members(JsonElement obj)
    {
        var list = new List<KeyValuePair<string, JsonElement>>();
        Dictionary<string, int>? positions = null;
        foreach (var p in obj.EnumerateObject())
        {
            positions ??= new Dictionary<string, int>(System.StringComparer.Ordinal);
            string name = p.Name;
            if (positions.TryGetValue(name, out int at)) list[at] = new KeyValuePair<string, JsonElement>(name, p.Value);
            else
            {
                positions[name] = list.Count;
                list.Add(new KeyValuePair<string, JsonElement>(name, p.Value));
            }
        }
        return list;
    }

    public static Dictionary<string, JsonElement> Keywords(JsonElement obj)
    {
        var map = new Dictionary<string, JsonElement>(System.StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject()) map[p.Name] = p.Value;
        return map;
    }
}
