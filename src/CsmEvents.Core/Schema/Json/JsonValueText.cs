using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CsmEvents.Schema.Json;

/// <summary>
/// Short, compact JSON renderings of instance values for error messages. Rendering stops as soon as the budget
/// is used, so a huge or very deeply nested value costs no more than a short one.
/// </summary>
internal static class JsonValueText
{
    public const int DefaultMaxLength = 80;
    private const string Ellipsis = "...";

    /// <summary>Compact JSON of <paramref name="value"/>, cut to <paramref name="maxLength"/> characters with "..." when longer.</summary>
    public static string Render(JsonElement value, int maxLength = DefaultMaxLength)
    {
        var sb = new StringBuilder();
        // One character more than allowed tells us that the text was cut.
        bool complete = Write(sb, value, maxLength + 1);
        return Finish(sb, complete, maxLength);
    }

    /// <summary>A JSON string literal for <paramref name="text"/>, shortened like <see cref="Render"/>.</summary>
    public static string Quote(string text, int maxLength = DefaultMaxLength)
    {
        var sb = new StringBuilder();
        bool complete = WriteString(sb, text, maxLength + 1);
        return Finish(sb, complete, maxLength);
    }

    /// <summary>The JSON type word used in messages: object, array, string, integer, number, boolean, null.</summary>
    public static string TypeWord(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object: return "object";
            case JsonValueKind.Array: return "array";
            case JsonValueKind.String: return "string";
            case JsonValueKind.Number: return JsonNumberKinds.IsInteger(value) ? "integer" : "number";
            case JsonValueKind.True:
            case JsonValueKind.False: return "boolean";
            default: return "null";
        }
    }

    /// <summary>"string \"12\"", "integer 5", "object", ...: the kind of a value, with the value itself when it is short.</summary>
    public static string Describe(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
            case JsonValueKind.Array:
            case JsonValueKind.Null:
                return TypeWord(value);
            default:
                return TypeWord(value) + " " + Render(value, 40);
        }
    }

    private static string Finish(StringBuilder sb, bool complete, int maxLength)
    {
        if (complete && sb.Length <= maxLength) return sb.ToString();
        int keep = maxLength - Ellipsis.Length;
        if (keep < 0) keep = 0;
        if (sb.Length > keep)
        {
            // Never split a surrogate pair.
            if (keep > 0 && char.IsHighSurrogate(sb[keep - 1])) keep--;
            sb.Length = keep;
        }
        return sb.Append(Ellipsis).ToString();
    }

    // Returns false when the budget ran out (the output is then incomplete).
    private static bool Write(StringBuilder sb, JsonElement value, int budget)
    {
        if (sb.Length >= budget) return false;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('{');
                bool firstMember = true;
                foreach (var p in value.EnumerateObject())
                {
                    if (!firstMember) sb.Append(',');
                    firstMember = false;
                    if (!WriteString(sb, p.Name, budget)) return false;
                    sb.Append(':');
                    if (!Write(sb, p.Value, budget)) return false;
                }
                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                bool firstItem = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!firstItem) sb.Append(',');
                    firstItem = false;
                    if (!Write(sb, item, budget)) return false;
                }
                sb.Append(']');
                break;
            case JsonValueKind.String:
                return WriteString(sb, value.GetString()!, budget);
            case JsonValueKind.Number:
                sb.Append(value.GetRawText());
                break;
            case JsonValueKind.True: sb.Append("true"); break;
            case JsonValueKind.False: sb.Append("false"); break;
            default: sb.Append("null"); break;
        }
        return sb.Length <= budget;
    }

    private static bool WriteString(StringBuilder sb, string text, int budget)
    {
        sb.Append('"');
        foreach (char c in text)
        {
            if (sb.Length >= budget) return false;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        return sb.Length <= budget;
    }
}
