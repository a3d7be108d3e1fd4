using System;
using System.Linq;

namespace CsmEvents.Bench;

/// <summary>Benchmark entry point: `dotnet run -c Release --project bench/CsmEvents.Bench -- NAME [args]`.</summary>
internal static class Program
{
    private const string Usage =
        "usage: CsmEvents.Bench <benchmark> [options]\n" +
        "  read [EVENTS]              reading throughput: raw Utf8JsonReader scan vs typed CsmEvent reading vs read+write\n" +
        "  read-loop [ROUNDS]         typed reading only, repeated (a steady workload to profile with perf)\n" +
        "  alloc [--events N] [--rounds R]  bytes typed reading allocates per event, by type (AllocationProfile)\n" +
        "  memory                     peak memory streaming 100 MB and 1 GB of generated events\n" +
        "  e2e [CSM_EVENTS] [RUNS]    whole-process csm-events get vs jq -c . on a 20,000-event file\n" +
        "  validate [options]         schema validation throughput (ValidationBench)\n" +
        "  validate-e2e [CSM] [RUNS]  whole-process csm-events test vs ajv on a 20,000-event file\n" +
        "  tree [options]             process-tree building throughput and memory (TreeBench)\n" +
        "  tree-loop [--events N] [--rounds R]  the same parsed events added to one tree, repeatedly (for a profiler)\n" +
        "  drift [options]            validation with and without a drift summary; summary memory over 1,000,000 events\n" +
        "  report [CSM] [RUNS] [N]    whole-process csm-events report vs csm-events get on an N-event file (100,000)\n" +
        "  tree-e2e [options]         whole-process peak memory of csm-events tree (/usr/bin/time -v; TreeMemoryEndToEnd)\n" +
        "  cli [--runs N] [--only startup,get,test] [--native EXE] [--jit EXE]\n" +
        "                             whole processes: native csm-events start-up, get vs jq, test vs ajv (CliBench)\n" +
        "  tokenize [--events N] [--rounds R]  experiment: a hand-written tokenizer against Utf8JsonReader (TokenizerProbe)\n" +
        "  generate FILE --windows-events N | --bytes B   input files for bench/pwsh (GenerateCommand)";

    private static int Main(string[] args)
    {
        string name = args.Length > 0 ? args[0] : "help";
        string[] rest = args.Skip(1).ToArray();
        switch (name)
        {
            case "read": return ReadBench.Throughput(rest);
            case "read-loop": return ReadBench.Loop(rest);
            case "alloc": return AllocationProfile.Run(rest);
            case "memory": return ReadBench.Memory(rest);
            case "e2e": return ReadBench.EndToEnd(rest);
            case "validate": return ValidationBench.Run(rest);
            case "validate-e2e": return ValidationEndToEnd.Run(rest);
            case "tree": return TreeBench.Run(rest);
            case "tree-loop": return TreeBench.Loop(rest);
            case "drift": return DriftBench.Run(rest);
            case "report": return ReportBench.Run(rest);
            case "tree-e2e": return TreeMemoryEndToEnd.Run(rest);
            case "cli": return CliBench.Run(rest);
            case "tokenize": return TokenizerProbe.Run(rest);
            case "generate": return GenerateCommand.Run(rest);
            default:
                Console.Error.WriteLine(Usage);
                return name == "help" ? 0 : 2;
        }
    }
}
