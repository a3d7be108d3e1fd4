using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CsmEvents.HelpBuilder;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.HelpBuilder;

/// <summary>The converter over a folder, and its command line as the module build runs it.</summary>
public sealed class HelpFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "csmevents-help-" + Guid.NewGuid().ToString("N"));

    public HelpFolderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Page(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ConvertsEveryPageOfTheRepositoryDocsInNameOrder()
    {
        string docs = RepoPaths.InRepo("docs", "cmdlets");
        var maml = XDocument.Parse(HelpFolder.Convert(docs, "CsmEvents.dll-Help.xml"));
        var names = maml.Root!.Elements(MamlWriter.Command + "command").Select(c => c.Element(MamlWriter.Command + "details")!.Element(MamlWriter.Command + "name")!.Value);
        var pages = Directory.GetFiles(docs, "*-*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(pages, names);
    }

    [Fact]
    public void EveryPageMustNameTheHelpFileBeingWritten()
    {
        Page("Get-Thing.md", SamplePage.Text);
        var error = Assert.Throws<HelpFormatException>(() => HelpFolder.Convert(_folder, "Other.dll-Help.xml"));
        Assert.Equal("the front matter must say 'external help file: Other.dll-Help.xml' (the file this build writes)", error.Reason);
    }

    [Fact]
    public void AFolderWithoutPagesIsAnError()
    {
        var error = Assert.Throws<HelpFormatException>(() => HelpFolder.Convert(_folder, "CsmEvents.dll-Help.xml"));
        Assert.Equal("no Verb-Noun.md help pages in this folder", error.Reason);
    }

    [Fact]
    public void CommandLineWritesTheFileEvenWhenUnchanged()
    {
        Page("Get-Thing.md", SamplePage.Text);
        string output = Path.Combine(_folder, "en-US", "CsmEvents.dll-Help.xml");
        var console = new StringWriter();
        Assert.Equal(0, Program.Run(new[] { _folder, output }, console, TextWriter.Null));
        Assert.Equal(HelpFolder.Convert(_folder, "CsmEvents.dll-Help.xml"), File.ReadAllText(output));
        Assert.Equal("Cmdlet help written: " + output + Environment.NewLine, console.ToString());

        // MSBuild's up-to-date check compares times: an unchanged file must still be newer than the pages.
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(output, old);
        Assert.Equal(0, Program.Run(new[] { _folder, output }, TextWriter.Null, TextWriter.Null));
        Assert.True(File.GetLastWriteTimeUtc(output) > old);
    }

    [Fact]
    public void CommandLineReportsABadPageAsABuildErrorAndWritesNothing()
    {
        string page = Page("Get-Thing.md", SamplePage.With("Position: 0", "Position: first"));
        string output = Path.Combine(_folder, "CsmEvents.dll-Help.xml");
        var console = new StringWriter();
        Assert.Equal(1, Program.Run(new[] { _folder, output }, console, TextWriter.Null));
        Assert.Equal(page + "(104): error CSMHELP1: -Path: 'Position' is Named or a number, not 'first'" + Environment.NewLine, console.ToString());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void CommandLineNeedsTwoArguments()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(new[] { _folder }, TextWriter.Null, error));
        Assert.Equal("usage: CsmEvents.HelpBuilder DOCS_FOLDER OUTPUT_FILE" + Environment.NewLine, error.ToString());
    }
}
