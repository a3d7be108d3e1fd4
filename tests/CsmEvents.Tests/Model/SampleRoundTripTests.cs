using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CsmEvents.Model;
using CsmEvents.Tests.Reading;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Model;

/// <summary>Every bundled sample event, read and written back, yields the same JSON values it came with.</summary>
public class SampleRoundTripTests
{
    public static IEnumerable<object[]> SampleFiles() =>
        Directory.EnumerateFiles(RepoPaths.Samples, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".md"))
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetRelativePath(RepoPaths.Samples, f) });

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void EverySampleEventRoundTripsLosslessly(string relativePath)
    {
        var harness = new ReadHarness();
        new CsmEvents.Commands.GetEventsRunner(new CsmEvents.Commands.GetEventsOptions(), harness).ReadPaths(new[] { Path.Combine(RepoPaths.Samples, relativePath) });
        Assert.Empty(harness.Errors);
        Assert.NotEmpty(harness.Events);
        foreach (var evt in harness.Events)
        {
            string original = OriginalJson(evt.Source!);
            string written = evt.ToJson();
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(original).RootElement, JsonDocument.Parse(written).RootElement),
                evt.Source + ": written JSON differs from the original");
            // Indented output holds the same values too.
            Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(original).RootElement, JsonDocument.Parse(evt.ToJson(indented: true)).RootElement));
            // Schema-conforming samples hold nothing untyped but the schema sections the model keeps as plain values.
            if (!relativePath.Contains("newer-agent"))
            {
                foreach (string key in evt.AdditionalProperties.Keys) Assert.Contains(key, UntypedSections);
            }
        }
    }

    /// <summary>Top-level sections of the current Linux schema that the model does not type (kept as plain values).</summary>
    private static readonly string[] UntypedSections = { "syscall", "syscalls", "imds", "packet", "network_flow_monitor", "sysctl", "setsockopt", "cgroup_write", "capabilities", "prctl" };

    /// <summary>The event's JSON as it stands in the file, located independently of the reader by line / index.</summary>
    private static string OriginalJson(EventSource source)
    {
        string path = source.Path;
        if (path.EndsWith(".gz"))
        {
            using var gz = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
            return new StreamReader(gz).ReadToEnd().Split('\n')[source.Line - 1];
        }
        string text = File.ReadAllText(path);
        if (text.TrimStart().StartsWith("{") && !text.Contains("\"data\"") && text.Trim().Split('\n').Length > 1 && text.TrimStart().StartsWith("{\n"))
        {
            return JsonDocument.Parse(text).RootElement.GetRawText();
        }
        using var doc = JsonDocument.Parse(text.TrimStart().StartsWith("[") || text.Contains("\"data\"") ? text : "[" + string.Join(",", text.Split('\n').Where(l => l.Trim().Length > 0)) + "]");
        var root = doc.RootElement;
        if (source.Envelope != null) return root.GetProperty("data")[(int)source.Index!.Value].GetProperty("attributes").GetProperty("attributes").GetRawText();
        if (source.Index != null) return root[(int)source.Index.Value].GetRawText();
        if (root.ValueKind == JsonValueKind.Array && !text.TrimStart().StartsWith("[")) return text.Split('\n')[source.Line - 1];
        return root.GetRawText();
    }

    [Fact]
    public void TypedMembersOfTheLinuxSampleAreWhatTheFileSays()
    {
        var evt = CsmEvent.Parse(File.ReadAllLines(Path.Combine(RepoPaths.Samples, "linux", "incident-web01.jsonl"))
            .Select(l => CsmEvent.Parse(l)).First(e => e.Process?.Executable?.Inode == 12345678901234567890UL).ToJson());
        Assert.Equal(CsmPlatform.Linux, evt.Platform);
        Assert.Equal(12345678901234567890UL, evt.Process!.Executable!.Inode);
        Assert.Contains("12345678901234567890", evt.ToJson());
    }
}
