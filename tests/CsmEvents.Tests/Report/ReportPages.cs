using System;
using System.Diagnostics;
using System.IO;
using CsmEvents.Tests.Cli;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Report;

/// <summary>
/// The report pages the browser tests open, made once per test run in a temporary folder: the bundled samples through
/// `csm-events report samples --recurse -o FILE` and through `Get-CsmEvent ./samples -Recurse | Export-CsmReport FILE`
/// in a real pwsh (the pinned .NET tool, with the built module), and the hostile events through the CLI.
/// </summary>
public sealed class ReportPages : IDisposable
{
    public ReportPages()
    {
        Directory.CreateDirectory(Folder);
        Cli = Path.Combine(Folder, "samples-cli.html");
        Hostile = Path.Combine(Folder, "hostile.html");
        Pwsh = Path.Combine(Folder, "samples-pwsh.html");

        var run = CliRun.Run(new[] { "report", RepoPaths.Samples, "--recurse", "-o", Cli });
        if (run.ExitCode != 0) throw new InvalidOperationException("csm-events report failed: " + run.Stderr);

        string events = Path.Combine(Folder, "hostile.jsonl");
        File.WriteAllText(events, HostileEvents.FileEvent() + "\n");
        string page = Path.Combine(Folder, "hostile-page.json");
        File.WriteAllText(page, HostileEvents.DatadogPage());
        var hostile = CliRun.Run(new[] { "report", events, page, "--title", HostileEvents.Title, "-o", Hostile });
        if (hostile.ExitCode != 0) throw new InvalidOperationException("csm-events report (hostile) failed: " + hostile.Stderr);

        RunPwsh("Get-CsmEvent ./samples -Recurse | Export-CsmReport '" + Pwsh.Replace("'", "''") + "'");
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "csmevents-report-" + Guid.NewGuid().ToString("N"));

    /// <summary>`csm-events report samples --recurse`.</summary>
    public string Cli { get; }

    /// <summary>`Get-CsmEvent ./samples -Recurse | Export-CsmReport` (absolute paths, as Get-CsmEvent resolves them).</summary>
    public string Pwsh { get; }

    public string Hostile { get; }

    public string PageOf(string name) => name switch
    {
        "cli" => Cli,
        "pwsh" => Pwsh,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Runs a command in the repository's pinned pwsh (`dotnet pwsh`, from dotnet-tools.json) with the built module.</summary>
    private static void RunPwsh(string command)
    {
        string module = Path.Combine(RepoPaths.Root, "out", "CsmEvents", "CsmEvents.psd1");
        string script = "$ErrorActionPreference = 'Stop'; Import-Module '" + module.Replace("'", "''") + "'; " + command;
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", script }) psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("pwsh did not finish within 2 minutes: " + command);
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("pwsh failed (exit code " + process.ExitCode + "; run `dotnet tool restore` first): " + command + "\n" + stdout.Result + stderr);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
