using System;
using System.Collections.Generic;

namespace CsmEvents.Commands;

/// <summary>
/// Declares every error id a cmdlet can write. The contract tests read it: each id must be documented in the
/// cmdlet's help (docs/cmdlets/&lt;Verb-Noun&gt;.md), and path-reading cmdlets must declare the path ids.
/// Use the constants (<c>ReadErrorIds.InvalidJson</c>, <c>PathErrorIds.PathNotFound</c>, ...), never literals.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ErrorIdsAttribute : Attribute
{
    public ErrorIdsAttribute(params string[] ids) => Ids = ids;

    public IReadOnlyList<string> Ids { get; }
}
