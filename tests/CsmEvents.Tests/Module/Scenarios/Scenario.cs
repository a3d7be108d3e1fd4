using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Module.Scenarios;

/// <summary>
/// One shared scenario file of tests/Scenarios: a cmdlet, its input, its parameters and exactly what it must
/// produce. xunit proves each scenario through the Core runners (ScenarioTests); the Pester suite replays the same
/// files through the real cmdlets, so it only asserts what is already known to be true.
/// </summary>
public sealed class Scenario
{
    private Scenario(string file, JsonElement root)
    {
        File = file;
        Root = root;
    }

    public string File { get; }

    public JsonElement Root { get; }

    public string Command => Root.GetProperty("command").GetString()!;

    public string Mode => Root.GetProperty("input").GetProperty("mode").GetString()!;

    public IReadOnlyList<string> Lines => Root.GetProperty("input").TryGetProperty("lines", out var lines) ? lines.EnumerateArray().Select(l => l.GetString()!).ToList() : Array.Empty<string>();

    public string? FileName => Root.GetProperty("input").TryGetProperty("fileName", out var name) ? name.GetString() : null;

    public IReadOnlyList<JsonElement> Objects => Root.GetProperty("input").GetProperty("objects").EnumerateArray().ToList();

    public JsonElement Parameters => Root.GetProperty("parameters");

    public IReadOnlyList<string> ExpectedOutput => Root.GetProperty("expected").GetProperty("output").EnumerateArray().Select(o => o.GetString()!).ToList();

    public IReadOnlyList<(string Id, string Category, string Message)> ExpectedErrors => Root.GetProperty("expected").GetProperty("errors").EnumerateArray()
        .Select(e => (e.GetProperty("id").GetString()!, e.GetProperty("category").GetString()!, e.GetProperty("message").GetString()!)).ToList();

    /// <summary>Expected warnings, exactly, in order (none when the scenario lists none).</summary>
    public IReadOnlyList<string> ExpectedWarnings => Root.GetProperty("expected").TryGetProperty("warnings", out var warnings)
        ? warnings.EnumerateArray().Select(w => w.GetString()!).ToList()
        : Array.Empty<string>();

    /// <summary>Expected property values of output objects: (output index, property path, text).</summary>
    public IReadOnlyList<(int Index, string Path, string Value)> ExpectedProperties => !Root.GetProperty("expected").TryGetProperty("properties", out var all)
        ? Array.Empty<(int, string, string)>()
        : all.EnumerateArray().SelectMany(p => p.EnumerateObject().Where(x => x.Name != "index").Select(x => (p.GetProperty("index").GetInt32(), x.Name, x.Value.GetString()!))).ToList();

    public static string Folder => RepoPaths.InRepo("tests", "Scenarios");

    public static Scenario Load(string fileName)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(Path.Combine(Folder, fileName)));
        return new Scenario(fileName, document.RootElement.Clone());
    }

    public static IEnumerable<string> AllFiles() => Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal)!;

    public override string ToString() => File;
}
