using System.Text;
using CsmEvents.Schema.Json;

namespace CsmEvents.Drift;

/// <summary>
/// The instance path of a drift group: the error's JSON pointer with every array index written as <c>*</c>
/// (<c>/process/ancestors/3/credentials</c> → <c>/process/ancestors/*/credentials</c>), so that one problem in every
/// ancestor is one group; for errors about one member of an object (required, additionalProperties,
/// unevaluatedProperties) the member's name is appended (<c>/process/ancestors/*/credentials/auid</c>), so that each
/// missing or unknown field is a group of its own. A segment made only of digits is taken as an array index.
/// </summary>
public static class DriftPath
{
    public const string AnyIndex = "*";

    /// <summary>The group path of an error at <paramref name="instancePath"/>, about <paramref name="property"/> (or null).</summary>
    public static string Of(string instancePath, string? property)
    {
        string path = Collapse(instancePath);
        return property == null ? path : path + "/" + JsonPointer.EscapeToken(property);
    }

    /// <summary>The pointer with array indexes as <c>*</c>; returns the same instance when it has none.</summary>
    public static string Collapse(string pointer)
    {
        if (!HasIndex(pointer)) return pointer;
        var text = new StringBuilder(pointer.Length);
        int start = 1;
        while (start <= pointer.Length)
        {
            int end = pointer.IndexOf('/', start);
            if (end < 0) end = pointer.Length;
            text.Append('/');
            if (IsIndex(pointer, start, end)) text.Append(AnyIndex);
            else text.Append(pointer, start, end - start);
            start = end + 1;
        }
        return text.ToString();
    }

    private static bool HasIndex(string pointer)
    {
        int start = 1;
        while (start <= pointer.Length && pointer.Length > 0)
        {
            int end = pointer.IndexOf('/', start);
            if (end < 0) end = pointer.Length;
            if (IsIndex(pointer, start, end)) return true;
            start = end + 1;
        }
        return false;
    }

    private static bool IsIndex(string pointer, int start, int end)
    {
        if (end == start) return false;
        for (int i = start; i < end; i++)
        {
            if (pointer[i] < '0' || pointer[i] > '9') return false;
        }
        return true;
    }
}
