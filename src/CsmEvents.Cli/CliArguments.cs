using System;
using System.Collections.Generic;

namespace CsmEvents.Cli;

/// <summary>
/// A small GNU-style argument reader: `--name value`, `--name=value`, boolean `--flag`, positional arguments,
/// and `--` to end options. Unknown options are usage errors with the option named.
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = new();

    /// <summary>Parses <paramref name="args"/>; options listed in <paramref name="valued"/> take a value.</summary>
    public static CliArguments Parse(IReadOnlyList<string> args, ICollection<string> valued, ICollection<string> flags)
    {
        var result = new CliArguments();
        bool optionsEnded = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (optionsEnded || !arg.StartsWith("--", StringComparison.Ordinal) || arg == "-")
            {
                result.Positional.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }
            string name = arg;
            string? value = null;
            int eq = arg.IndexOf('=');
            if (eq > 0)
            {
                name = arg.Substring(0, eq);
                value = arg.Substring(eq + 1);
            }
            if (valued.Contains(name))
            {
                if (value == null)
                {
                    if (i + 1 >= args.Count) throw new CliUsageException("option " + name + " needs a value");
                    value = args[++i];
                }
                if (!result._values.TryGetValue(name, out var list)) result._values[name] = list = new List<string>();
                list.Add(value);
            }
            else if (flags.Contains(name))
            {
                if (value != null) throw new CliUsageException("option " + name + " takes no value");
                result._flags.Add(name);
            }
            else throw new CliUsageException("unknown option " + name);
        }
        return result;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Single(string name)
    {
        if (!_values.TryGetValue(name, out var list)) return null;
        if (list.Count > 1) throw new CliUsageException("option " + name + " is given more than once");
        return list[0];
    }

    /// <summary>All values of a repeatable option, with comma-separated lists split.</summary>
    public IReadOnlyList<string>? Many(string name)
    {
        if (!_values.TryGetValue(name, out var list)) return null;
        var all = new List<string>();
        foreach (string value in list)
        {
            foreach (string part in value.Split(','))
            {
                if (part.Trim().Length > 0) all.Add(part.Trim());
            }
        }
        return all;
    }
}

/// <summary>A command line that cannot be run as given (exit code 2).</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message) : base(message) { }
}
