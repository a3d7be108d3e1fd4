using System;
using System.IO;

namespace CsmEvents.HelpBuilder;

/// <summary>
/// CsmEvents.HelpBuilder DOCS_FOLDER OUTPUT_FILE: converts every Verb-Noun.md page of DOCS_FOLDER into one MAML
/// file. A page it cannot convert is an error "FILE(LINE): error CSMHELP1: reason" (MSBuild shows it as a build
/// error) and exit code 1; nothing is written then.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 2)
        {
            error.WriteLine("usage: CsmEvents.HelpBuilder DOCS_FOLDER OUTPUT_FILE");
            return 2;
        }
        try
        {
            string text = HelpFolder.Convert(args[0], Path.GetFileName(args[1]));
            string helpFile = Path.GetFullPath(args[1]);
            Directory.CreateDirectory(Path.GetDirectoryName(helpFile)!);
            // Always written: MSBuild runs the converter again while the file is older than a page or the converter.
            File.WriteAllText(helpFile, text);
            output.WriteLine("Cmdlet help written: " + helpFile);
            return 0;
        }
        catch (HelpFormatException failure)
        {
            output.WriteLine(failure.ToMSBuildError());
            return 1;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            output.WriteLine(args[0] + ": error CSMHELP1: " + failure.Message);
            return 1;
        }
    }
}
