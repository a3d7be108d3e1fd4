using System;
using System.Collections.Generic;
using CsmEvents.Model;

namespace CsmEvents.ProcessTree;

/// <summary>
/// Something in the events that the tree could not take as given: contradictory parents, a lineage that loops,
/// a process without pid, processes without start times. The tree is still built (the first-seen link wins); the warning says what was set
/// aside and names the events involved as <c>path:line</c>.
/// </summary>
public sealed class ProcessTreeWarning
{
    /// <summary>Two events give the same process different parents. The first link is kept.</summary>
    public const string ConflictingParent = "ConflictingParent";

    /// <summary>A link would make a process its own ancestor. The link is ignored.</summary>
    public const string LineageLoop = "LineageLoop";

    /// <summary><c>process.parent</c> and <c>process.ancestors[0]</c> name different pids. The ancestors are used.</summary>
    public const string ParentMismatch = "ParentMismatch";

    /// <summary>The acting process has no pid: the event is not placed in the tree.</summary>
    public const string MissingPid = "MissingPid";

    /// <summary>An ancestor has no pid: it is shown as a gap.</summary>
    public const string AncestorWithoutPid = "AncestorWithoutPid";

    /// <summary>Events without exec or fork times give one pid several processes, told apart by executable and
    /// parent, or describe a process too partly to tell which one it is: one warning, after the last event.</summary>
    public const string IdentityUncertain = "IdentityUncertain";

    public ProcessTreeWarning(string code, string message, IReadOnlyList<EventSource?> sources)
    {
        Code = code;
        Message = message;
        Sources = sources;
    }

    /// <summary>A stable identifier (one of the constants of this class), usable as an error id.</summary>
    public string Code { get; }

    /// <summary>The full message, starting with the <c>path:line</c> of the event being added. Names and command
    /// lines in it are escaped with <see cref="Text.TerminalText"/>.</summary>
    public string Message { get; }

    /// <summary>The events involved: the one being added first, then the earlier one it contradicts, if any.</summary>
    public IReadOnlyList<EventSource?> Sources { get; }

    public override string ToString() => Message;

    internal static string Where(EventSource? source) => source == null ? "<unknown source>" : Text.TerminalText.Escape(source.Location)!;

    internal static ProcessTreeWarning Create(string code, EventSource? current, EventSource? earlier, string text)
    {
        var sources = earlier == null || ReferenceEquals(earlier, current) ? new[] { current } : new[] { current, earlier };
        return new ProcessTreeWarning(code, Where(current) + ": " + text, Array.AsReadOnly(sources));
    }
}
