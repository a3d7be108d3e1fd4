using System;
using System.Collections.Generic;
using CsmEvents.Text;

namespace CsmEvents.Conversion;

/// <summary>One suggestion for a parameter value: the text to insert (quoted when needed), the text to list and a tooltip.</summary>
public sealed class CompletionItem
{
    public CompletionItem(string completionText, string listItemText, string toolTip)
    {
        CompletionText = completionText;
        ListItemText = listItemText;
        ToolTip = toolTip;
    }

    /// <summary>What replaces the word being completed, quoted for the PowerShell command line when needed.</summary>
    public string CompletionText { get; }

    /// <summary>The bare value, as shown in a completion list.</summary>
    public string ListItemText { get; }

    public string ToolTip { get; }

    public override string ToString() => CompletionText;
}

/// <summary>
/// Completes a parameter value from a list of known values: what the user typed is a case-insensitive prefix (it
/// may hold wildcards and an opening quote), and values with spaces are quoted so the completed command line
/// stays one argument. Host-neutral, so the module's completers stay one-liners and the logic is tested here.
/// </summary>
public static class ArgumentCompletion
{
    /// <summary>The values matching <paramref name="wordToComplete"/>, in the order given.</summary>
    public static IReadOnlyList<CompletionItem> Complete(IEnumerable<string> values, string? wordToComplete, Func<string, string?>? toolTip = null)
    {
        string typed = wordToComplete ?? string.Empty;
        char quote = typed.Length > 0 && (typed[0] == '\'' || typed[0] == '"') ? typed[0] : '\0';
        string prefix = quote == '\0' ? typed : typed.Substring(1);
        if (quote != '\0' && prefix.Length > 0 && prefix[prefix.Length - 1] == quote) prefix = prefix.Substring(0, prefix.Length - 1);
        string pattern = prefix + "*";
        var items = new List<CompletionItem>();
        foreach (string value in values)
        {
            if (!Wildcard.IsMatch(pattern, value)) continue;
            items.Add(new CompletionItem(Quote(value, quote), value, toolTip?.Invoke(value) ?? value));
        }
        return items;
    }

    /// <summary>The value as one PowerShell argument: bare when it is a simple word, else in the quote the user
    /// opened (single quotes by default; embedded quotes doubled, and backticks and dollars kept literal).</summary>
    public static string Quote(string value, char userQuote = '\0')
    {
        if (userQuote == '\0' && IsBareWord(value)) return value;
        if (userQuote == '"')
        {
            return "\"" + value.Replace("`", "``").Replace("$", "`$").Replace("\"", "\"\"") + "\"";
        }
        return "'" + value.Replace("'", "''") + "'";
    }

    private static bool IsBareWord(string value)
    {
        if (value.Length == 0) return false;
        foreach (char c in value)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) return false;
        }
        return value[0] != '-';
    }
}
