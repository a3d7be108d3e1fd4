using System.Text.Json;

namespace CsmEvents.Tests.Support;

/// <summary>
/// Strict JSON equality for lossless round trips: the same members in the same order, the same strings (as text,
/// however escaped), numbers written with the same text, the same literals. Says where the first difference is.
/// </summary>
public static class SameJson
{
    public static bool Equal(byte[] expected, byte[] actual, out string difference)
    {
        using var a = JsonDocument.Parse(expected, new JsonDocumentOptions { MaxDepth = 1024 });
        using var b = JsonDocument.Parse(actual, new JsonDocumentOptions { MaxDepth = 1024 });
        difference = Compare(a.RootElement, b.RootElement, "$") ?? string.Empty;
        return difference.Length == 0;
    }

    private static string? Compare(JsonElement a, JsonElement b, string path)
    {
        if (a.ValueKind != b.ValueKind) return path + ": " + a.ValueKind + " became " + b.ValueKind;
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject();
                var right = b.EnumerateObject();
                while (true)
                {
                    bool more = left.MoveNext();
                    if (more != right.MoveNext()) return path + ": the members differ in number";
                    if (!more) return null;
                    if (left.Current.Name != right.Current.Name) return path + ": member \"" + left.Current.Name + "\" became \"" + right.Current.Name + "\"";
                    string? inner = Compare(left.Current.Value, right.Current.Value, path + "." + left.Current.Name);
                    if (inner != null) return inner;
                }
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength()) return path + ": " + a.GetArrayLength() + " elements became " + b.GetArrayLength();
                for (int i = 0; i < a.GetArrayLength(); i++)
                {
                    string? inner = Compare(a[i], b[i], path + "[" + i + "]");
                    if (inner != null) return inner;
                }
                return null;
            case JsonValueKind.String:
                return a.GetString() == b.GetString() ? null : path + ": \"" + a.GetString() + "\" became \"" + b.GetString() + "\"";
            case JsonValueKind.Number:
                return a.GetRawText() == b.GetRawText() ? null : path + ": " + a.GetRawText() + " became " + b.GetRawText();
            default:
                return null;
        }
    }
}
