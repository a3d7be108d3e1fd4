using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.IO;
using System.Linq;
using CsmEvents.Commands;

namespace CsmEvents.Bench;

/// <summary>
/// `alloc`: what typed reading allocates, by type. The runtime reports an allocation sample about every 100 KB
/// (GCAllocationTick, with the type of the object that crossed the mark), so the counts are proportional to bytes
/// allocated per type; with a few thousand samples the shares are good to about a point. Use it to decide which
/// objects are worth making smaller before measuring the change with `read`.
/// </summary>
internal static class AllocationProfile
{
    public static int Run(string[] args)
    {
        byte[] data = new EventGenerator(7).Lines(BenchOptions.Int(args, "--events", 20_000));
        int rounds = BenchOptions.Int(args, "--rounds", 10);
        Read(data); // warm up: the first round also allocates the reader's caches
        using var listener = new AllocationTickListener();
        long before = GC.GetAllocatedBytesForCurrentThread();
        long events = 0;
        for (int i = 0; i < rounds; i++) events += Read(data);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"{events:N0} events read, {allocated / (double)events:N0} bytes allocated per event; {listener.Samples:N0} samples");
        foreach (var (type, bytes) in listener.BytesByType.OrderByDescending(p => p.Value).Take(BenchOptions.Int(args, "--top", 25)))
        {
            Console.WriteLine($"{bytes * 100.0 / listener.TotalBytes,6:F1}%  {bytes * (allocated / (double)listener.TotalBytes) / events,8:N0} bytes/event  {type}");
        }
        return 0;
    }

    private static long Read(byte[] data)
    {
        var sink = new CountingSink();
        new GetEventsRunner(new GetEventsOptions(), sink).ReadStream(new MemoryStream(data), "bench");
        return sink.Events;
    }

    private sealed class AllocationTickListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;

        public readonly Dictionary<string, long> BytesByType = new();
        public long TotalBytes;
        public int Samples;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName == null || !e.EventName.StartsWith("GCAllocationTick") || e.Payload == null) return;
            int typeIndex = e.PayloadNames!.IndexOf("TypeName");
            int amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
            if (typeIndex < 0 || amountIndex < 0) return;
            string type = e.Payload[typeIndex] as string ?? "?";
            long amount = Convert.ToInt64(e.Payload[amountIndex]);
            lock (BytesByType)
            {
                BytesByType[type] = BytesByType.TryGetValue(type, out long sum) ? sum + amount : amount;
                TotalBytes += amount;
                Samples++;
            }
        }
    }
}
