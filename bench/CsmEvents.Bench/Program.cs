using System;
using System.Collections.Generic;
using System.Linq;

// Benchmark dispatcher: dotnet run -c Release --project bench/CsmEvents.Bench -- <name> [options]
// Each benchmark is one line here; its options are described in its own file.
var benches = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["tree"] = CsmEvents.Bench.TreeBench.Run,
};

if (args.Length == 0 || !benches.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine("usage: CsmEvents.Bench <" + string.Join("|", benches.Keys) + "> [options]");
    return 2;
}
return run(args.Skip(1).ToArray());
