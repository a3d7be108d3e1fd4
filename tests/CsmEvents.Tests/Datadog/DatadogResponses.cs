using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CsmEvents.Datadog;

namespace CsmEvents.Tests.Datadog;

/// <summary>Builds Logs Search response pages in the documented shape (FORMAT.md §5).</summary>
public static class DatadogResponses
{
    public static string Page(IEnumerable<string> ids, string? after, string requestId, string status = "done",
        string? warningsJson = null)
    {
        string data = string.Join(",", ids.Select(Envelope));
        string page = after is null ? "{}" : "{\"after\":" + JsonSerializer.Serialize(after) + "}";
        string warnings = warningsJson is null ? "" : ",\"warnings\":" + warningsJson;
        string links = after is null ? "{}"
            : "{\"next\":\"https://api.datadoghq.com/api/v2/logs/events?page%5Bcursor%5D=" + after + "\"}";
        return "{\"data\":[" + data + "],\"links\":" + links + ",\"meta\":{\"elapsed\":42,\"page\":" + page +
               ",\"request_id\":" + JsonSerializer.Serialize(requestId) + ",\"status\":\"" + status + "\"" + warnings + "}}";
    }

    /// <summary>One data[] entry: a log envelope around a CWS exec event.</summary>
    public static string Envelope(string id) =>
        "{\"id\":\"" + id + "\",\"type\":\"log\",\"attributes\":{" +
        "\"attributes\":{\"agent\":{\"rule_id\":\"rule_" + id + "\",\"version\":\"7.55.0\"},\"title\":\"Process " + id + " executed\"," +
        "\"evt\":{\"name\":\"exec\",\"category\":\"Process Activity\",\"outcome\":\"Success\"}," +
        "\"date\":\"2024-05-01T12:00:00.000Z\",\"process\":{\"pid\":4242,\"executable\":{\"path\":\"/usr/bin/id\"}}}," +
        "\"host\":\"web-1\",\"message\":\"\",\"service\":\"runtime-security-agent\",\"status\":\"info\"," +
        "\"tags\":[\"source:runtime-security-agent\",\"rule_id:rule_" + id + "\"],\"timestamp\":\"2024-05-01T12:00:00.000Z\"}}";

    /// <summary>The ids of the events a caller takes from a page (the first TakeCount of data[]).</summary>
    public static List<string> TakenIds(DatadogPage page)
    {
        using JsonDocument doc = JsonDocument.Parse(page.Body);
        return doc.RootElement.GetProperty("data").EnumerateArray().Take(page.TakeCount)
            .Select(e => e.GetProperty("id").GetString()!).ToList();
    }
}
