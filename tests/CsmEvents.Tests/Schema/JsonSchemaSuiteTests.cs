using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CsmEvents.Schema;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Schema;

/// <summary>
/// The official JSON-Schema-Test-Suite (../shared/json-schema-test-suite): every required test of draft 2020-12,
/// draft-07 and draft-04, plus the optional date-time, bignum and ecmascript-regex files. One case per suite file;
/// a failure lists every failing test by group and description.
/// </summary>
public class JsonSchemaSuiteTests
{
    private static readonly (string Folder, string Dialect)[] Drafts =
    {
        ("draft2020-12", "2020-12"),
        ("draft7", "draft-07"),
        ("draft4", "draft-04"),
    };

    private static readonly string[] OptionalFiles =
    {
        "optional/format/date-time.json",
        "optional/bignum.json",
        "optional/ecmascript-regex.json",
    };

    /// <summary>
    /// Tests deliberately not passed, keyed "folder/file | group | test", with the reason. Kept empty: every
    /// required test passes.
    /// </summary>
    private static readonly Dictionary<string, string> Exclusions = new(StringComparer.Ordinal);

    public static IEnumerable<object[]> SuiteFiles()
    {
        string root = SuiteRoot;
        if (!Directory.Exists(root))
        {
            yield return new object[] { "(suite not found)" };
            yield break;
        }
        foreach (var (folder, _) in Drafts)
        {
            string dir = Path.Combine(root, "tests", folder);
            foreach (string file in Directory.GetFiles(dir, "*.json").OrderBy(f => f, StringComparer.Ordinal))
            {
                yield return new object[] { folder + "/" + Path.GetFileName(file) };
            }
            foreach (string optional in OptionalFiles)
            {
                if (File.Exists(Path.Combine(dir, optional))) yield return new object[] { folder + "/" + optional };
            }
        }
    }

    [SharedTheory]
    [MemberData(nameof(SuiteFiles))]
    public void SuiteFilePasses(string file)
    {
        var result = SuiteRunner.RunFile(file, Exclusions);
        Assert.True(result.Failures.Count == 0,
            file + ": " + result.Failures.Count + " of " + result.Total + " tests failed:\n" + string.Join("\n", result.Failures));
        Assert.True(result.Total > 0, file + " has no tests");
    }

    [SharedFact]
    public void EveryRequiredFileOfTheThreeDraftsIsCovered()
    {
        int files = SuiteFiles().Count();
        // 46 + 37 + 30 required files plus the optional ones present in each draft.
        Assert.True(files >= 113 + 7, "only " + files + " suite files found under " + SuiteRoot);
    }

    internal static string SuiteRoot => RepoPaths.InShared("json-schema-test-suite");
}

/// <summary>Runs suite files against the engine, serving the suite's remotes/ folder as http://localhost:1234/ from disk.</summary>
internal static class SuiteRunner
{
    private static readonly Lazy<Dictionary<string, string>> Remotes = new(LoadRemotes);

    internal sealed class FileResult
    {
        public List<string> Failures { get; } = new();
        public int Total { get; set; }
    }

    public static FileResult RunFile(string file, IReadOnlyDictionary<string, string> exclusions)
    {
        var result = new FileResult();
        int slash = file.IndexOf('/');
        string folder = file.Substring(0, slash);
        string dialect = folder switch { "draft2020-12" => "2020-12", "draft7" => "draft-07", _ => "draft-04" };
        bool assertFormat = file.Contains("/optional/format/", StringComparison.Ordinal);
        var options = new SchemaValidationOptions(assertFormat: assertFormat);

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(JsonSchemaSuiteTests.SuiteRoot, "tests", file)));
        int groupIndex = 0;
        foreach (var group in document.RootElement.EnumerateArray())
        {
            string groupDescription = group.GetProperty("description").GetString()!;
            CompiledSchema? schema = null;
            string? compileError = null;
            try
            {
                schema = Compile(group.GetProperty("schema").GetRawText(), dialect, groupIndex);
            }
            catch (SchemaLoadException ex)
            {
                compileError = ex.Message;
            }
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                result.Total++;
                string description = test.GetProperty("description").GetString()!;
                string key = file + " | " + groupDescription + " | " + description;
                if (exclusions.ContainsKey(key)) continue;
                bool expected = test.GetProperty("valid").GetBoolean();
                if (schema == null)
                {
                    result.Failures.Add("  [" + groupDescription + "] " + description + ": schema did not compile: " + compileError);
                    continue;
                }
                var data = test.GetProperty("data");
                var validation = schema.Validate(data, options);
                bool fast = schema.IsValid(data, options);
                if (validation.IsValid != expected || fast != expected)
                {
                    string errors = string.Join("; ", validation.Errors.Select(e => e.ToString()));
                    result.Failures.Add("  [" + groupDescription + "] " + description + ": expected " + (expected ? "valid" : "invalid")
                                        + ", Validate said " + (validation.IsValid ? "valid" : "invalid") + ", IsValid said " + (fast ? "valid" : "invalid")
                                        + (errors.Length > 0 ? " (" + errors + ")" : ""));
                }
            }
            groupIndex++;
        }
        return result;
    }

    private static CompiledSchema Compile(string schemaJson, string dialect, int groupIndex)
    {
        var set = new SchemaSet { DefaultDialect = dialect };
        foreach (var remote in Remotes.Value) set.Add(remote.Key, remote.Value);
        string uri = "urn:csm-events:suite-test-" + groupIndex;
        set.Add(uri, schemaJson);
        return set.Compile(uri, "suite schema " + groupIndex);
    }

    private static Dictionary<string, string> LoadRemotes()
    {
        string root = Path.Combine(JsonSchemaSuiteTests.SuiteRoot, "remotes");
        var remotes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.GetFiles(root, "*.json", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            remotes["http://localhost:1234/" + relative] = File.ReadAllText(path);
        }
        return remotes;
    }
}
