using System.Text;

namespace CsmEvents.Model;

public partial class Process
{
    /// <summary>The process name: Linux <c>comm</c>, else the executable's file name.</summary>
    public string? Name => Comm ?? Executable?.Name ?? FileNameOf(Executable?.Path);

    /// <summary>The command line: Windows <c>cmdline</c>, or Linux argv0 and args joined with spaces (an argument
    /// containing spaces or quotes is quoted). Null when the event carries neither (e.g. args blanked on a fork child).</summary>
    public string? CommandLine
    {
        get
        {
            if (Cmdline != null) return Cmdline;
            if (Args == null && Argv0 == null) return null;
            if (Args == null || Args.Length == 0) return Argv0 == null ? string.Empty : Quote(Argv0); // no copy when no quoting is needed
            var sb = new StringBuilder();
            if (Argv0 != null) sb.Append(Quote(Argv0));
            if (Args != null)
            {
                foreach (string? arg in Args)
                {
                    if (sb.Length > 0) sb.Append(' ');
                    sb.Append(Quote(arg));
                }
            }
            return sb.ToString();
        }
    }

    private static string Quote(string? arg)
    {
        if (arg == null) return "''"; // an argument set to null from PowerShell shows as an empty one
        if (arg.Length > 0 && arg.IndexOfAny(QuotedCharacters) < 0) return arg;
        return "'" + arg.Replace("'", "'\\''") + "'";
    }

    private static readonly char[] QuotedCharacters = { ' ', '\t', '"', '\'' };
    private static readonly char[] PathSeparators = { '/', '\\' };

    private static string? FileNameOf(string? path)
    {
        if (path == null) return null;
        int cut = path.LastIndexOfAny(PathSeparators);
        return cut >= 0 ? path.Substring(cut + 1) : path;
    }

    /// <summary>The fork/exec/exit times as RFC 3339 text: as the agent wrote them (nanoseconds, offset) unless
    /// the value was changed since. For outputs that repeat the original text (process-tree JSON).</summary>
    internal string? ForkTimeText => _forkTime.TextToWrite;

    internal string? ExecTimeText => _execTime.TextToWrite;

    internal string? ExitTimeText => _exitTime.TextToWrite;

    /// <summary>Display text <c>name (pid)</c>, escaped for terminals (a process names itself); Name stays exact.</summary>
    public override string ToString() => Text.TerminalText.Escape(Name + " (" + Pid + ")")!;
}
