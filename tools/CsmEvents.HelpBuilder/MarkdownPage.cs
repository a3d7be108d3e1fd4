using System;
using System.Collections.Generic;

namespace CsmEvents.HelpBuilder;

/// <summary>One line of a page with its 1-based number, for error messages.</summary>
public readonly record struct SourceLine(int Number, string Text)
{
    public bool IsBlank => Text.Trim().Length == 0;
}

/// <summary>A "## " section or a "### " subsection: its heading and the lines up to the next heading of its level.</summary>
public sealed class MarkdownSection
{
    public MarkdownSection(string heading, int line)
    {
        Heading = heading;
        Line = line;
    }

    public string Heading { get; }
    public int Line { get; }

    /// <summary>The lines before the first subsection.</summary>
    public List<SourceLine> Body { get; } = new();
    public List<MarkdownSection> Subsections { get; } = new();
}

/// <summary>
/// A PlatyPS page split into its front matter ("key: value" between "---" lines), its "# Title" and its sections.
/// Headings inside fenced code blocks are code, not headings (examples hold "# comments").
/// </summary>
public sealed class MarkdownPage
{
    private MarkdownPage(string file, Dictionary<string, string> frontMatter, string title, int titleLine, List<MarkdownSection> sections)
    {
        File = file;
        FrontMatter = frontMatter;
        Title = title;
        TitleLine = titleLine;
        Sections = sections;
    }

    public string File { get; }
    public IReadOnlyDictionary<string, string> FrontMatter { get; }
    public string Title { get; }
    public int TitleLine { get; }
    public IReadOnlyList<MarkdownSection> Sections { get; }

    public static MarkdownPage Parse(string file, string text)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        int index = 0;
        var frontMatter = new Dictionary<string, string>(StringComparer.Ordinal);
        if (lines.Length == 0 || lines[0] != "---") throw new HelpFormatException(file, 1, "the page must start with PlatyPS front matter ('---')");
        for (index = 1; index < lines.Length && lines[index] != "---"; index++)
        {
            int colon = lines[index].IndexOf(':');
            if (colon <= 0) throw new HelpFormatException(file, index + 1, "front matter lines are 'key: value'");
            frontMatter[lines[index].Substring(0, colon).Trim()] = lines[index].Substring(colon + 1).Trim();
        }
        if (index == lines.Length) throw new HelpFormatException(file, 1, "the front matter has no closing '---'");
        index++;

        string? title = null;
        int titleLine = 0;
        var sections = new List<MarkdownSection>();
        MarkdownSection? section = null, subsection = null;
        bool inFence = false;
        for (; index < lines.Length; index++)
        {
            string line = lines[index];
            var source = new SourceLine(index + 1, line);
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            else if (!inFence && line.StartsWith("# ", StringComparison.Ordinal))
            {
                if (title != null) throw new HelpFormatException(file, index + 1, "a page has one '# ' title");
                title = line.Substring(2).Trim();
                titleLine = index + 1;
                continue;
            }
            else if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (title == null) throw new HelpFormatException(file, index + 1, "a '## ' section before the '# ' title");
                section = new MarkdownSection(line.Substring(3).Trim(), index + 1);
                subsection = null;
                sections.Add(section);
                continue;
            }
            else if (!inFence && line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (section == null) throw new HelpFormatException(file, index + 1, "a '### ' heading outside any '## ' section");
                subsection = new MarkdownSection(line.Substring(4).Trim(), index + 1);
                section.Subsections.Add(subsection);
                continue;
            }

            if (subsection != null) subsection.Body.Add(source);
            else if (section != null) section.Body.Add(source);
            else if (!source.IsBlank) throw new HelpFormatException(file, index + 1, "text before the first '## ' section");
        }
        if (inFence) throw new HelpFormatException(file, lines.Length, "a code block is not closed ('```')");
        if (title == null) throw new HelpFormatException(file, 1, "the page has no '# ' title");
        return new MarkdownPage(file, frontMatter, title, titleLine, sections);
    }
}
