using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using CsmEvents.Cli;

namespace CsmEvents.Tests.Cli;

/// <summary>Runs `csm-events` in-process with captured streams and a private environment.</summary>
internal sealed class CliRun
{
    public int ExitCode { get; private init; }
    public string Stdout { get; private init; } = "";
    public string Stderr { get; private init; } = "";

    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    public string[] StderrLines => Stderr.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static CliRun Run(string[] args, string stdin = "", Dictionary<string, string>? environment = null)
    {
        var output = new MemoryStream();
        var errors = new StringWriter();
        var env = environment ?? new Dictionary<string, string>();
        int code = CliApp.Run(args, new MemoryStream(Encoding.UTF8.GetBytes(stdin)), output, errors, CancellationToken.None,
            name => env.TryGetValue(name, out var value) ? value : null);
        return new CliRun { ExitCode = code, Stdout = Encoding.UTF8.GetString(output.ToArray()), Stderr = errors.ToString() };
    }
}
