using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using CsmEvents.Model;
using CsmEvents.ProcessTree;

namespace CsmEvents.Bench;

/// <summary>
/// Process tree build speed and memory.
/// <code>dotnet run -c Release --project bench/CsmEvents.Bench -- tree [--events 1000000] [--seed 42] [--batch 1000]</code>
/// Simulates one Linux host (a few thousand processes: fork children, exec chains, pid reuse, lineages of 5–30
/// ancestors), writes events as the agent would (acting process + parent + ancestors to pid 1), parses them
/// batch by batch OUTSIDE the timed region, and times only ProcessTreeRunner.Add. Batches are dropped after
/// use, so the memory measured after the build is the tree's, which should stop growing once every process has
/// been seen.
/// <para>--batch decides how warm the events are when they are added: with the default 1,000 events (about 20 MB
/// of objects) parsed before the first is added, every event is read back from memory, not from the CPU's caches
/// (the cold case). csm-events tree and Get-CsmProcessTree add each event right after it is parsed, which
/// --batch 10 reproduces while keeping the timer's own cost small (the streaming case). RESULTS.md gives both.</para>
/// </summary>
public static class TreeBench
{
    public static int Run(string[] args)
    {
        int events = BenchOptions.Int(args, "--events", 1_000_000);
        int seed = BenchOptions.Int(args, "--seed", 42);
        int batchSize = BenchOptions.Int(args, "--batch", 1_000);

        Console.WriteLine($"machine reference: {Calibrate():F1} ns per Dictionary<long,int> lookup (random keys, 4,096 entries)");
        var host = SimulatedHost.Generate(new Random(seed));
        Console.WriteLine($"simulated host: {host.Processes.Count:N0} process images ({host.Processes.Count(p => p.IsExec):N0} exec images, " +
                          $"{host.Processes.Count(p => p.IsThread):N0} fork children, {host.ReusedPids:N0} reused pids), " +
                          $"lineage length min {host.Processes.Min(p => p.Depth)} / mean {host.Processes.Average(p => p.Depth):F1} / max {host.Processes.Max(p => p.Depth)}");

        var eventRandom = new Random(seed + 1);
        var parser = new CsmEventParser();
        var runner = new ProcessTreeRunner(new ProcessTreeOptions(), null);
        var source = "bench-host.jsonl";

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baseline = GC.GetTotalMemory(true);
        long peakBefore = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;

        var timer = new Stopwatch();
        var cpu = TimeSpan.Zero;
        long allocated = 0;
        int gcBefore = GC.CollectionCount(0);
        long parseTicks = 0, jsonBytes = 0;
        var checkpoints = new List<string>();
        int nextCheckpoint = events / 4;
        var batch = new List<CsmEvent>(batchSize);
        for (int done = 0; done < events;)
        {
            int n = Math.Min(batchSize, events - done);
            long parseStart = Stopwatch.GetTimestamp();
            batch.Clear();
            for (int i = 0; i < n; i++)
            {
                byte[] json = host.EventJson(eventRandom, done + i);
                jsonBytes += json.Length;
                batch.Add(parser.ParseEvent(json, new EventSource(source, done + i + 1)));
            }
            parseTicks += Stopwatch.GetTimestamp() - parseStart;

            var cpuStart = ThreadCpu.Now();
            long allocStart = GC.GetAllocatedBytesForCurrentThread();
            timer.Start();
            foreach (var evt in batch) runner.Add(evt);
            timer.Stop();
            allocated += GC.GetAllocatedBytesForCurrentThread() - allocStart;
            cpu += ThreadCpu.Now() - cpuStart;
            done += n;

            if (done >= nextCheckpoint)
            {
                batch.Clear();
                long memory = GC.GetTotalMemory(true) - baseline;
                checkpoints.Add($"{done,9:N0} events: tree memory {memory / 1024.0 / 1024.0,6:F1} MiB");
                nextCheckpoint += events / 4;
            }
        }
        batch.Clear();
        long treeMemory = GC.GetTotalMemory(true) - baseline;

        var complete = Stopwatch.StartNew();
        var result = runner.Complete();
        complete.Stop();
        var render = Stopwatch.StartNew();
        int textLines = result.ToTextLines().Count;
        render.Stop();
        var renderJson = Stopwatch.StartNew();
        int jsonLength = result.ToJson().Length;
        renderJson.Stop();
        long peakAfter = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;

        double seconds = timer.Elapsed.TotalSeconds;
        Console.WriteLine($"events: {events:N0} ({jsonBytes / 1024.0 / 1024.0:F0} MiB of JSON, parsed in {parseTicks / (double)Stopwatch.Frequency:F1} s, not timed)");
        Console.WriteLine($"build (Add only): {seconds:F2} s wall = {events / seconds:N0} events/s; {cpu.TotalSeconds:F2} s thread CPU = {events / cpu.TotalSeconds:N0} events/s");
        Console.WriteLine($"allocated by Add: {allocated / 1024.0 / 1024.0:F1} MiB ({allocated / (double)events:F1} bytes per event); gen0 GCs during the run: {GC.CollectionCount(0) - gcBefore}");
        Console.WriteLine($"entries merged: {events * (1 + host.MeanEventLineage(seed)):N0} (acting process + ancestors; parent counted with ancestors[0])");
        Console.WriteLine($"tree: {result.ProcessCount:N0} processes, {result.Nodes.Count:N0} nodes, {result.Roots.Count} roots, {result.WarningCount} warnings");
        Console.WriteLine($"Complete(): {complete.Elapsed.TotalMilliseconds:F0} ms; text: {textLines:N0} lines in {render.Elapsed.TotalMilliseconds:F0} ms; json: {jsonLength / 1024.0 / 1024.0:F1} MiB in {renderJson.Elapsed.TotalMilliseconds:F0} ms");
        foreach (var line in checkpoints) Console.WriteLine(line);
        Console.WriteLine($"tree memory after build (GC.GetTotalMemory delta, batches dropped): {treeMemory / 1024.0 / 1024.0:F1} MiB = {treeMemory / Math.Max(1, result.ProcessCount):N0} bytes per process");
        Console.WriteLine($"peak working set: {peakBefore / 1024.0 / 1024.0:F0} MiB before, {peakAfter / 1024.0 / 1024.0:F0} MiB after (includes one parsed batch of {batchSize:N0} events and the renderings)");
        GC.KeepAlive(runner);
        GC.KeepAlive(host);
        return 0;
    }

    /// <summary>A fixed amount of ordinary work, to compare this machine's speed (and load) with others.</summary>
    private static double Calibrate()
    {
        var map = new Dictionary<long, int>();
        for (int i = 0; i < 4096; i++) map[i * 7919L] = i;
        var keys = new long[1 << 16];
        var random = new Random(7);
        for (int i = 0; i < keys.Length; i++) keys[i] = random.Next(4096) * 7919L;
        long sum = 0;
        var watch = Stopwatch.StartNew();
        for (int round = 0; round < 200; round++)
        {
            foreach (long k in keys) sum += map[k];
        }
        watch.Stop();
        GC.KeepAlive(sum);
        return watch.Elapsed.TotalMilliseconds * 1e6 / (200.0 * keys.Length);
    }

    /// <summary>A simulated process image.</summary>
    private sealed class SimProcess
    {
        public long Pid;
        public long Ppid;
        public string Comm = "";
        public string Path = "";
        public string[] Args = Array.Empty<string>();
        public DateTime Fork;
        public DateTime Exec;
        public DateTime? Exit;
        public bool IsThread;
        public bool IsExec;
        public SimProcess? Parent; // lineage parent: the forking process, or the pre-exec image
        public int Depth;          // number of ancestors
        public string ActingJson = "";
        public string AncestorJson = "";
        public string LineageJson = ""; // ,"parent":{...},"ancestors":[...]
    }

    /// <summary>One Linux host's process history, generated once; events are drawn from it.</summary>
    /// <summary>`tree-loop`: adds the same parsed events to one tree, round after round, so that a profiler sees
    /// only the merge. With --events 1000 (about 20 MB of objects) the events stay in the processor's caches (the
    /// streaming case); with 4,000 or more they are read back from memory (the cold case).</summary>
    public static int Loop(string[] args)
    {
        int events = BenchOptions.Int(args, "--events", 4_000);
        int rounds = BenchOptions.Int(args, "--rounds", 200);
        var host = SimulatedHost.Generate(new Random(42));
        var random = new Random(43);
        var parser = new CsmEventParser();
        var parsed = new List<CsmEvent>(events);
        for (int i = 0; i < events; i++) parsed.Add(parser.ParseEvent(host.EventJson(random, i), new EventSource("h", i + 1)));
        var runner = new ProcessTreeRunner(new ProcessTreeOptions(), null);
        foreach (var evt in parsed) runner.Add(evt);
        var sw = Stopwatch.StartNew();
        for (int r = 0; r < rounds; r++)
        {
            foreach (var evt in parsed) runner.Add(evt);
        }
        Console.WriteLine($"{(double)events * rounds / sw.Elapsed.TotalSeconds:N0} events/s");
        return 0;
    }

    private sealed class SimulatedHost
    {
        private static readonly string[] Programs =
        {
            "bash", "sh", "python3", "node", "java", "nginx", "postgres", "sshd", "cron", "curl", "tar", "gzip",
            "logrotate", "systemd-journal", "containerd-shim", "runc", "dockerd", "kubelet", "sleep", "grep", "awk",
        };
        private static readonly string[] EventTypes = { "open", "open", "open", "exec", "connect", "dns", "unlink", "chmod", "bind", "ptrace" };

        public readonly List<SimProcess> Processes = new();
        public int ReusedPids;
        private readonly DateTime _start = new(2025, 1, 15, 0, 0, 0, DateTimeKind.Utc);

        public static SimulatedHost Generate(Random random)
        {
            var host = new SimulatedHost();
            host.Build(random, targetImages: 5000, pidRange: 1200);
            foreach (var p in host.Processes) host.Serialize(p);
            return host;
        }

        private void Build(Random random, int targetImages, int pidRange)
        {
            var time = _start;
            var init = new SimProcess { Pid = 1, Comm = "systemd", Path = "/usr/lib/systemd/systemd", Args = new[] { "/sbin/init" }, Fork = time, Exec = time };
            Processes.Add(init);
            var live = new Dictionary<long, SimProcess> { [1] = init };
            int nextPid = 0;
            var cursor = init; // the process the simulation is "inside": work spawns deeper and deeper lineages
            while (Processes.Count < targetImages)
            {
                time = time.AddMilliseconds(random.Next(1, 5000)).AddTicks(random.Next(0, 10_000));
                // Mostly continue below the current process (shells starting shells, workers, pipelines), sometimes
                // jump to a random existing process; lineages end up 5 to 30 deep.
                var parent = random.Next(100) < 80 ? cursor : Processes[random.Next(Processes.Count)];
                if (parent.Depth >= 29 || (parent.Exit.HasValue && parent.Pid != 1))
                {
                    var shallow = Processes.Where(p => p.Depth >= 3 && p.Depth <= 8 && !p.Exit.HasValue).ToList();
                    parent = shallow.Count > 0 ? shallow[random.Next(shallow.Count)] : init;
                }

                int action = random.Next(100);
                if (action < 12 && parent.Pid != 1)
                {
                    // exec in place: a new image with the same pid, child of the old image
                    cursor = ExecImage(parent, random, time);
                    Processes.Add(cursor);
                    continue;
                }
                // fork: a new pid from a small range, so pids are reused once their process exited
                long pid = 0;
                for (int tries = 0; tries < pidRange; tries++)
                {
                    long candidate = 2 + (nextPid++ % pidRange);
                    if (!live.TryGetValue(candidate, out var holder) || holder.Exit.HasValue) { pid = candidate; break; }
                }
                if (pid == 0) { cursor = init; continue; }
                if (live.ContainsKey(pid)) ReusedPids++;
                var child = new SimProcess
                {
                    Pid = pid, Ppid = parent.Pid, Comm = parent.Comm, Path = parent.Path, Args = parent.Args,
                    Fork = time, Exec = parent.Exec, IsThread = true, Parent = parent, Depth = parent.Depth + 1,
                };
                Processes.Add(child);
                live[pid] = child;
                cursor = child;
                if (action < 75)
                {
                    cursor = ExecImage(child, random, time.AddTicks(random.Next(1000, 50_000)));
                    Processes.Add(cursor);
                }
                // Processes exit (the oldest live ones more often), freeing their pid for reuse.
                for (int k = 0; k < 2; k++)
                {
                    var victim = Processes[random.Next(1, Processes.Count)];
                    if (!victim.Exit.HasValue && victim != cursor) victim.Exit = time;
                }
            }
        }

        private static SimProcess ExecImage(SimProcess before, Random random, DateTime time)
        {
            string program = Programs[random.Next(Programs.Length)];
            before.Exit ??= time;
            return new SimProcess
            {
                Pid = before.Pid, Ppid = before.Ppid, Comm = program, Path = "/usr/bin/" + program,
                Args = new[] { program, "--job", random.Next(1000).ToString(CultureInfo.InvariantCulture), "/var/lib/data/" + random.Next(100) },
                Fork = before.Fork, Exec = time, IsExec = true, Parent = before, Depth = before.Depth + 1,
            };
        }

        private void Serialize(SimProcess p)
        {
            p.ActingJson = ProcessJson(p, withArgs: true, withCredentials: true);
            // In ancestors the agent blanks args of fork children (they share them with their parent).
            // Credentials are left out of ancestors to keep the (untimed) parsing short; the tree does not read them.
            p.AncestorJson = ProcessJson(p, withArgs: !p.IsThread, withCredentials: false);
            if (p.Parent == null) return;
            var sb = new StringBuilder();
            sb.Append(",\"parent\":").Append(p.Parent.AncestorJson).Append(",\"ancestors\":[");
            for (var a = p.Parent; a != null; a = a.Parent)
            {
                sb.Append(a.AncestorJson);
                if (a.Parent != null) sb.Append(',');
            }
            sb.Append(']');
            p.LineageJson = sb.ToString();
        }

        private static string ProcessJson(SimProcess p, bool withArgs, bool withCredentials)
        {
            var sb = new StringBuilder(300);
            sb.Append("{\"pid\":").Append(p.Pid);
            if (p.Pid != 1) sb.Append(",\"ppid\":").Append(p.Ppid);
            sb.Append(",\"tid\":").Append(p.Pid).Append(",\"uid\":0,\"gid\":0,\"user\":\"root\",\"group\":\"root\",\"comm\":\"").Append(p.Comm).Append('"');
            sb.Append(",\"fork_time\":\"").Append(Time(p.Fork)).Append("\",\"exec_time\":\"").Append(Time(p.Exec)).Append('"');
            if (p.Exit.HasValue && p.IsExec == false && p.IsThread) sb.Append(",\"exit_time\":\"").Append(Time(p.Exit.Value)).Append('"');
            if (withCredentials) sb.Append(",\"credentials\":{\"uid\":0,\"gid\":0,\"euid\":0,\"egid\":0,\"fsuid\":0,\"fsgid\":0,\"auid\":4294967295,\"cap_effective\":[],\"cap_permitted\":[]}");
            sb.Append(",\"executable\":{\"path\":\"").Append(p.Path).Append("\",\"name\":\"").Append(p.Path.Substring(p.Path.LastIndexOf('/') + 1)).Append("\"}");
            if (withArgs)
            {
                sb.Append(",\"argv0\":\"").Append(p.Args[0]).Append("\",\"args\":[");
                for (int i = 1; i < p.Args.Length; i++) sb.Append(i > 1 ? ",\"" : "\"").Append(p.Args[i]).Append('"');
                sb.Append(']');
            }
            if (p.IsThread) sb.Append(",\"is_thread\":true");
            if (p.IsExec && p.Parent?.IsExec == true) sb.Append(",\"is_exec_child\":true");
            sb.Append('}');
            return sb.ToString();
        }

        private static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        /// <summary>Mean ancestors per event, estimated on 100,000 draws of the event generator's process choice.</summary>
        public double MeanEventLineage(int seed)
        {
            var random = new Random(seed + 1);
            long total = 0;
            for (int i = 0; i < 100_000; i++) total += Pick(random).Depth;
            return total / 100_000.0;
        }

        private SimProcess Pick(Random random)
            => Processes[random.Next(10) < 6 ? Processes.Count - 1 - random.Next(Math.Min(800, Processes.Count)) : random.Next(Processes.Count)];

        /// <summary>Event number <paramref name="index"/>: a random process (recent ones more often) doing something.</summary>
        public byte[] EventJson(Random random, int index)
        {
            var p = Pick(random);
            string type = EventTypes[random.Next(EventTypes.Length)];
            var date = _start.AddDays(1).AddTicks(index * 10_000L);
            var sb = new StringBuilder(p.LineageJson.Length + 600);
            sb.Append("{\"agent\":{\"rule_id\":\"rule_").Append(random.Next(20)).Append("\",\"rule_version\":\"1\",\"policy_name\":\"default\",\"version\":\"7.60.0\",\"os\":\"linux\",\"arch\":\"x86_64\",\"origin\":\"ebpf\"}");
            sb.Append(",\"title\":\"bench rule\",\"evt\":{\"name\":\"").Append(type).Append("\",\"category\":\"File Activity\",\"outcome\":\"Success\"}");
            sb.Append(",\"date\":\"").Append(Time(date)).Append('"');
            if (type == "open") sb.Append(",\"file\":{\"path\":\"/etc/passwd\",\"name\":\"passwd\",\"inode\":42,\"mode\":33188,\"uid\":0,\"gid\":0}");
            sb.Append(",\"process\":").Append(p.ActingJson, 0, p.ActingJson.Length - 1).Append(p.LineageJson).Append('}');
            sb.Append(",\"usr\":{\"id\":\"root\",\"group\":\"root\"}}");
            return Encoding.UTF8.GetBytes(sb.ToString());
        }
    }
}
