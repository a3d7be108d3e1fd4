using System;
using System.Diagnostics;
using System.IO;
using CsmEvents.Report;

namespace CsmEvents.Bench;

internal static class ReportParts
{
    public static int Run(string[] args)
    {
        string file = args[0];
        for (int round = 0; round < 2; round++)
        {
            var sink = new CountingSink();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var runner = new ReportRunner(new ReportOptions(), sink);
            runner.ReadPaths(new[] { file });
            var read = sw.Elapsed.TotalSeconds; var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
            using var output = new MemoryStream();
            var result = runner.Complete(output);
            var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
            Console.WriteLine($"gc0 {GC.CollectionCount(0)} gc1 {GC.CollectionCount(1)} gc2 {GC.CollectionCount(2)} pause {GC.GetTotalPauseDuration().TotalSeconds:F2} s; read {read:F2} s ({(cpu1 - cpu0).TotalSeconds:F2} cpu), complete {sw.Elapsed.TotalSeconds - read:F2} s ({(cpu2 - cpu1).TotalSeconds:F2} cpu); {result}");
        }
        return 0;
    }
}
