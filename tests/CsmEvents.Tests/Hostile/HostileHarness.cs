using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CsmEvents.Commands;
using EventSource = CsmEvents.Model.EventSource;
using CsmEvents.Reading;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Hostile;

/// <summary>A folder under the temp directory, deleted afterwards (permissions restored first).</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "csm-hostile-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string text) => Bytes(name, Encoding.UTF8.GetBytes(text));

    public string Bytes(string name, byte[] bytes)
    {
        string path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Folder(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        try
        {
            // Not Directory.GetDirectories(AllDirectories): it follows the symbolic-link loops some tests make.
            if (!OperatingSystem.IsWindows()) Shell.Run("chmod", "-R", "u+rwx", Path);
            Directory.Delete(Path, true);
        }
        catch (InvalidOperationException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static void Chmod(string path, string mode) => Shell.Run("chmod", mode, path);
}

/// <summary>Small commands the tests need (mkfifo, ln, chmod), run directly.</summary>
internal static class Shell
{
    public static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException(file + " " + string.Join(" ", args) + " failed: " + p.StandardError.ReadToEnd());
    }

    public static bool IsRoot => Environment.UserName == "root";
}

/// <summary>What a reader gave: records (their JSON and source) and errors, in order.</summary>
internal sealed class Collected : IRecordConsumer
{
    public List<(string Json, EventSource Source)> Records { get; } = new();
    /// <summary>The records' bytes as read (Records decodes them, which would hide bytes that are not UTF-8).</summary>
    public List<byte[]> RawRecords { get; } = new();
    public List<ReadError> Errors { get; } = new();
    public List<string> Log { get; } = new();

    public void OnRecord(ReadOnlySpan<byte> eventJson, EventSource source)
    {
        string json = Encoding.UTF8.GetString(eventJson.ToArray());
        Records.Add((json, source));
        RawRecords.Add(eventJson.ToArray());
        Log.Add("record " + source + " " + json);
    }

    public void OnError(ReadError error)
    {
        Errors.Add(error);
        Log.Add("error " + error.Message);
    }

    public IEnumerable<string> Messages => Errors.Select(e => e.Message);

    /// <summary>Feeds bytes to a splitter in pieces of <paramref name="piece"/> bytes.</summary>
    public static Collected Split(byte[] input, long maxRecordBytes = RecordSplitter.DefaultMaxRecordBytes, int piece = 4096, string path = "in.json")
    {
        var collected = new Collected();
        using var splitter = new RecordSplitter(path, collected, maxRecordBytes: maxRecordBytes);
        for (int at = 0; at < input.Length && !splitter.Stopped; at += piece) splitter.Append(new ReadOnlySpan<byte>(input, at, Math.Min(piece, input.Length - at)));
        splitter.Drain(isFinal: true);
        return collected;
    }

    public static Collected Split(string input, long maxRecordBytes = RecordSplitter.DefaultMaxRecordBytes, string path = "in.json") =>
        Split(Encoding.UTF8.GetBytes(input), maxRecordBytes, path: path);
}

/// <summary>Runs the built csm-events as a process (what a user runs), with a timeout; as root, optionally without
/// the capabilities that let root read any file, so that permission errors are real.</summary>
internal sealed class CliProcess
{
    public int ExitCode { get; private init; }
    public string Stdout { get; private init; } = "";
    public string Stderr { get; private init; } = "";
    /// <summary>Peak resident memory (VmHWM) sampled just before standard input was closed, when asked for.</summary>
    public long PeakBytes { get; private init; }

    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static string CliDll => System.IO.Path.Combine(AppContext.BaseDirectory, "csm-events.dll");

    public static CliProcess Run(IEnumerable<string> args, Action<Stream>? writeStdin = null, bool withoutRootPowers = false,
        Func<string, bool>? sampleWhenStdoutHas = null, int timeoutSeconds = 120, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (withoutRootPowers && Shell.IsRoot)
        {
            info.FileName = "setpriv";
            foreach (string a in new[] { "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search", "--", "dotnet" }) info.ArgumentList.Add(a);
        }
        else info.FileName = "dotnet";
        info.ArgumentList.Add(CliDll);
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = new StringBuilder();
        var sawMarker = new ManualResetEventSlim();
        var readOut = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) != null)
            {
                lock (stdout) stdout.Append(line).Append('\n');
                if (sampleWhenStdoutHas != null && sampleWhenStdoutHas(line)) sawMarker.Set();
            }
        });
        var readErr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        try
        {
            writeStdin?.Invoke(process.StandardInput.BaseStream);
            if (sampleWhenStdoutHas != null)
            {
                if (!sawMarker.Wait(TimeSpan.FromSeconds(timeoutSeconds))) throw new TimeoutException("csm-events never wrote the expected line");
                peak = PeakResidentBytes(process.Id);
            }
        }
        catch (IOException)
        {
            // The process stopped reading (it exited): its exit code and output tell why.
        }
        finally
        {
            try { process.StandardInput.Close(); } catch (IOException) { }
        }
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("csm-events did not finish within " + timeoutSeconds + " s: " + string.Join(" ", args));
        }
        readOut.Wait();
        return new CliProcess { ExitCode = process.ExitCode, Stdout = stdout.ToString(), Stderr = readErr.Result, PeakBytes = peak };
    }

    /// <summary>VmHWM of a live process, from /proc (Linux).</summary>
    public static long PeakResidentBytes(int pid)
    {
        foreach (string line in System.IO.File.ReadAllLines("/proc/" + pid + "/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        throw new InvalidOperationException("no VmHWM for process " + pid);
    }
}

/// <summary>A fact that runs only on Linux (FIFOs, /proc, symbolic links, setpriv), skipped with the reason elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "needs Linux (FIFOs, /proc, statx, setpriv); this is " + System.Runtime.InteropServices.RuntimeInformation.OSDescription;
    }
}
