using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Drift;

/// <summary>
/// The drift summary as a JUnit XML report, the format CI servers and schedulers display (Jenkins, GitLab, Azure
/// Pipelines, GitHub test reporters): one <c>testsuite</c> per schema, one <c>testcase</c> per drift group, failed
/// unless the baseline knows the group; and a suite <c>inputs</c> whose one test case fails when an input could not
/// be read (a missing file, a failed Datadog search).
/// </summary>
public static class JUnitReport
{
    public const string InputsSuite = "inputs";

    /// <summary>Writes the report (atomically).</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="System.UnauthorizedAccessException">The folder is not writable.</exception>
    public static void Write(string path, CsmDriftSummary summary) => AtomicFile.Write(path, Serialize(summary));

    internal static byte[] Serialize(CsmDriftSummary summary)
    {
        var suites = new SortedDictionary<string, List<CsmDriftGroup>>(System.StringComparer.Ordinal);
        foreach (var pair in summary.EventsPerSchema) suites[pair.Key] = new List<CsmDriftGroup>();
        foreach (var group in summary.Groups)
        {
            if (!suites.TryGetValue(group.Schema, out var list)) suites[group.Schema] = list = new List<CsmDriftGroup>();
            list.Add(group);
        }
        int tests = suites.Values.Sum(l => l.Count) + 1;
        int failures = summary.NewGroups + (summary.InputErrors > 0 ? 1 : 0);

        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "csm-events drift");
            xml.WriteAttributeString("tests", Number(tests));
            xml.WriteAttributeString("failures", Number(failures));
            xml.WriteAttributeString("errors", "0");
            foreach (var suite in suites) WriteSuite(xml, suite.Key, suite.Value, summary);
            WriteInputs(xml, summary);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void WriteSuite(XmlWriter xml, string schema, List<CsmDriftGroup> groups, CsmDriftSummary summary)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", schema);
        xml.WriteAttributeString("tests", Number(groups.Count));
        xml.WriteAttributeString("failures", Number(groups.Count(g => !g.Known)));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", "0");
        long events = summary.EventsPerSchema.FirstOrDefault(p => p.Key == schema).Value;
        xml.WriteStartElement("properties");
        Property(xml, "events", Number(events));
        if (summary.BaselinePath != null) Property(xml, "baseline", summary.BaselinePath);
        xml.WriteEndElement();
        foreach (var group in groups)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", schema);
            xml.WriteAttributeString("name", Clean(group.Title));
            string counts = Number(group.Events) + " of " + Number(summary.EventsRead) + " events (" + Percent(group.Share) + ")";
            if (group.Known)
            {
                xml.WriteElementString("system-out", Clean("known drift (baseline): " + counts + "\n" + Details(group)));
            }
            else
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", Clean(group.Keyword));
                xml.WriteAttributeString("message", Clean((summary.BaselinePath != null ? "new drift: " : "") + counts + ": " + group.Message));
                xml.WriteString(Clean(Details(group)));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void WriteInputs(XmlWriter xml, CsmDriftSummary summary)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", InputsSuite);
        xml.WriteAttributeString("tests", "1");
        xml.WriteAttributeString("failures", summary.InputErrors > 0 ? "1" : "0");
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", "0");
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", InputsSuite);
        xml.WriteAttributeString("name", "every input read");
        if (summary.InputErrors > 0)
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("type", "InputError");
            xml.WriteAttributeString("message", Number(summary.InputErrors) + " input(s) could not be read completely (missing file, corrupt gzip stream or failed Datadog search); see the job's error output");
            xml.WriteEndElement();
        }
        else xml.WriteElementString("system-out", Number(summary.EventsRead) + " events read");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string Details(CsmDriftGroup group)
    {
        var text = new StringBuilder();
        text.Append("agents: ").Append(string.Join(", ", group.AgentVersions)).Append('\n');
        if (group.SchemaVersions.Count > 0) text.Append("schema versions: ").Append(string.Join(", ", group.SchemaVersions)).Append('\n');
        text.Append("first: ").Append(group.FirstSource).Append('\n');
        text.Append("last: ").Append(group.LastSource).Append('\n');
        text.Append("message: ").Append(group.Message);
        if (group.Example != null) text.Append('\n').Append("example: ").Append(group.Example);
        return text.ToString();
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }

    /// <summary>XML 1.0 cannot carry most control characters, even escaped; event text may hold them, so they are
    /// written as visible <c>\uNNNN</c> escapes.</summary>
    private static string Clean(string text)
    {
        StringBuilder? clean = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (XmlConvert.IsXmlChar(c))
            {
                clean?.Append(c);
                continue;
            }
            clean ??= new StringBuilder(text, 0, i, text.Length + 16);
            clean.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return clean?.ToString() ?? text;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
