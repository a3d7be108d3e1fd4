using System;
using System.Linq;
using CsmEvents.Bench;

// Benchmarks are chosen by name: dotnet run -c Release --project bench/CsmEvents.Bench -- <name> [options]
string name = args.Length > 0 ? args[0] : "";
string[] rest = args.Skip(1).ToArray();
switch (name)
{
    case "validate": return ValidationBench.Run(rest);
    default:
        Console.Error.WriteLine("usage: CsmEvents.Bench <benchmark> [options]\n  validate   schema validation throughput (ValidationBench)");
        return 2;
}
