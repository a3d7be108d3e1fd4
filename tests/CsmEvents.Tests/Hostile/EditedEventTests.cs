using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CsmEvents.Commands;
using CsmEvents.Export;
using CsmEvents.Model;
using CsmEvents.Model.Json;
using CsmEvents.ProcessTree;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Hostile;

/// <summary>
/// Events a PowerShell user edited: every settable property of the model can be given null, and every list
/// can be given null items (<c>$e.Process.Args = 'a', $null</c>, <c>$e.Process.Ancestors.Add($null)</c>). Whatever was
/// set, the event's own properties, its JSON, its transfer text, a validation verdict, the timeline and log-record
/// exports, a process tree and a report must still come out, without an exception.
/// </summary>
public class EditedEventTests
{
    private static IEnumerable<CsmEvent> Samples()
    {
        var sink = new RecordingSink();
        new GetEventsRunner(new GetEventsOptions { Recurse = true }, sink).ReadPaths(new[] { RepoPaths.Samples });
        return sink.Emitted.OfType<CsmEvent>();
    }

    [Fact]
    public void NullsInEveryListOfEverySampleEventBreakNothing()
    {
        int edited = 0;
        var events = Samples().ToList();
        foreach (var evt in events)
        {
            foreach (var part in Parts(evt).ToList()) edited += PutNullsInLists(part);
            Exercise(evt);
        }
        Assert.True(edited > 100, "only " + edited + " lists were edited");
        Report(events);
    }

    [Fact]
    public void EveryPropertySetToNullBreaksNothing()
    {
        int edited = 0;
        var events = Samples().ToList();
        foreach (var evt in events)
        {
            foreach (var part in Parts(evt).ToList())
            {
                foreach (var property in Settable(part.GetType()).Where(p => !p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) != null))
                {
                    property.SetValue(part, null);
                    edited++;
                }
            }
            if (evt.Source?.Envelope is { } envelope) envelope.Tags = new[] { null!, "severity:high" };
            Exercise(evt);
        }
        Assert.True(edited > 1000, "only " + edited + " properties were set to null");
        Report(events);
    }

    private static void Exercise(CsmEvent evt)
    {
        foreach (var part in Parts(evt))
        {
            foreach (var property in part.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                property.GetValue(part);
            }
            _ = part.ToString();
            _ = part.ToJson();
        }
        string json = evt.ToJson();
        var back = CsmEventTransfer.FromJson(CsmEventTransfer.ToJson(evt));
        Assert.Equal(json, back.ToJson());
        var fields = TimelineFields.From(evt);
        _ = CsvTimeline.Record(fields);
        _ = TimesketchLine.Line(fields);
        _ = DatadogLogLine.Text(json, evt.Source?.Envelope);
        var validation = new RecordingSink();
        new TestEventsRunner(new TestEventsOptions { Detailed = true }, validation).TestEvent(evt);
        Assert.Single(validation.Emitted); // a verdict, valid or not, never an error
        Assert.Empty(validation.Errors);
        var tree = new ProcessTreeRunner();
        tree.Add(evt);
        var result = tree.Complete();
        _ = result.ToTextLines();
        _ = result.ToJson();
    }

    /// <summary>An HTML report of the edited events, with their validation: every event is in it.</summary>
    private static void Report(List<CsmEvent> events)
    {
        var sink = new RecordingSink();
        var runner = new CsmEvents.Report.ReportRunner(new CsmEvents.Report.ReportOptions { Validate = true }, sink);
        foreach (var evt in events) runner.Add(evt);
        using var output = new System.IO.MemoryStream();
        var result = runner.Complete(output);
        Assert.Equal(events.Count, result.Events);
        Assert.True(output.Length > 0);
    }

    /// <summary>The event and every model object it holds, directly or in lists.</summary>
    private static IEnumerable<CsmObject> Parts(CsmObject root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<CsmObject>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (!seen.Add(part)) continue;
            yield return part;
            foreach (var property in Settable(part.GetType()))
            {
                var value = property.GetValue(part);
                if (value is CsmObject child) pending.Push(child);
                else if (value is IList list && value is not string && value is not Array) foreach (var item in list) if (item is CsmObject listed) pending.Push(listed);
            }
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    /// <summary>Adds a null item to every string array and every list of objects the part has.</summary>
    private static int PutNullsInLists(CsmObject part)
    {
        int edited = 0;
        foreach (var property in Settable(part.GetType()))
        {
            var value = property.GetValue(part);
            if (property.PropertyType == typeof(string[]))
            {
                property.SetValue(part, ((string[]?)value ?? Array.Empty<string>()).Concat(new string[] { null! }).ToArray());
                edited++;
            }
            else if (value is IList list && !list.IsFixedSize && !list.IsReadOnly)
            {
                list.Add(null);
                edited++;
            }
        }
        return edited;
    }
}
