using System.Linq;
using CsmEvents.Schema;

namespace CsmEvents.Tests.Schema;

internal static class SchemaTestHelpers
{
    /// <summary>"path | location | keyword | message | value" per error, for readable exact assertions.</summary>
    public static string[] Describe(SchemaValidationResult result) =>
        result.Errors.Select(e => e.InstancePath + " | " + e.SchemaLocation + " | " + e.Keyword + " | " + e.Message + " | " + e.Value).ToArray();

    public static string Dump(SchemaValidationResult result) => string.Join("\n", Describe(result));
}
