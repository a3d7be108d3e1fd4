using System.Collections.Generic;
using System.IO;
using CsmEvents.Schema;

namespace CsmEvents.Cli;

/// <summary>`csm-events schemas`: lists the embedded event schemas, or prints one with --export NAME.</summary>
internal static class SchemasCommand
{
    public const string Usage =
        "usage: csm-events schemas [--export NAME]\n" +
        "  Lists the embedded event schemas (name, dialect, what they fit), or writes one schema's JSON text.";

    public static int Run(IReadOnlyList<string> args, TextWriter stdout)
    {
        var parsed = CliArguments.Parse(args, new[] { "--export" }, new string[0]);
        if (parsed.Positional.Count > 0) throw new CliUsageException("unexpected argument '" + parsed.Positional[0] + "'");
        string? export = parsed.Single("--export");
        if (export != null)
        {
            if (!EmbeddedSchemas.Exists(export)) throw new CliUsageException("no embedded schema named '" + export + "'");
            stdout.Write(EmbeddedSchemas.GetText(export));
            return 0;
        }
        foreach (var info in EmbeddedSchemas.List)
        {
            stdout.WriteLine($"{info.Name,-8} {info.Dialect,-14} {info.Title}");
            stdout.WriteLine($"         {info.Description}");
        }
        return 0;
    }
}
