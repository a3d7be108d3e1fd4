using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CsmEvents.Schema.Json;

namespace CsmEvents.Schema.Evaluation;

/// <summary>
/// Per-call state of one validation: options, the current instance location, depth, dynamic scope and the
/// error sink. One context is reused per thread, so a valid instance is validated without allocating.
/// </summary>
internal sealed class EvaluationContext
{
    [ThreadStatic] private static EvaluationContext? _cached;

    private PathSegment[] _path = new PathSegment[32];
    private int _pathLength;
    private SchemaResource[] _scope = new SchemaResource[8];
    private int _scopeLength;
    private readonly Stack<EvaluatedTracker> _trackers = new();
    // Reused across calls so that a valid instance costs no allocation; copied out only when errors are returned.
    private readonly List<SchemaError> _errorBuffer = new();
    private int _depth;

    public SchemaValidationOptions Options { get; private set; } = SchemaValidationOptions.Default;

    /// <summary>When false, evaluation stops at the first failure and builds no error details (the fast path).</summary>
    public bool Collecting { get; set; }

    /// <summary>Where errors go while <see cref="Collecting"/>; anyOf/oneOf swap in their own lists for branch details.</summary>
    public List<SchemaError> Errors { get; set; } = new();

    /// <summary>The deepest schema nesting reached by the depth guard, for the error message.</summary>
    public int MaxDepth => Options.MaxDepth;

    public static EvaluationContext Rent(SchemaValidationOptions options, bool collecting)
    {
        var context = _cached ?? new EvaluationContext();
        _cached = null;
        context.Options = options;
        context.Collecting = collecting;
        context._depth = 0;
        context._pathLength = 0;
        context._scopeLength = 0;
        context._errorBuffer.Clear();
        context.Errors = collecting ? context._errorBuffer : EmptyErrors;
        return context;
    }

    public static void Return(EvaluationContext context)
    {
        context.Errors = EmptyErrors;
        context._errorBuffer.Clear();
        Array.Clear(context._scope, 0, context._scopeLength);
        Array.Clear(context._path, 0, context._pathLength);
        _cached = context;
    }

    private static readonly List<SchemaError> EmptyErrors = new();

    // ----- depth guard -----

    /// <summary>
    /// Counts schema nesting. Deep instances and recursive schemas are legal, but recursion must stop before
    /// the thread's stack does: past the limit the value is reported invalid with a clear message.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Enter(SchemaNode node, JsonElement instance)
    {
        if (++_depth <= Options.MaxDepth && ((_depth & 31) != 0 || HasStackRoom())) return true;
        _depth--;
        if (Collecting)
        {
            AddError(node.Location, "$depth",
                "nesting is deeper than " + Options.MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels of schema and value; validation stopped here",
                instance);
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Leave() => _depth--;

    /// <summary>The depth left for recursive value comparisons (enum, const, uniqueItems).</summary>
    public int RemainingDepth => Options.MaxDepth - _depth;

    private static bool HasStackRoom()
    {
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return true;
        }
        catch (InsufficientExecutionStackException)
        {
            return false;
        }
    }

    // ----- dynamic scope ($dynamicRef) -----

    public bool PushScope(SchemaResource resource)
    {
        if (_scopeLength == _scope.Length) Array.Resize(ref _scope, _scope.Length * 2);
        _scope[_scopeLength++] = resource;
        return true;
    }

    public void PopScope() => _scope[--_scopeLength] = null!;

    /// <summary>The outermost resource on the dynamic scope that declares <paramref name="anchor"/> with $dynamicAnchor.</summary>
    public SchemaNode? FindDynamicAnchor(string anchor)
    {
        for (int i = 0; i < _scopeLength; i++)
        {
            if (_scope[i].DynamicAnchors.TryGetValue(anchor, out var node)) return node;
        }
        return null;
    }

    // ----- annotation trackers -----

    public EvaluatedTracker RentTracker() => _trackers.Count > 0 ? _trackers.Pop() : new EvaluatedTracker();

    public void ReturnTracker(EvaluatedTracker tracker)
    {
        tracker.Reset();
        _trackers.Push(tracker);
    }

    // ----- instance location -----

    private struct PathSegment
    {
        public JsonProperty Property;
        public string? Name;
        public int Index;
        public byte Kind; // 0 = property, 1 = name, 2 = index
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushProperty(JsonProperty property)
    {
        if (_pathLength == _path.Length) Array.Resize(ref _path, _path.Length * 2);
        ref var segment = ref _path[_pathLength++];
        segment.Property = property;
        segment.Name = null;
        segment.Kind = 0;
    }

    public void PushName(string name)
    {
        if (_pathLength == _path.Length) Array.Resize(ref _path, _path.Length * 2);
        ref var segment = ref _path[_pathLength++];
        segment.Name = name;
        segment.Kind = 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushIndex(int index)
    {
        if (_pathLength == _path.Length) Array.Resize(ref _path, _path.Length * 2);
        ref var segment = ref _path[_pathLength++];
        segment.Index = index;
        segment.Name = null;
        segment.Kind = 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Pop() => _pathLength--;

    /// <summary>The RFC 6901 pointer of the current instance location ("" is the whole instance).</summary>
    public string InstancePath()
    {
        if (_pathLength == 0) return "";
        var sb = new StringBuilder();
        for (int i = 0; i < _pathLength; i++)
        {
            ref var segment = ref _path[i];
            sb.Append('/');
            switch (segment.Kind)
            {
                case 0: sb.Append(JsonPointer.EscapeToken(segment.Property.Name)); break;
                case 1: sb.Append(JsonPointer.EscapeToken(segment.Name!)); break;
                default: sb.Append(segment.Index.ToString(CultureInfo.InvariantCulture)); break;
            }
        }
        return sb.ToString();
    }

    // ----- errors -----

    public void AddError(string schemaLocation, string keyword, string message, JsonElement value)
    {
        Errors.Add(new SchemaError(InstancePath(), schemaLocation, keyword, message, JsonValueText.Render(value), null));
    }

    public void AddError(string schemaLocation, string keyword, string message, string? valueText, IReadOnlyList<SchemaError>? details = null)
    {
        Errors.Add(new SchemaError(InstancePath(), schemaLocation, keyword, message, valueText, details));
    }

    /// <summary>An error about one member of the current object (additionalProperties, unevaluatedProperties).</summary>
    public void AddMemberError(string schemaLocation, string keyword, string message, string property, JsonElement value)
    {
        Errors.Add(new SchemaError(InstancePath(), schemaLocation, keyword, message, JsonValueText.Render(value), null, property));
    }
}
