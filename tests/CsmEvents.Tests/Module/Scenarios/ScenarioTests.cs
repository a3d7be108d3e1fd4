using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using CsmEvents.Commands;
using CsmEvents.Conversion;
using CsmEvents.Model;
using CsmEvents.Model.Json;
using CsmEvents.Tests.Module.Conversion;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Module.Scenarios;

/// <summary>Proves every shared scenario through the runners, with the parameters mapped as the cmdlets map them.</summary>
public class ScenarioTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string file in Scenario.AllFiles()) data.Add(file);
        return data;
    }

    [Fact]
    public void ThereAreScenariosForEveryFoundationCmdlet()
    {
        var commands = Scenario.AllFiles().Select(f => Scenario.Load(f).Command).Distinct().OrderBy(c => c).ToList();
        Assert.Equal(new[] { "ConvertFrom-CsmEvent", "ConvertTo-CsmEvent", "Get-CsmEvent" }, commands);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ScenarioHoldsThroughTheRunners(string file)
    {
        var scenario = Scenario.Load(file);
        foreach (var (sink, path) in Run(scenario))
        {
            Assert.Equal(scenario.ExpectedOutput, sink.Emitted.Select(Text).ToList());
            Assert.Equal(scenario.ExpectedErrors.Select(e => (e.Id, e.Category, e.Message.Replace("{file}", path))).ToList(),
                sink.Errors.Select(e => (e.ErrorId, e.Category.ToString(), e.Message)).ToList());
            foreach (var (index, propertyPath, value) in scenario.ExpectedProperties)
            {
                Assert.Equal(value, PropertyText(sink.Emitted[index], propertyPath));
            }
        }
    }

    /// <summary>Runs the scenario once per way PowerShell could deliver its input (objects: as ConvertFrom-Json
    /// PSCustomObjects and as -AsHashtable dictionaries).</summary>
    private static IEnumerable<(RecordingSink Sink, string Path)> Run(Scenario scenario)
    {
        switch (scenario.Command, scenario.Mode)
        {
            case ("Get-CsmEvent", "file"):
                string folder = Path.Combine(Path.GetTempPath(), "csm-scenario-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(folder);
                try
                {
                    string path = Path.Combine(folder, scenario.FileName!);
                    System.IO.File.WriteAllText(path, string.Join("\n", scenario.Lines) + "\n", new UTF8Encoding(false));
                    var sink = new RecordingSink();
                    new GetEventsRunner(GetOptions(scenario.Parameters), sink).ReadPaths(new[] { path });
                    yield return (sink, path);
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
                yield break;
            case ("Get-CsmEvent", "pipeline"):
                var pipelineSink = new RecordingSink();
                using (var text = new GetEventsRunner(GetOptions(scenario.Parameters), pipelineSink).BeginText(ConvertToEventsRunner.PipelineTextPath))
                {
                    foreach (string line in scenario.Lines) text.Append(line);
                    text.Complete();
                }
                yield return (pipelineSink, ConvertToEventsRunner.PipelineTextPath);
                yield break;
            case ("ConvertTo-CsmEvent", "objects"):
                yield return (ConvertTo(scenario.Objects.Select(AsConvertFromJsonObject)), "");
                yield return (ConvertTo(scenario.Objects.Select(AsHashtable)), "");
                yield break;
            case ("ConvertFrom-CsmEvent", "events"):
                var fromSink = new RecordingSink();
                bool indented = scenario.Parameters.TryGetProperty("Indented", out var flag) && flag.GetBoolean();
                new ConvertFromEventsRunner(indented, fromSink).Convert(scenario.Lines.Select(l => CsmEvent.Parse(l)).ToArray());
                // PowerShell's -Indented text ends lines with the platform newline; the scenario is written with \n.
                for (int i = 0; i < fromSink.Emitted.Count; i++) fromSink.Emitted[i] = ((string)fromSink.Emitted[i]).Replace(Environment.NewLine, "\n");
                yield return (fromSink, "");
                yield break;
            default:
                throw new InvalidOperationException(scenario.File + ": unknown command/mode " + scenario.Command + "/" + scenario.Mode);
        }
    }

    private static RecordingSink ConvertTo(IEnumerable<object?> inputs)
    {
        var sink = new RecordingSink();
        using var runner = new ConvertToEventsRunner(sink, FakeHostAdapter.Instance);
        foreach (object? input in inputs) runner.Add(input);
        runner.Complete();
        return sink;
    }

    /// <summary>The Get-CsmEvent parameter → option mapping of GetCsmEventCommand.BeginProcessing.</summary>
    private static GetEventsOptions GetOptions(JsonElement parameters)
    {
        IReadOnlyList<string>? Strings(string name) => parameters.TryGetProperty(name, out var v) ? v.EnumerateArray().Select(s => s.GetString()!).ToList() : null;
        DateTimeOffset? Time(string name) => parameters.TryGetProperty(name, out var v) ? DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture) : null;
        var options = new GetEventsOptions
        {
            Recurse = parameters.TryGetProperty("Recurse", out var recurse) && recurse.GetBoolean(),
            Filter = new EventFilter
            {
                EventTypes = Strings("EventType"),
                Categories = Strings("Category"),
                Outcomes = Strings("Outcome"),
                RuleIds = Strings("RuleId"),
                After = Time("After"),
                Before = Time("Before"),
                Platform = parameters.TryGetProperty("Platform", out var platform) ? Enum.Parse<CsmPlatform>(platform.GetString()!, ignoreCase: true) : null,
            },
        };
        var known = new[] { "EventType", "Category", "Outcome", "RuleId", "After", "Before", "Platform", "Recurse" };
        foreach (var p in parameters.EnumerateObject()) Assert.Contains(p.Name, known);
        return options;
    }

    /// <summary>A JSON value as ConvertFrom-Json delivers it: PSCustomObjects in PSObjects, object[] arrays, wrapped scalars.</summary>
    private static object? AsConvertFromJsonObject(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new FakeWrapper(value.EnumerateObject().Aggregate(new FakeBag(), (bag, p) => bag.Add(p.Name, AsConvertFromJsonObject(p.Value)))),
        JsonValueKind.Array => value.EnumerateArray().Select(AsConvertFromJsonObject).ToArray(),
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => new FakeWrapper(value.TryGetInt64(out long l) ? l : value.GetDouble()),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>A JSON value as ConvertFrom-Json -AsHashtable delivers it (ordered dictionaries).</summary>
    private static object? AsHashtable(JsonElement value)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value.GetRawText()));
        reader.Read();
        return PlainJson.Read(ref reader);
    }

    private static string Text(object output) => output switch
    {
        CsmEvent evt => evt.ToJson(),
        string s => s,
        _ => throw new InvalidOperationException("unexpected output " + output.GetType()),
    };

    private static string? PropertyText(object target, string path)
    {
        object? current = target;
        foreach (string name in path.Split('.'))
        {
            if (current == null) return null;
            current = current.GetType().GetProperty(name)!.GetValue(current);
        }
        return Convert.ToString(current, CultureInfo.InvariantCulture);
    }
}
