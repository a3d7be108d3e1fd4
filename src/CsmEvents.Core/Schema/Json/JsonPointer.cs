using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace CsmEvents.Schema.Json;

/// <summary>RFC 6901 JSON pointers: building them for error locations and following them inside schema documents.</summary>
internal static class JsonPointer
{
    /// <summary>Escapes one reference token (<c>~</c> becomes <c>~0</c>, <c>/</c> becomes <c>~1</c>).</summary>
    public static string EscapeToken(string token)
    {
        if (token.IndexOf('~') < 0 && token.IndexOf('/') < 0) return token;
        return token.Replace("~", "~0").Replace("/", "~1");
    }

    public static string Append(string pointer, string token) => pointer + "/" + EscapeToken(token);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Splits a pointer into unescaped tokens; false when the text is not a pointer (does not start with '/').</summary>
    public static bool TryParse(string pointer, out List<string> tokens)
    {
        tokens = new List<string>();
        if (pointer.Length == 0) return true;
        if (pointer[0] != '/') return false;
        var current = new StringBuilder();
        for (int i = 1; i <= pointer.Length; i++)
        {
            if (i == pointer.Length || pointer[i] == '/')
            {
                tokens.Add(current.ToString());
                current.Clear();
                continue;
            }
            char c = pointer[i];
            if (c == '~')
            {
                if (i + 1 >= pointer.Length) return false;
                char next = pointer[++i];
                if (next == '0') current.Append('~');
                else if (next == '1') current.Append('/');
                else return false;
            }
            else current.Append(c);
        }
        return true;
    }

    /// <summary>Re-joins tokens into the canonical escaped form used as a lookup key.</summary>
    public static string Join(IEnumerable<string> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens) sb.Append('/').Append(EscapeToken(t));
        return sb.ToString();
    }

    /// <summary>
    /// Follows tokens from <paramref name="root"/>. Object members are matched with "last duplicate wins"
    /// (the rule Go's encoding/json applies to Datadog's schema files); array tokens must be canonical indexes.
    /// </summary>
    public static bool TryResolve(JsonElement root, IReadOnlyList<string> tokens, out JsonElement target)
    {
        target = root;
        foreach (var token in tokens)
        {
            if (target.ValueKind == JsonValueKind.Object)
            {
                if (!TryGetLastProperty(target, token, out var next)) return false;
                target = next;
            }
            else if (target.ValueKind == JsonValueKind.Array)
            {
                if (!TryParseIndex(token, out int index) || index >= target.GetArrayLength()) return false;
                target = target[index];
            }
            else return false;
        }
        return true;
    }

    /// <summary>The value of the last member named <paramref name="name"/> (duplicate keys: last one wins).</summary>
    public static bool TryGetLastProperty(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        bool found = false;
        foreach (var p in obj.EnumerateObject())
        {
            if (p.NameEquals(name)) { value = p.Value; found = true; }
        }
        return found;
    }

    private static bool TryParseIndex(string token, out int index)
    {
        index = 0;
        if (token.Length == 0 || token.Length > 9) return false;
        if (token.Length > 1 && token[0] == '0') return false;
        foreach (char c in token)
        {
            if (c < '0' || c > '9') return false;
            index = index * 10 + (c - '0');
        }
        return true;
    }
}
