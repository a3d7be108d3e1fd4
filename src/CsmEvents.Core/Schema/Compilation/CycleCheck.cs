using System.Collections.Generic;
using System.Text;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Keywords;

namespace CsmEvents.Schema.Compilation;

/// <summary>
/// Rejects $ref cycles that never move into the instance ({"$ref": "#"}, or a → b → a through $ref, allOf,
/// anyOf, oneOf, not, if/then/else, dependentSchemas). Such a schema would recurse forever on any value that
/// reaches it, so it is reported at compile time, naming the $ref that closes the loop. Recursion through
/// properties or items is fine: each step consumes a level of the instance.
/// </summary>
internal static class CycleCheck
{
    public static void Run(SchemaNode root)
    {
        var state = new Dictionary<SchemaNode, int>(); // 1 = on the current path, 2 = done
        var path = new List<(SchemaNode Node, RefKeyword? EnteredBy)>();
        var stack = new Stack<(SchemaNode Node, RefKeyword? EnteredBy, IEnumerator<(SchemaNode, RefKeyword?)>? Children)>();

        // Every node is a possible starting point: cycles can hide below properties/items of the root.
        var all = new List<SchemaNode>();
        CollectAll(root, all);
        foreach (var start in all)
        {
            if (state.ContainsKey(start)) continue;
            stack.Push((start, null, null));
            while (stack.Count > 0)
            {
                var frame = stack.Pop();
                if (frame.Children == null)
                {
                    if (state.TryGetValue(frame.Node, out int s))
                    {
                        if (s == 1) throw CycleError(path, frame.Node, frame.EnteredBy);
                        continue;
                    }
                    state[frame.Node] = 1;
                    path.Add((frame.Node, frame.EnteredBy));
                    frame = (frame.Node, frame.EnteredBy, InPlaceChildren(frame.Node).GetEnumerator());
                }
                if (frame.Children!.MoveNext())
                {
                    stack.Push(frame);
                    var (child, via) = frame.Children.Current;
                    stack.Push((child, via, null));
                }
                else
                {
                    state[frame.Node] = 2;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
    }

    private static SchemaLoadException CycleError(List<(SchemaNode Node, RefKeyword? EnteredBy)> path, SchemaNode repeated, RefKeyword? closingEdge)
    {
        int start = path.FindIndex(p => ReferenceEquals(p.Node, repeated));
        var chain = new StringBuilder();
        RefKeyword? culprit = closingEdge;
        for (int i = start; i < path.Count; i++)
        {
            chain.Append(path[i].Node.Location).Append(" -> ");
            if (culprit == null && i > start) culprit = path[i].EnteredBy;
        }
        chain.Append(repeated.Location);
        culprit ??= path[start].EnteredBy;
        string reason = "$ref cycle that never reaches a value: " + chain + " (each step applies to the same value, so evaluation would never end)";
        if (culprit == null) return new SchemaLoadException(repeated.Location, "", reason);
        return new SchemaLoadException(culprit.SourceFile, culprit.SourcePointer, reason);
    }

    /// <summary>Subschemas applied to the same instance location as the node itself.</summary>
    private static IEnumerable<(SchemaNode, RefKeyword?)> InPlaceChildren(SchemaNode node)
    {
        foreach (var keyword in node.Keywords)
        {
            switch (keyword)
            {
                case RefKeyword reference:
                    yield return (reference.Target, reference);
                    break;
                case AllOfKeyword allOf:
                    foreach (var b in allOf.Branches) yield return (b, null);
                    break;
                case AnyOfKeyword anyOf:
                    foreach (var b in anyOf.Branches) yield return (b, null);
                    break;
                case OneOfKeyword oneOf:
                    foreach (var b in oneOf.Branches) yield return (b, null);
                    break;
                case NotKeyword not:
                    yield return (not.Schema, null);
                    break;
                case IfThenElseKeyword conditional:
                    yield return (conditional.If, null);
                    if (conditional.Then != null) yield return (conditional.Then, null);
                    if (conditional.Else != null) yield return (conditional.Else, null);
                    break;
                case DependentSchemasKeyword dependent:
                    foreach (var d in dependent.Subschemas) yield return (d, null);
                    break;
            }
        }
    }

    private static void CollectAll(SchemaNode root, List<SchemaNode> all)
    {
        var seen = new HashSet<SchemaNode> { root };
        var work = new Stack<SchemaNode>();
        work.Push(root);
        while (work.Count > 0)
        {
            var node = work.Pop();
            all.Add(node);
            foreach (var child in AllChildren(node))
            {
                if (seen.Add(child)) work.Push(child);
            }
        }
    }

    private static IEnumerable<SchemaNode> AllChildren(SchemaNode node)
    {
        foreach (var (child, _) in InPlaceChildren(node)) yield return child;
        foreach (var keyword in node.Keywords)
        {
            switch (keyword)
            {
                case ObjectMembersKeyword members:
                    foreach (var s in members.Subschemas()) yield return s;
                    break;
                case ItemsKeyword items:
                    foreach (var s in items.Subschemas()) yield return s;
                    break;
                case ContainsKeyword contains:
                    yield return contains.Schema;
                    break;
                case PropertyNamesKeyword names:
                    yield return names.Schema;
                    break;
                case UnevaluatedPropertiesKeyword up:
                    yield return up.Schema;
                    break;
                case UnevaluatedItemsKeyword ui:
                    yield return ui.Schema;
                    break;
                case DynamicRefKeyword dynamic:
                    yield return dynamic.StaticTarget;
                    break;
            }
        }
    }
}
