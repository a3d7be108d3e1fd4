using System.IO;

namespace CsmEvents.Cli;

/// <summary>The `csm-events` command line, callable in-process so tests can run it with captured streams.</summary>
public static class CliApp
{
    public static int Run(string[] args, Stream stdin, Stream stdout, TextWriter stderr)
    {
        stderr.WriteLine("usage: csm-events <get|test|tree|schemas> [options]");
        return 2;
    }
}
