using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CsmEvents.Bench;

/// <summary>
/// Deterministic realistic events for benchmarks: Linux events with credentials, executables, args and ancestor
/// chains of 4–12 processes ending at systemd, and Windows events with command lines and registry/file targets.
/// Each event is 2–4 KB of compact JSON, written as one line.
/// </summary>
internal sealed class EventGenerator
{
    private static readonly string[] Comms = { "nginx", "sh", "bash", "curl", "python3", "sshd", "cron", "logrotate", "java", "node", "containerd-shim", "runc" };
    private static readonly string[] LinuxTypes = { "exec", "open", "chmod", "connect", "dns", "unlink", "rename", "ptrace" };
    private static readonly string[] WindowsTypes = { "exec", "create", "write", "set_key_value", "create_key", "delete" };
    private readonly Random _random;
    private readonly JsonWriterOptions _options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private long _clockTicks = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero).UtcTicks;

    public EventGenerator(int seed) => _random = new Random(seed);

    /// <summary>Writes one event line (with its newline) into <paramref name="output"/>.</summary>
    public void WriteLine(Stream output, bool windows)
    {
        using (var w = new Utf8JsonWriter(output, _options))
        {
            if (windows) WriteWindows(w);
            else WriteLinux(w);
        }
        output.WriteByte((byte)'\n');
    }

    /// <summary>A JSON-lines file of <paramref name="count"/> events, one in ten Windows.</summary>
    public byte[] Lines(int count)
    {
        var ms = new MemoryStream();
        for (int i = 0; i < count; i++) WriteLine(ms, windows: i % 10 == 9);
        return ms.ToArray();
    }

    private string NextTime(double maxSeconds = 0.5)
    {
        _clockTicks += (long)(_random.NextDouble() * maxSeconds * TimeSpan.TicksPerSecond) + 1;
        // nanosecond text as the agent writes it (Go RFC3339Nano)
        var t = new DateTimeOffset(_clockTicks, TimeSpan.Zero);
        return t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff") + _random.Next(10, 99) + "Z";
    }

    private void WriteLinux(Utf8JsonWriter w)
    {
        string type = LinuxTypes[_random.Next(LinuxTypes.Length)];
        w.WriteStartObject();
        w.WriteStartObject("agent");
        w.WriteString("rule_id", "rule_" + type + "_" + _random.Next(40));
        w.WriteString("rule_version", "1");
        w.WriteString("policy_name", "default");
        w.WriteString("policy_version", "2026.11.1");
        w.WriteString("version", "7.64.3");
        w.WriteString("os", "linux");
        w.WriteString("arch", "x86_64");
        w.WriteString("origin", "ebpf");
        w.WriteString("kernel_version", "6.1.0-26-cloud-amd64");
        w.WriteString("distribution", "debian-12.10");
        w.WriteEndObject();
        w.WriteString("title", "Suspicious " + type + " activity detected by runtime rule");
        w.WriteStartObject("evt");
        w.WriteString("name", type);
        w.WriteString("category", type == "connect" || type == "dns" ? "Network Activity" : type == "exec" ? "Process Activity" : "File Activity");
        w.WriteString("outcome", _random.Next(10) == 0 ? "Refused" : "Success");
        w.WriteEndObject();
        w.WriteString("date", NextTime());
        w.WriteStartObject("file");
        WriteLinuxFile(w, "/var/www/html/uploads/" + Word() + ".php");
        w.WriteEndObject();
        int pid = 1000 + _random.Next(30000);
        w.WriteStartObject("process");
        WriteLinuxProcess(w, pid, withArgs: true);
        int depth = 2 + _random.Next(5);
        var chain = new List<int>();
        int p = pid;
        for (int i = 0; i < depth - 1; i++) chain.Add(p = Math.Max(2, p - 1 - _random.Next(500)));
        chain.Add(1);
        w.WritePropertyName("parent");
        w.WriteStartObject();
        WriteLinuxProcess(w, chain[0], withArgs: false);
        w.WriteEndObject();
        w.WriteStartArray("ancestors");
        foreach (int ancestor in chain)
        {
            w.WriteStartObject();
            WriteLinuxProcess(w, ancestor, withArgs: ancestor % 3 == 0);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("usr");
        w.WriteString("id", "www-data");
        w.WriteString("group", "www-data");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void WriteLinuxProcess(Utf8JsonWriter w, int pid, bool withArgs)
    {
        string comm = pid == 1 ? "systemd" : Comms[pid % Comms.Length];
        w.WriteNumber("pid", pid);
        w.WriteNumber("ppid", pid == 1 ? 0 : Math.Max(1, pid - 7));
        w.WriteNumber("tid", pid);
        w.WriteNumber("uid", pid % 2 == 0 ? 33 : 0);
        w.WriteNumber("gid", pid % 2 == 0 ? 33 : 0);
        w.WriteString("user", pid % 2 == 0 ? "www-data" : "root");
        w.WriteString("group", pid % 2 == 0 ? "www-data" : "root");
        w.WriteString("comm", comm);
        w.WriteString("fork_time", "2026-11-20T07:" + (pid % 60).ToString("00") + ":12.123456789Z");
        w.WriteString("exec_time", "2026-11-20T07:" + (pid % 60).ToString("00") + ":12.2Z");
        w.WriteStartObject("credentials");
        foreach (string id in new[] { "uid", "gid", "euid", "egid", "fsuid", "fsgid" }) w.WriteNumber(id, pid % 2 == 0 ? 33 : 0);
        w.WriteNumber("auid", 4294967295L);
        w.WriteStartArray("cap_effective");
        w.WriteEndArray();
        w.WriteStartArray("cap_permitted");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("executable");
        WriteLinuxFile(w, "/usr/bin/" + comm);
        w.WriteEndObject();
        if (withArgs)
        {
            w.WriteString("argv0", comm);
            w.WriteStartArray("args");
            int n = 1 + _random.Next(4);
            for (int i = 0; i < n; i++) w.WriteStringValue("--" + Word() + "=" + Word());
            w.WriteEndArray();
        }
        if (pid % 5 == 0) w.WriteBoolean("is_thread", true);
        w.WriteString("source", "event");
    }

    private void WriteLinuxFile(Utf8JsonWriter w, string path)
    {
        w.WriteString("path", path);
        w.WriteString("name", Path.GetFileName(path));
        w.WriteNumber("inode", (ulong)_random.Next() * 4096UL);
        w.WriteNumber("mode", 33261);
        w.WriteNumber("mount_id", 27);
        w.WriteString("filesystem", "ext4");
        w.WriteNumber("uid", 0);
        w.WriteNumber("gid", 0);
        w.WriteString("modification_time", "2026-10-01T12:00:00Z");
        w.WriteString("change_time", "2026-10-01T12:00:00Z");
    }

    private void WriteWindows(Utf8JsonWriter w)
    {
        string type = WindowsTypes[_random.Next(WindowsTypes.Length)];
        w.WriteStartObject();
        w.WriteStartObject("agent");
        w.WriteString("rule_id", "win_" + type + "_" + _random.Next(30));
        w.WriteString("rule_version", "2");
        w.WriteString("policy_name", "endpoint-baseline");
        w.WriteString("version", "7.64.3");
        w.WriteString("os", "windows");
        w.WriteString("arch", "x64");
        w.WriteEndObject();
        w.WriteString("title", "Windows " + type + " activity");
        w.WriteStartObject("evt");
        w.WriteString("name", type);
        w.WriteString("category", type == "exec" ? "Process Activity" : "File Activity");
        w.WriteEndObject();
        w.WriteString("date", NextTime());
        if (type.EndsWith("key") || type == "set_key_value")
        {
            w.WriteStartObject("registry");
            w.WriteString("key_name", "Run");
            w.WriteString("key_path", "\\REGISTRY\\MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run");
            w.WriteString("value_name", Word());
            w.WriteEndObject();
        }
        else
        {
            w.WriteStartObject("file");
            w.WriteString("path", "C:\\Users\\Public\\" + Word() + ".exe");
            w.WriteString("device_path", "\\Device\\HarddiskVolume3\\Users\\Public\\" + Word() + ".exe");
            w.WriteString("name", Word() + ".exe");
            w.WriteEndObject();
        }
        int pid = 4 * (100 + _random.Next(5000));
        w.WriteStartObject("process");
        WriteWindowsProcess(w, pid);
        int depth = 3 + _random.Next(6);
        var chain = new List<int>();
        int p = pid;
        for (int i = 0; i < depth - 1; i++) chain.Add(p = Math.Max(8, p - 4 * (1 + _random.Next(100))));
        chain.Add(4);
        w.WritePropertyName("parent");
        w.WriteStartObject();
        WriteWindowsProcess(w, chain[0]);
        w.WriteEndObject();
        w.WriteStartArray("ancestors");
        foreach (int ancestor in chain)
        {
            w.WriteStartObject();
            WriteWindowsProcess(w, ancestor);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("usr");
        w.WriteString("name", "CONTOSO\\alice");
        w.WriteString("sid", "S-1-5-21-1004336348-1177238915-682003330-1001");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void WriteWindowsProcess(Utf8JsonWriter w, int pid)
    {
        w.WriteNumber("pid", pid);
        w.WriteNumber("ppid", Math.Max(4, pid - 8));
        w.WriteString("exec_time", "2026-11-20T07:" + (pid % 60).ToString("00") + ":01.5Z");
        w.WriteStartObject("executable");
        w.WriteString("path", "C:\\Windows\\System32\\cmd" + pid % 7 + ".exe");
        w.WriteString("name", "cmd" + pid % 7 + ".exe");
        w.WriteEndObject();
        w.WriteString("cmdline", "cmd.exe /c \"powershell -nop -w hidden -enc " + Word() + Word() + "\"");
        w.WriteString("user", "CONTOSO\\alice");
    }

    private string Word()
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[4 + _random.Next(8)];
        for (int i = 0; i < chars.Length; i++) chars[i] = letters[_random.Next(letters.Length)];
        return new string(chars);
    }
}
