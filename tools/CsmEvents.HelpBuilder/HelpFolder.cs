using System;
using System.IO;
using System.Linq;

namespace CsmEvents.HelpBuilder;

/// <summary>The pages of a docs folder as one MAML text.</summary>
public static class HelpFolder
{
    /// <summary>
    /// Reads every Verb-Noun.md page of <paramref name="folder"/>, in name order, and returns the MAML text (the
    /// about_*.help.txt topics are plain text: the build copies them as they are). Every page's "external help file"
    /// must name <paramref name="helpFileName"/>, the file Get-Help will look for.
    /// </summary>
    public static string Convert(string folder, string helpFileName)
    {
        var files = Directory.GetFiles(folder, "*-*.md").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new HelpFormatException(folder, 0, "no Verb-Noun.md help pages in this folder");
        var commands = files.Select(file =>
        {
            var help = CommandHelpReader.Read(file, File.ReadAllText(file));
            if (help.ExternalHelpFile != helpFileName)
            {
                throw new HelpFormatException(file, 1, "the front matter must say 'external help file: " + helpFileName + "' (the file this build writes)");
            }
            return help;
        }).ToList();
        return MamlWriter.ToText(MamlWriter.ToMaml(commands));
    }
}
