using System;
using System.Collections.Generic;

namespace CsmEvents.Report;

/// <summary>
/// The report's strings, each stored once and referred to by index: hosts, rules, process names and targets repeat
/// across thousands of events. Strings are stored in their display form (<see cref="HtmlText.Display"/>), since the
/// page only shows them.
/// </summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _strings = new();

    /// <summary>The index of <paramref name="text"/>'s display form; -1 for null.</summary>
    public int IdOf(string? text)
    {
        if (text == null) return -1;
        if (_ids.TryGetValue(text, out int id)) return id;
        string display = HtmlText.Display(text);
        if (!ReferenceEquals(display, text) && _ids.TryGetValue(display, out id))
        {
            _ids[text] = id;
            return id;
        }
        id = _strings.Count;
        _strings.Add(display);
        _ids[text] = id;
        return id;
    }

    public string this[int id] => _strings[id];

    public IReadOnlyList<string> All => _strings;
}
