using System;
using System.Collections.Generic;
using CsmEvents.Text;

namespace CsmEvents.ProcessTree;

/// <summary>
/// Turns the merged graph into the output forest for a set of options: host filter, selection (subtrees or
/// lineages), depth limit; children in start-time order; each node with its text-tree line. Every walk is
/// iterative, so a lineage thousands of levels deep cannot overflow the stack.
/// </summary>
internal sealed class TreeView
{
    /// <summary>Text lines indent at most this many levels; deeper lines carry their depth as <c>[N]</c> instead,
    /// which keeps a crafted 100,000-level exec chain from producing gigabytes of indentation.</summary>
    internal const int MaxDrawnDepth = 64;

    private readonly ProcessTreeOptions _options;
    private readonly NameTable _names;
    private readonly HashSet<MergedProcess> _selected = new();
    private readonly Dictionary<MergedProcess, int>? _lineageBudget; // ancestry mode: nodes on a shown lineage

    private TreeView(ProcessTreeOptions options, NameTable names)
    {
        _options = options;
        _names = names;
        if (options.Ancestry && options.HasSelection) _lineageBudget = new Dictionary<MergedProcess, int>();
    }

    /// <summary>Prepares the output for a set of options: sorts the forest, applies host filter and selection.
    /// The nodes themselves are made by <see cref="Walk"/>.</summary>
    public static TreeView Prepare(IReadOnlyList<MergedProcess> all, NameTable names, ProcessTreeOptions options)
    {
        var view = new TreeView(options, names);
        var forestRoots = SortForest(all);
        var hostOk = HostFilter(options, all);
        if (!options.HasSelection)
        {
            view._shownRoots = forestRoots.FindAll(r => hostOk(r));
            return view;
        }
        var order = PreOrder(forestRoots, hostOk);
        view.Select(order);
        view._shownRoots = view.ShownRoots(order);
        return view;
    }

    private List<MergedProcess> _shownRoots = new();

    /// <summary>
    /// The output nodes in tree order (depth first), made one at a time. With <paramref name="linkChildren"/> each
    /// node is added to its parent's <see cref="ProcessNode.Children"/> (a complete, linked tree); without, a node
    /// is referenced only by its descendants still to come, so a caller that writes each node and drops it holds
    /// no more than one lineage of nodes at a time.
    /// </summary>
    public IEnumerable<ProcessNode> Walk(bool linkChildren)
    {
        bool markSelected = _options.HasSelection;
        var stack = new Stack<Frame>();
        int number = 0;
        foreach (var root in _shownRoots)
        {
            var rootNode = new ProcessNode(root, 0, null, _selected.Contains(root), _names, string.Empty, true, markSelected) { Number = ++number };
            yield return rootNode;
            stack.Push(new Frame(root, rootNode, ShownChildren(root, 0), string.Empty));
            while (stack.Count > 0)
            {
                var top = stack.Peek();
                if (top.Next >= top.Children.Count)
                {
                    stack.Pop();
                    continue;
                }
                var child = top.Children[top.Next];
                stack.Pop();
                stack.Push(top.Advanced());
                int depth = top.Node.Depth + 1;
                bool isLast = top.Next == top.Children.Count - 1;
                var node = new ProcessNode(child, depth, top.Node, _selected.Contains(child), _names, top.ChildIndent, isLast, markSelected) { Number = ++number };
                if (linkChildren) top.Node.AddChild(node);
                yield return node;
                var grandChildren = ShownChildren(child, depth);
                if (grandChildren.Count == 0) continue;
                string indent = depth == 0 ? string.Empty
                    : depth < MaxDrawnDepth ? top.ChildIndent + (isLast ? "   " : "│  ")
                    : top.ChildIndent;
                stack.Push(new Frame(child, node, grandChildren, indent));
            }
        }
    }

    private static List<MergedProcess> SortForest(IReadOnlyList<MergedProcess> all)
    {
        var roots = new List<MergedProcess>();
        foreach (var p in all)
        {
            if (p.IsDetached) continue;
            if (p.Children != null && p.Children.Count > 1) p.Children.Sort(SiblingOrder.Instance);
            if (p.Parent == null) roots.Add(p);
        }
        roots.Sort(RootOrder.Instance);
        return roots;
    }

    private static Func<MergedProcess, bool> HostFilter(ProcessTreeOptions options, IReadOnlyList<MergedProcess> all)
    {
        if (options.Hosts == null || options.Hosts.Count == 0) return _ => true;
        var patterns = new List<Wildcard>();
        foreach (var h in options.Hosts) patterns.Add(new Wildcard(h));
        var verdicts = new Dictionary<int, bool>();
        return p =>
        {
            if (!verdicts.TryGetValue(p.HostId, out bool ok))
            {
                ok = patterns.Exists(w => w.IsMatch(p.Host));
                verdicts[p.HostId] = ok;
            }
            return ok;
        };
    }

    /// <summary>Depth-first order of the whole forest of the shown hosts.</summary>
    private static List<MergedProcess> PreOrder(List<MergedProcess> roots, Func<MergedProcess, bool> hostOk)
    {
        var order = new List<MergedProcess>();
        var stack = new Stack<MergedProcess>();
        for (int r = roots.Count - 1; r >= 0; r--) if (hostOk(roots[r])) stack.Push(roots[r]);
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            order.Add(p);
            var children = p.Children;
            if (children != null) for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
        return order;
    }

    private void Select(List<MergedProcess> order)
    {
        if (!_options.HasSelection) return;
        var pids = new HashSet<long>(_options.Pids ?? Array.Empty<long>());
        var names = new List<Wildcard>();
        foreach (var n in _options.Names ?? Array.Empty<string>()) names.Add(new Wildcard(n));
        foreach (var p in order)
        {
            if (p.IsGap) continue;
            bool hit = p.Pid.HasValue && pids.Contains(p.Pid.Value);
            if (!hit && names.Count > 0)
            {
                string? fileName = p.ExecutableName ?? MergedProcess.FileNameOf(p.Path);
                foreach (var w in names)
                {
                    if (w.IsMatch(p.Comm) || w.IsMatch(fileName))
                    {
                        hit = true;
                        break;
                    }
                }
            }
            if (hit) _selected.Add(p);
        }
        if (_lineageBudget != null) foreach (var p in _selected) MarkLineage(p);
    }

    /// <summary>Marks the selected node and up to Depth ancestors. A node already marked with at least the
    /// same remaining budget stops the walk, so shared lineages are walked once.</summary>
    private void MarkLineage(MergedProcess selected)
    {
        int budget = _options.Depth ?? int.MaxValue;
        for (var p = selected; p != null; p = p.Parent, budget--)
        {
            if (_lineageBudget!.TryGetValue(p, out int known) && known >= budget) return;
            _lineageBudget[p] = budget;
            if (budget == 0) return;
        }
    }

    private List<MergedProcess> ShownRoots(List<MergedProcess> order)
    {
        if (!_options.HasSelection)
        {
            var all = new List<MergedProcess>();
            foreach (var p in order) if (p.Parent == null) all.Add(p);
            return all;
        }
        var shown = new List<MergedProcess>();
        if (_lineageBudget != null)
        {
            foreach (var p in order)
            {
                if (_lineageBudget.ContainsKey(p) && (p.Parent == null || !_lineageBudget.ContainsKey(p.Parent))) shown.Add(p);
            }
            return shown;
        }
        // Subtree mode: the topmost selected nodes. Pre-order visits a subtree right after its root, so a node
        // is inside a shown subtree while the walk has not left that root's descendants.
        var open = new Stack<MergedProcess>(); // the chain of ancestors of the current node in pre-order
        MergedProcess? shownAbove = null;
        foreach (var p in order)
        {
            while (open.Count > 0 && !ReferenceEquals(open.Peek(), p.Parent)) 
            {
                if (ReferenceEquals(open.Pop(), shownAbove)) shownAbove = null;
            }
            if (shownAbove == null && _selected.Contains(p))
            {
                shown.Add(p);
                shownAbove = p;
            }
            open.Push(p);
        }
        return shown;
    }

    /// <summary>The branch drawn before a node's label: its parent's indentation, then <c>├─ </c> or <c>└─ </c>
    /// (nothing for a root); past <see cref="MaxDrawnDepth"/> levels the depth is written as <c>[N]</c> instead.</summary>
    internal static string LinePrefix(string indent, int depth, bool isLast)
    {
        if (depth == 0) return string.Empty;
        string branch = isLast ? "└─ " : "├─ ";
        return depth <= MaxDrawnDepth ? indent + branch
            : indent + "[" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture) + "] " + branch;
    }

    private static readonly List<MergedProcess> NoChildren = new();

    private List<MergedProcess> ShownChildren(MergedProcess p, int depth)
    {
        var children = p.Children;
        if (children == null || children.Count == 0) return NoChildren;
        if (_lineageBudget != null)
        {
            var shown = new List<MergedProcess>();
            foreach (var c in children) if (_lineageBudget.ContainsKey(c)) shown.Add(c);
            return shown;
        }
        if (_options.Depth.HasValue && depth >= _options.Depth.Value) return NoChildren;
        return children;
    }

    /// <summary>A node whose children are being walked: the next one to visit and the indentation they share.</summary>
    private readonly struct Frame
    {
        public readonly MergedProcess Process;
        public readonly ProcessNode Node;
        public readonly List<MergedProcess> Children;
        public readonly string ChildIndent;
        public readonly int Next;

        public Frame(MergedProcess process, ProcessNode node, List<MergedProcess> children, string childIndent, int next = 0)
        {
            Process = process;
            Node = node;
            Children = children;
            ChildIndent = childIndent;
            Next = next;
        }

        public Frame Advanced() => new(Process, Node, Children, ChildIndent, Next + 1);
    }

    /// <summary>Siblings by start time (unknown last), then pid, then name and path (two images of one pid
    /// without times, whose order must not depend on the order of the events), then first appearance.</summary>
    private sealed class SiblingOrder : IComparer<MergedProcess>
    {
        public static readonly SiblingOrder Instance = new();

        public int Compare(MergedProcess? a, MergedProcess? b)
        {
            int c = CompareNullsLast(a!.StartTicks, b!.StartTicks);
            if (c != 0) return c;
            c = CompareNullsLast(a.Pid, b.Pid);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.Name, b.Name);
            if (c == 0) c = string.CompareOrdinal(a.Path, b.Path);
            return c != 0 ? c : a.Serial.CompareTo(b.Serial);
        }

        private static int CompareNullsLast(long? x, long? y)
        {
            if (x.HasValue && y.HasValue) return x.Value.CompareTo(y.Value);
            if (x.HasValue) return -1;
            return y.HasValue ? 1 : 0;
        }
    }

    /// <summary>Roots grouped by host (ordinal), then like siblings.</summary>
    private sealed class RootOrder : IComparer<MergedProcess>
    {
        public static readonly RootOrder Instance = new();

        public int Compare(MergedProcess? a, MergedProcess? b)
        {
            int c = string.CompareOrdinal(a!.Host, b!.Host);
            return c != 0 ? c : SiblingOrder.Instance.Compare(a, b);
        }
    }
}
