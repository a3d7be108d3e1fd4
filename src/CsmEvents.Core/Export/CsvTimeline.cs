using System.Text;

namespace CsmEvents.Export;

/// <summary>
/// The flat timeline CSV (RFC 4180): a header line with <see cref="TimelineFields.Names"/>, then one record per event.
/// A field is quoted when it holds a comma, a double quote, a carriage return or a line feed, and double quotes are
/// doubled. A field that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a
/// leading apostrophe, so that a spreadsheet shows it as text instead of running it as a formula (an attacker
/// controls command lines and file names). Records are returned without their line end: each host adds its own
/// (the CLI writes CRLF as RFC 4180 says; PowerShell's Set-Content adds the platform's).
/// </summary>
public static class CsvTimeline
{
    /// <summary>The header record.</summary>
    public static string Header { get; } = string.Join(",", TimelineFields.Names);

    /// <summary>The record of one event.</summary>
    public static string Record(TimelineFields fields)
    {
        var sb = new StringBuilder(256);
        var values = fields.Values();
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(',');
            AppendField(sb, values[i]);
        }
        return sb.ToString();
    }

    /// <summary>One field, neutralised and quoted as needed; null is the empty field.</summary>
    public static void AppendField(StringBuilder sb, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        string text = StartsLikeFormula(value!) ? "'" + value : value!;
        if (text.IndexOfAny(NeedsQuotes) < 0)
        {
            sb.Append(text);
            return;
        }
        sb.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
    }

    private static readonly char[] NeedsQuotes = { ',', '"', '\r', '\n' };

    /// <summary>True for the first characters spreadsheets read as the start of a formula (OWASP's list).</summary>
    public static bool StartsLikeFormula(string value)
    {
        if (value.Length == 0) return false;
        char c = value[0];
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
