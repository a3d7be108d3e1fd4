namespace CsmEvents.Cli;

/// <summary>Process entry point: hands the real console streams to <see cref="CliApp"/>.</summary>
internal static class Program
{
    private static int Main(string[] args) => CliApp.Run(args, System.Console.OpenStandardInput(), System.Console.OpenStandardOutput(), System.Console.Error);
}
