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
using CsmEvents.Datadog;
using CsmEvents.Model;
using CsmEvents.Model.Json;
using CsmEvents.ProcessTree;
using CsmEvents.Schema;
using CsmEvents.Tests.Datadog;
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
    public void ThereAreScenariosForEveryCmdlet()
    {
        var commands = Scenario.AllFiles().Select(f => Scenario.Load(f).Command).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "ConvertFrom-CsmEvent", "ConvertTo-CsmEvent", "Get-CsmEvent", "Get-CsmProcessTree", "Get-CsmSchema", "Test-CsmEvent" }, commands);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ScenarioHoldsThroughTheRunners(string file)
    {
        var scenario = Scenario.Load(file);
        foreach (var (sink, path) in Run(scenario))
        {
            Assert.Equal(scenario.ExpectedOutput.Select(o => o.Replace("{file}", path)).ToList(), sink.Emitted.Select(Text).ToList());
            Assert.Equal(scenario.ExpectedErrors.Select(e => (e.Id, e.Category, e.Message.Replace("{file}", path))).ToList(),
                sink.Errors.Select(e => (e.ErrorId, e.Category.ToString(), e.Message)).ToList());
            Assert.Equal(scenario.ExpectedWarnings.Select(w => w.Replace("{file}", path)).ToList(), sink.Warnings);
            foreach (var (index, propertyPath, value) in scenario.ExpectedProperties)
            {
                Assert.Equal(value.Replace("{file}", path), PropertyText(sink.Emitted[index], propertyPath));
            }
        }
    }

    /// <summary>Runs the scenario once per way PowerShell could deliver its input (objects: as ConvertFrom-Json
    /// PSCustomObjects and as -AsHashtable dictionaries).</summary>
    private static IEnumerable<(RecordingSink Sink, string Path)> Run(Scenario scenario)
    {
        switch (scenario.Command, scenario.Mode)
        {
            case (_, "file"):
                string folder = Path.Combine(Path.GetTempPath(), "csm-scenario-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(folder);
                try
                {
                    string path = Path.Combine(folder, scenario.FileName!);
                    System.IO.File.WriteAllText(path, string.Join("\n", scenario.Lines) + "\n", new UTF8Encoding(false));
                    yield return (ReadFile(scenario, path), path);
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
                yield break;
            case ("Test-CsmEvent", "pipeline"):
                yield return (TestInputs(scenario, scenario.Lines), ConvertToEventsRunner.PipelineTextPath);
                yield break;
            case ("Test-CsmEvent", "events"):
                yield return (TestInputs(scenario, PipelineEvents(scenario.Lines)), ConvertToEventsRunner.PipelineTextPath);
                yield break;
            case ("Get-CsmProcessTree", "events"):
                var treeSink = new RecordingSink();
                var tree = new TreeCommandRunner(TreeOptions(scenario.Parameters), treeSink);
                foreach (var evt in PipelineEvents(scenario.Lines)) tree.Add(evt);
                tree.Complete();
                yield return (treeSink, ConvertToEventsRunner.PipelineTextPath);
                yield break;
            case ("Get-CsmSchema", "none"):
                var schemaSink = new RecordingSink();
                GetSchemasRunner.Run(Strings(scenario.Parameters, "Name"), schemaSink);
                yield return (schemaSink, "");
                yield break;
            case ("Get-CsmEvent", "datadog"):
                yield return (ReadDatadog(scenario), "");
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

    /// <summary>Reads the scenario's file with the command's runner, as the cmdlet does with -Path.</summary>
    private static RecordingSink ReadFile(Scenario scenario, string path)
    {
        var sink = new RecordingSink();
        switch (scenario.Command)
        {
            case "Get-CsmEvent":
                new GetEventsRunner(GetOptions(scenario.Parameters), sink).ReadPaths(new[] { path });
                break;
            case "Test-CsmEvent":
                new TestEventsRunner(TestOptions(scenario.Parameters), sink).ReadPaths(new[] { path });
                break;
            case "Get-CsmProcessTree":
                var tree = new TreeCommandRunner(TreeOptions(scenario.Parameters), sink);
                tree.Reader.ReadPaths(new[] { path });
                tree.Complete();
                break;
            default:
                throw new InvalidOperationException(scenario.File + ": " + scenario.Command + " reads no files");
        }
        return sink;
    }

    /// <summary>Test-CsmEvent's pipeline input (TestCsmEventCommand.ProcessRecord/EndProcessing): strings and events.</summary>
    private static RecordingSink TestInputs(Scenario scenario, IEnumerable<object> inputs)
    {
        var sink = new RecordingSink();
        var runner = new TestEventsRunner(TestOptions(scenario.Parameters), sink);
        using var input = new EventOrTextInput(() => runner.BeginText(ConvertToEventsRunner.PipelineTextPath), runner.TestEvent, sink, FakeHostAdapter.Instance);
        foreach (object item in inputs) input.Add(item);
        input.Complete();
        return sink;
    }

    /// <summary>The events of <c>$lines | Get-CsmEvent</c>, as the next command receives them.</summary>
    private static IReadOnlyList<CsmEvent> PipelineEvents(IEnumerable<string> lines)
    {
        var sink = new RecordingSink();
        using (var text = new GetEventsRunner(new GetEventsOptions(), sink).BeginText(ConvertToEventsRunner.PipelineTextPath))
        {
            foreach (string line in lines) text.Append(line);
            text.Complete();
        }
        Assert.Empty(sink.Errors);
        return sink.EmittedOf<CsmEvent>();
    }

    /// <summary>Get-CsmEvent -Query against a loopback server serving the scenario's pages in order; also checks
    /// each request the cmdlet would send.</summary>
    private static RecordingSink ReadDatadog(Scenario scenario)
    {
        var pages = scenario.Root.GetProperty("input").GetProperty("pages").EnumerateArray().Select(p => ScriptedResponse.Ok(p.GetString()!)).ToArray();
        using var server = new LoopbackServer(pages);
        var parameters = scenario.Parameters;
        var search = new DatadogSearchOptions { Query = parameters.GetProperty("Query").GetString() };
        if (parameters.TryGetProperty("From", out var from)) search.From = DatadogTime.Parse(from.GetString()!);
        if (parameters.TryGetProperty("To", out var to)) search.To = DatadogTime.Parse(to.GetString()!);
        if (parameters.TryGetProperty("PageSize", out var size)) search.PageSize = size.GetInt32();
        if (parameters.TryGetProperty("MaxEvents", out var max)) search.MaxEvents = max.GetInt64();
        search.IncludeAllSources = parameters.TryGetProperty("AllSources", out var all) && all.GetBoolean();
        var sink = new RecordingSink();
        using (var client = new DatadogLogsClient(new DatadogCredentials(ClientHarness.ApiKey, ClientHarness.AppKey), new DatadogClientOptions { ApiUrl = server.BaseUrl, Environment = _ => null }))
        {
            new GetEventsRunner(GetOptions(parameters, "Query", "From", "To", "PageSize", "MaxEvents", "AllSources"), sink).ReadDatadog(client, search);
        }
        var expected = scenario.Root.GetProperty("expected").GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(expected.Count, server.Requests.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var body = server.Requests[i].Json;
            Assert.Equal(expected[i].GetProperty("query").GetString(), body.GetProperty("filter").GetProperty("query").GetString());
            Assert.Equal(expected[i].GetProperty("from").GetString(), body.GetProperty("filter").GetProperty("from").GetString());
            Assert.Equal(expected[i].GetProperty("to").GetString(), body.GetProperty("filter").GetProperty("to").GetString());
            string? cursor = body.GetProperty("page").TryGetProperty("cursor", out var c) ? c.GetString() : null;
            Assert.Equal(expected[i].GetProperty("cursor").GetString(), cursor);
        }
        return sink;
    }

    private static IReadOnlyList<string>? Strings(JsonElement parameters, string name) =>
        parameters.TryGetProperty(name, out var v) ? v.EnumerateArray().Select(s => s.GetString()!).ToList() : null;

    private static bool Switch(JsonElement parameters, string name) => parameters.TryGetProperty(name, out var v) && v.GetBoolean();

    private static void OnlyKnown(JsonElement parameters, params string[] known)
    {
        foreach (var p in parameters.EnumerateObject()) Assert.Contains(p.Name, known);
    }

    /// <summary>The Get-CsmEvent parameter → option mapping of GetCsmEventCommand.BeginProcessing.</summary>
    private static GetEventsOptions GetOptions(JsonElement parameters, params string[] alsoKnown)
    {
        var options = new GetEventsOptions
        {
            Recurse = Switch(parameters, "Recurse"),
            Filter = ReadFilter(parameters),
        };
        OnlyKnown(parameters, new[] { "EventType", "Category", "Outcome", "RuleId", "After", "Before", "Platform", "Recurse" }.Concat(alsoKnown).ToArray());
        return options;
    }

    private static EventFilter ReadFilter(JsonElement parameters)
    {
        DateTimeOffset? Time(string name) => parameters.TryGetProperty(name, out var v) ? DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture) : null;
        return new EventFilter
        {
            EventTypes = Strings(parameters, "EventType"),
            Categories = Strings(parameters, "Category"),
            Outcomes = Strings(parameters, "Outcome"),
            RuleIds = Strings(parameters, "RuleId"),
            After = Time("After"),
            Before = Time("Before"),
            Platform = parameters.TryGetProperty("Platform", out var platform) ? Enum.Parse<CsmPlatform>(platform.GetString()!, ignoreCase: true) : null,
        };
    }

    /// <summary>The Test-CsmEvent parameter → option mapping of TestCsmEventCommand.BeginProcessing.</summary>
    private static TestEventsOptions TestOptions(JsonElement parameters)
    {
        OnlyKnown(parameters, "Schema", "IgnoreAdditionalProperties", "Detailed", "Recurse");
        return new TestEventsOptions
        {
            SchemaName = parameters.TryGetProperty("Schema", out var schema) ? schema.GetString()! : TestEventsOptions.AutoSchema,
            // The cmdlet names its own fetch command; Pester runs it with an empty temporary schema cache.
            FetchCommand = "Save-CsmSchema {0}",
            IgnoreAdditionalProperties = Switch(parameters, "IgnoreAdditionalProperties"),
            Detailed = Switch(parameters, "Detailed"),
            Recurse = Switch(parameters, "Recurse"),
        };
    }

    /// <summary>The Get-CsmProcessTree parameter → option mapping of GetCsmProcessTreeCommand.BeginProcessing.</summary>
    private static TreeCommandOptions TreeOptions(JsonElement parameters)
    {
        OnlyKnown(parameters, "ProcessId", "Name", "HostName", "Ancestry", "Depth", "IncludeEvents", "AsText", "Format", "Recurse");
        string? format = parameters.TryGetProperty("Format", out var f) ? f.GetString() : null;
        return new TreeCommandOptions
        {
            Read = new GetEventsOptions { Recurse = Switch(parameters, "Recurse") },
            Output = Switch(parameters, "AsText") ? TreeOutput.Text : format == null ? TreeOutput.Nodes : Enum.Parse<TreeOutput>(format, ignoreCase: true),
            Tree = new ProcessTreeOptions
            {
                Pids = parameters.TryGetProperty("ProcessId", out var pids) ? pids.EnumerateArray().Select(p => p.GetInt64()).ToList() : new List<long>(),
                Names = Strings(parameters, "Name")?.ToList() ?? new List<string>(),
                Hosts = Strings(parameters, "HostName")?.ToList() ?? new List<string>(),
                Ancestry = Switch(parameters, "Ancestry"),
                Depth = parameters.TryGetProperty("Depth", out var depth) ? depth.GetInt32() : null,
                IncludeEvents = Switch(parameters, "IncludeEvents"),
            },
        };
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

    /// <summary>An output as the scenario writes it: an event as its compact JSON, anything else as its text
    /// (bool True/False, CsmValidationResult "SOURCE: valid", ProcessNode its tree line, a schema its name).</summary>
    private static string Text(object output) => output switch
    {
        CsmEvent evt => evt.ToJson(),
        string s => s.Replace(Environment.NewLine, "\n"),
        bool b => b.ToString(),
        CsmValidationResult or ProcessNode or EmbeddedSchemaInfo => output.ToString()!,
        _ => throw new InvalidOperationException("unexpected output " + output.GetType()),
    };

    /// <summary>The value at a dotted path; a number indexes a list ("Errors.0.Message").</summary>
    private static string? PropertyText(object target, string path)
    {
        object? current = target;
        foreach (string name in path.Split('.'))
        {
            if (current == null) return null;
            current = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                ? ((System.Collections.IList)current)[index]
                : current.GetType().GetProperty(name)!.GetValue(current);
        }
        return Convert.ToString(current, CultureInfo.InvariantCulture);
    }
}
