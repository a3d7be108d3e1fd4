using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CsmEvents.Cli;

namespace CsmEvents.Tests.Cli;

/// <summary>
/// Runs `csm-events` with captured streams and a private environment: in-process by default, or as a child process
/// of the executable named by <see cref="ExecutableVariable"/> (build.ps1 -Task Test sets it to the ahead-of-time
/// compiled CLI, so that the same tests check the native build end to end).
/// </summary>
internal sealed class CliRun
{
    /// <summary>The environment variable naming a `csm-events` executable to run instead of the in-process app.</summary>
    public const string ExecutableVariable = "CSM_EVENTS_CLI";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public int ExitCode { get; private init; }
    public string Stdout { get; private init; } = "";
    public string Stderr { get; private init; } = "";

    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public string[] StderrLines => Stderr.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The executable the tests run, or null for the in-process app.</summary>
    public static string? Executable
    {
        get
        {
            string? path = Environment.GetEnvironmentVariable(ExecutableVariable);
            if (string.IsNullOrEmpty(path)) return null;
            // A wrong path must fail every test rather than quietly fall back to the in-process app.
            if (!File.Exists(path)) throw new InvalidOperationException(ExecutableVariable + " names " + path + ", which does not exist");
            return path;
        }
    }

    public static CliRun Run(string[] args, string stdin = "", Dictionary<string, string>? environment = null)
    {
        var env = environment ?? new Dictionary<string, string>();
        string? executable = Executable;
        if (executable != null) return RunProcess(executable, args, stdin, env);
        var output = new MemoryStream();
        var errors = new StringWriter();
        int code = CliApp.Run(args, new MemoryStream(Encoding.UTF8.GetBytes(stdin)), output, errors, CancellationToken.None,
            name => env.TryGetValue(name, out var value) ? value : null);
        return new CliRun { ExitCode = code, Stdout = Encoding.UTF8.GetString(output.ToArray()), Stderr = errors.ToString() };
    }

    /// <summary>Runs the executable with exactly the given environment (as the in-process run sees only it).</summary>
    private static CliRun RunProcess(string executable, string[] args, string stdin, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var pair in environment) start.Environment[pair.Key] = pair.Value;
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var input = process.StandardInput.BaseStream;
            byte[] bytes = Encoding.UTF8.GetBytes(stdin);
            input.Write(bytes, 0, bytes.Length);
            input.Close();
        }
        catch (IOException)
        {
            // The command exited without reading all of its input (a usage error): what it wrote still counts.
        }
        if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(executable + " " + string.Join(" ", args) + " did not finish within " + Timeout);
        }
        return new CliRun { ExitCode = process.ExitCode, Stdout = stdout.Result, Stderr = stderr.Result };
    }
}
