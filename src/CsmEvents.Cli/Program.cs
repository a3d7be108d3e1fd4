using System;
using System.Threading;

namespace CsmEvents.Cli;

/// <summary>Process entry point: hands the real console streams to <see cref="CliApp"/>; Ctrl+C cancels.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        using var stdin = Console.OpenStandardInput();
        using var stdout = Console.OpenStandardOutput();
        try
        {
            return CliApp.Run(args, stdin, stdout, Console.Error, cancel.Token);
        }
        catch (System.IO.IOException)
        {
            // Input errors never escape CliApp (they are reported per record), so this is standard output
            // closed early, as in `csm-events get x | head`: stop quietly, as other filters do.
            return 0;
        }
    }
}
