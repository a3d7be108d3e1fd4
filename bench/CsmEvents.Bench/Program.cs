using System;
using System.Linq;

namespace CsmEvents.Bench;

/// <summary>Benchmark entry point: `dotnet run -c Release --project bench/CsmEvents.Bench -- NAME [args]`.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string name = args.Length > 0 ? args[0] : "help";
        string[] rest = args.Skip(1).ToArray();
        switch (name)
        {
            case "read": return ReadBench.Throughput(rest);
            case "memory": return ReadBench.Memory(rest);
            case "e2e": return ReadBench.EndToEnd(rest);
            default:
                Console.WriteLine("usage: CsmEvents.Bench read [EVENTS] | memory | e2e [CSM_EVENTS_PATH] [RUNS]");
                return name == "help" ? 0 : 2;
        }
    }
}
