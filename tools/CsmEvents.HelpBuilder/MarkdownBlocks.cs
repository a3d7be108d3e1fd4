using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace CsmEvents.HelpBuilder;

/// <summary>A block of markdown body text: prose (one MAML paragraph) or a fenced code block.</summary>
public sealed record MarkdownBlock(bool IsCode, string Text, string Language, int Line);

/// <summary>
/// The markdown subset help pages use, turned into what Get-Help can show: plain paragraphs. Get-Help has no
/// markup, so a paragraph's soft line breaks are joined (the console wraps it), each list item and each table row
/// is a paragraph of its own, bold markers and link targets go, and `code spans` keep their backticks (as
/// PowerShell's own help does). Code blocks stay exactly as written.
/// </summary>
public static class MarkdownBlocks
{
    private static readonly Regex ListItem = new(@"^(?:[-*+]|\d+\.)\s+", RegexOptions.CultureInvariant);
    private static readonly Regex Link = new(@"\[([^\]]+)\]\(([^)\s]*)\)", RegexOptions.CultureInvariant);
    private static readonly Regex TableSeparator = new(@"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$", RegexOptions.CultureInvariant);

    public static List<MarkdownBlock> Parse(string file, IReadOnlyList<SourceLine> lines)
    {
        var blocks = new List<MarkdownBlock>();
        int i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            string trimmed = line.Text.Trim();
            if (trimmed.Length == 0) { i++; continue; }

            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                string language = trimmed.Substring(3).Trim();
                var code = new List<string>();
                int start = line.Number;
                for (i++; i < lines.Count && !lines[i].Text.Trim().StartsWith("```", StringComparison.Ordinal); i++) code.Add(lines[i].Text);
                if (i == lines.Count) throw new HelpFormatException(file, start, "a code block is not closed ('```')");
                i++;
                blocks.Add(new MarkdownBlock(true, string.Join("\n", code), language, start));
            }
            else if (trimmed.StartsWith("|", StringComparison.Ordinal))
            {
                var rows = new List<SourceLine>();
                for (; i < lines.Count && lines[i].Text.Trim().StartsWith("|", StringComparison.Ordinal); i++) rows.Add(lines[i]);
                blocks.AddRange(TableRows(file, rows));
            }
            else if (ListItem.IsMatch(trimmed))
            {
                // An item runs until the next item or a blank line; its continuation lines are indented or not.
                var item = new StringBuilder();
                int start = line.Number;
                for (; i < lines.Count && !lines[i].IsBlank; i++)
                {
                    string text = lines[i].Text.Trim();
                    if (ListItem.IsMatch(text) && item.Length > 0)
                    {
                        blocks.Add(new MarkdownBlock(false, Inline(item.ToString()), "", start));
                        item.Clear();
                        start = lines[i].Number;
                    }
                    if (item.Length > 0) item.Append(' ');
                    item.Append(item.Length == 0 ? MarkerAsText(text) : text);
                }
                blocks.Add(new MarkdownBlock(false, Inline(item.ToString()), "", start));
            }
            else
            {
                var paragraph = new List<string>();
                int start = line.Number;
                for (; i < lines.Count && !lines[i].IsBlank && !StartsBlock(lines[i].Text.Trim()); i++) paragraph.Add(lines[i].Text.Trim());
                blocks.Add(new MarkdownBlock(false, Inline(string.Join(" ", paragraph)), "", start));
            }
        }
        return blocks;
    }

    /// <summary>A body as MAML paragraphs; a code block is one paragraph, as written.</summary>
    public static List<string> Paragraphs(string file, IReadOnlyList<SourceLine> lines) =>
        Parse(file, lines).Select(b => b.Text).ToList();

    private static bool StartsBlock(string trimmed) =>
        trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("|", StringComparison.Ordinal) || ListItem.IsMatch(trimmed);

    /// <summary>"* item" and "+ item" show as "- item"; numbered items keep their number.</summary>
    private static string MarkerAsText(string text) => text[0] is '*' or '+' ? "-" + text.Substring(1) : text;

    /// <summary>
    /// A table as one paragraph per row, header included, so that the header reads as the legend of the rows:
    /// "a | b | c" becomes "a (b): c", two columns "a: b", more "a (b, c): d".
    /// </summary>
    private static IEnumerable<MarkdownBlock> TableRows(string file, List<SourceLine> rows)
    {
        if (rows.Count < 2 || !TableSeparator.IsMatch(rows[1].Text.Trim())) throw new HelpFormatException(file, rows[0].Number, "a table needs a header row and a '|---|' separator row");
        int columns = Cells(rows[0].Text).Count;
        foreach (var row in rows.Where((_, index) => index != 1))
        {
            var cells = Cells(row.Text).Select(Inline).ToList();
            if (cells.Count != columns) throw new HelpFormatException(file, row.Number, "this table row has " + cells.Count + " cells, the header " + columns);
            string text = cells.Count switch
            {
                1 => cells[0],
                2 => cells[0] + ": " + cells[1],
                _ => cells[0] + " (" + string.Join(", ", cells.Skip(1).Take(cells.Count - 2)) + "): " + cells[cells.Count - 1],
            };
            yield return new MarkdownBlock(false, text, "", row.Number);
        }
    }

    private static List<string> Cells(string row)
    {
        string trimmed = row.Trim();
        if (trimmed.StartsWith("|", StringComparison.Ordinal)) trimmed = trimmed.Substring(1);
        if (trimmed.EndsWith("|", StringComparison.Ordinal)) trimmed = trimmed.Substring(0, trimmed.Length - 1);
        // A "|" inside a `code span` is text, not a cell border.
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool inCode = false;
        foreach (char c in trimmed)
        {
            if (c == '`') inCode = !inCode;
            if (c == '|' && !inCode) { cells.Add(cell.ToString().Trim()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString().Trim());
        return cells;
    }

    /// <summary>
    /// Inline markdown as plain text: **bold** loses its markers, [text](target) becomes its text (and the address in
    /// parentheses when it is a web address); `code spans` are kept as written.
    /// </summary>
    public static string Inline(string text)
    {
        var result = new StringBuilder(text.Length);
        int position = 0;
        while (position < text.Length)
        {
            int open = text.IndexOf('`', position);
            int close = open < 0 ? -1 : text.IndexOf('`', open + 1);
            if (open < 0 || close < 0)
            {
                result.Append(PlainText(text.Substring(position)));
                break;
            }
            result.Append(PlainText(text.Substring(position, open - position)));
            result.Append(text, open, close - open + 1);
            position = close + 1;
        }
        return result.ToString();
    }

    private static string PlainText(string text)
    {
        text = text.Replace("**", "");
        return Link.Replace(text, m => IsWebAddress(m.Groups[2].Value) ? m.Groups[1].Value + " (" + m.Groups[2].Value + ")" : m.Groups[1].Value);
    }

    public static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
