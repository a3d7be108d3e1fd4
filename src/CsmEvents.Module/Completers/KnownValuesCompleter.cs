using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using CsmEvents.Conversion;

namespace CsmEvents.Completers;

/// <summary>
/// Base of completers over a list of known values (<see cref="KnownValues"/>): matching and quoting live in Core
/// (<see cref="ArgumentCompletion"/>); a completer only names its list. Usable in scripts too:
/// <c>[ArgumentCompleter([CsmEvents.Completers.EventTypeCompleter])]</c>.
/// </summary>
public abstract class KnownValuesCompleter : IArgumentCompleter
{
    /// <summary>The values offered, in the order shown.</summary>
    protected abstract IEnumerable<string> Values { get; }

    /// <summary>The tooltip of a value (the value itself when null).</summary>
    protected virtual string? ToolTip(string value) => null;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        foreach (var item in ArgumentCompletion.Complete(Values, wordToComplete, ToolTip))
        {
            yield return new CompletionResult(item.CompletionText, item.ListItemText, CompletionResultType.ParameterValue, item.ToolTip);
        }
    }
}
