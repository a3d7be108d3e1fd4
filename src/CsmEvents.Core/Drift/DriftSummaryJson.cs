using System.IO;
using System.Text;
using System.Text.Json;
using CsmEvents.Model.Json;

namespace CsmEvents.Drift;

/// <summary>
/// The summary as one JSON document (<c>csm-events test --summary --json</c>), member names as in PowerShell,
/// camelCase: <c>{"eventsRead":..,"valid":..,"invalid":..,"notValidated":..,"unreadable":..,"inputErrors":..,
/// "newGroups":..,"exitCode":..,"baseline":..,"groups":[{"schema":..,"keyword":..,"path":..,"events":..,"share":..,
/// "known":..,"agentVersions":[..],"schemaVersions":[..],"firstSource":..,"lastSource":..,"message":..,"example":..}]}</c>.
/// </summary>
public static class DriftSummaryJson
{
    public static string Write(CsmDriftSummary summary)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOutput.WriterOptions(indented: true)))
        {
            w.WriteStartObject();
            w.WriteNumber("eventsRead", summary.EventsRead);
            w.WriteNumber("valid", summary.Valid);
            w.WriteNumber("invalid", summary.Invalid);
            w.WriteNumber("notValidated", summary.NotValidated);
            w.WriteNumber("unreadable", summary.Unreadable);
            w.WriteNumber("inputErrors", summary.InputErrors);
            w.WriteNumber("newGroups", summary.NewGroups);
            w.WriteNumber("exitCode", summary.ExitCode);
            if (summary.BaselinePath != null) w.WriteString("baseline", summary.BaselinePath);
            else w.WriteNull("baseline");
            w.WriteStartArray("groups");
            foreach (var g in summary.Groups)
            {
                w.WriteStartObject();
                w.WriteString("schema", g.Schema);
                w.WriteString("keyword", g.Keyword);
                w.WriteString("path", g.Path);
                w.WriteNumber("events", g.Events);
                w.WriteNumber("share", System.Math.Round(g.Share, 6));
                w.WriteBoolean("known", g.Known);
                w.WriteStartArray("agentVersions");
                foreach (string v in g.AgentVersions) w.WriteStringValue(v);
                w.WriteEndArray();
                w.WriteStartArray("schemaVersions");
                foreach (string v in g.SchemaVersions) w.WriteStringValue(v);
                w.WriteEndArray();
                w.WriteString("firstSource", g.FirstSource);
                w.WriteString("lastSource", g.LastSource);
                w.WriteString("message", g.Message);
                if (g.Example != null) w.WriteString("example", g.Example);
                else w.WriteNull("example");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n");
    }
}
