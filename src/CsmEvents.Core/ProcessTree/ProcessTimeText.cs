using System;
using System.Reflection;
using CsmEvents.Model;
using CsmEvents.Model.Json;

namespace CsmEvents.ProcessTree;

/// <summary>
/// The original RFC 3339 text of a process's fork/exec/exit time (nanoseconds and offset as the agent wrote
/// them), which the tree's JSON output repeats. The model keeps that text in private fields and exposes only the
/// DateTimeOffset (100 ns precision), so it is read here by reflection, and only when a node first learns a time
/// (a few thousand times per tree, not once per event). If the model's fields change, the formatted value is
/// used instead: still correct to 100 ns. (A model accessor for the text would make this unnecessary.)
/// </summary>
internal static class ProcessTimeText
{
    private static readonly FieldInfo? ExecField = Find("_execTime");
    private static readonly FieldInfo? ForkField = Find("_forkTime");
    private static readonly FieldInfo? ExitField = Find("_exitTime");

    public static string? Exec(Process p) => Read(ExecField, p, p.ExecTime);

    public static string? Fork(Process p) => Read(ForkField, p, p.ForkTime);

    public static string? Exit(Process p) => Read(ExitField, p, p.ExitTime);

    private static FieldInfo? Find(string name)
    {
        var field = typeof(Process).GetField(name, BindingFlags.Instance | BindingFlags.NonPublic);
        return field != null && field.FieldType == typeof(TimeValue) ? field : null;
    }

    private static string? Read(FieldInfo? field, Process p, DateTimeOffset? value)
    {
        if (!value.HasValue) return null;
        if (field != null && field.GetValue(p) is TimeValue stored && stored.Text != null && stored.Value == value) return stored.Text;
        return CsmTime.Format(value.Value);
    }
}
