using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Module.Contract;

/// <summary>
/// CsmEvents.Format.ps1xml and CsmEvents.Types.ps1xml, as laid out: well-formed, naming only types that exist,
/// and only properties those types (or their extended members) have — also inside script blocks, where
/// <c>$_.Process.Executable.Path</c> is followed member by member. PowerShell would otherwise show an empty column.
/// </summary>
public class ViewFileTests
{
    private static XDocument Load(string file) => XDocument.Load(ModuleLayout.InLayout(file));

    /// <summary>Extended member names per type, from the types file.</summary>
    private static Dictionary<string, HashSet<string>> ExtendedMembers() => Load("CsmEvents.Types.ps1xml").Root!.Elements("Type").ToDictionary(
        t => t.Element("Name")!.Value,
        t => t.Element("Members")!.Elements().Select(m => m.Element("Name")!.Value).ToHashSet());

    private static Type RequireType(string name) => ModuleLayout.FindType(name) ?? throw new Xunit.Sdk.XunitException("type " + name + " named in a view file does not exist");

    /// <summary>The type of a member (property or extended member of the type or a base type), or null when it has none.</summary>
    private static (bool Found, Type? Type) Member(Type type, string name, Dictionary<string, HashSet<string>> extended)
    {
        var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        if (property != null) return (true, WithoutNullable(property.PropertyType));
        for (var t = type; t != null; t = t.BaseType)
        {
            if (extended.TryGetValue(t.FullName!, out var members) && members.Contains(name)) return (true, null);
        }
        if (type.IsArray || type.GetInterfaces().Any(i => i.FullName == "System.Collections.ICollection")) return (name == "Count" || name == "Length", null);
        return (false, null);
    }

    // Nullable.GetUnderlyingType compares with the runtime's Nullable<>, which a metadata type never is.
    private static Type WithoutNullable(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0] : type;

    /// <summary>Checks each <c>.A.B.C</c> chain after a variable whose type is known; returns the problems.</summary>
    private static IEnumerable<string> CheckScript(string script, Type subject, string variable, Dictionary<string, HashSet<string>> extended)
    {
        var known = new Dictionary<string, Type> { [variable] = subject };
        // $p = $_.Process  makes $p a ProcessContext for the rest of the block.
        foreach (Match assignment in Regex.Matches(script, @"\$(\w+)\s*=\s*\$(_|this)((?:\.\w+)+)(?!\s*\()"))
        {
            var type = Follow(subject, assignment.Groups[3].Value, extended, out _);
            if (type != null) known[assignment.Groups[1].Value] = type;
        }
        foreach (Match use in Regex.Matches(script, @"\$(\w+)((?:\.\w+)+)(\s*\()?"))
        {
            if (!known.TryGetValue(use.Groups[1].Value, out var start)) continue;
            string chain = use.Groups[2].Value;
            string? method = null;
            if (use.Groups[3].Success)
            {
                int lastDot = chain.LastIndexOf('.');
                method = chain.Substring(lastDot + 1);
                chain = chain.Substring(0, lastDot);
            }
            var target = Follow(start, chain, extended, out string? problem);
            if (problem == null && method != null && target != null && target.GetMethods(BindingFlags.Public | BindingFlags.Instance).All(m => m.Name != method))
            {
                problem = target.FullName + " has no method " + method;
            }
            if (problem != null) yield return "$" + use.Groups[1].Value + use.Groups[2].Value + ": " + problem;
        }
        foreach (Match staticCall in Regex.Matches(script, @"\[([\w.]+)\]::(\w+)"))
        {
            var type = ModuleLayout.FindType(staticCall.Groups[1].Value);
            if (type == null) yield return "type [" + staticCall.Groups[1].Value + "] does not exist";
            else if (type.GetMember(staticCall.Groups[2].Value, BindingFlags.Public | BindingFlags.Static).Length == 0) yield return "[" + type.FullName + "] has no static member " + staticCall.Groups[2].Value;
        }
    }

    private static Type? Follow(Type start, string chain, Dictionary<string, HashSet<string>> extended, out string? problem)
    {
        problem = null;
        Type? type = start;
        foreach (string name in chain.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (type == null || type.FullName == "System.Object" || type.FullName == "System.String") return null;
            if (type.FullName is "System.DateTimeOffset" or "System.DateTime") return null; // framework members (UtcDateTime, ToString)
            var (found, next) = Member(type, name, extended);
            if (!found)
            {
                problem = type.FullName + " has no member " + name;
                return null;
            }
            type = next;
        }
        return type;
    }

    [Theory]
    [InlineData("CsmEvents.Format.ps1xml")]
    [InlineData("CsmEvents.Types.ps1xml")]
    public void ViewFilesAreWellFormedAndLaidOutUnchanged(string file)
    {
        Assert.NotNull(Load(file).Root);
        Assert.Equal(File.ReadAllText(RepoPaths.InRepo("src", "CsmEvents.Module", file)), File.ReadAllText(ModuleLayout.InLayout(file)));
    }

    [Fact]
    public void EveryViewNamesExistingTypesAndProperties()
    {
        var extended = ExtendedMembers();
        var problems = new List<string>();
        foreach (var view in Load("CsmEvents.Format.ps1xml").Descendants("View"))
        {
            string viewName = view.Element("Name")!.Value;
            var types = view.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => RequireType(t.Value)).ToList();
            Assert.NotEmpty(types);
            foreach (var type in types)
            {
                foreach (var property in view.Descendants("PropertyName"))
                {
                    if (!Member(type, property.Value, extended).Found) problems.Add(viewName + ": " + type.FullName + " has no property " + property.Value);
                }
                foreach (var script in view.Descendants("ScriptBlock"))
                {
                    problems.AddRange(CheckScript(script.Value, type, "_", extended).Select(p => viewName + ": " + p));
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TablesHaveOneItemPerColumnAndViewsEscapeEventStrings()
    {
        foreach (var table in Load("CsmEvents.Format.ps1xml").Descendants("TableControl"))
        {
            int headers = table.Element("TableHeaders")!.Elements().Count();
            Assert.All(table.Descendants("TableColumnItems"), items => Assert.Equal(headers, items.Elements().Count()));
        }
        // Property names shown raw must not be strings: any string column goes through TerminalText.Escape, or through
        // ColumnText, which escapes before it shortens (ColumnTextTests).
        var extended = ExtendedMembers();
        foreach (var view in Load("CsmEvents.Format.ps1xml").Descendants("View"))
        {
            var type = RequireType(view.Element("ViewSelectedBy")!.Element("TypeName")!.Value);
            foreach (var property in view.Descendants("PropertyName"))
            {
                var (_, propertyType) = Member(type, property.Value, extended);
                Assert.True(propertyType != null && propertyType.FullName != "System.String", view.Element("Name")!.Value + ": " + property.Value + " is shown without escaping; use a ScriptBlock with [CsmEvents.Text.TerminalText]::Escape");
            }
            foreach (var script in view.Descendants("ScriptBlock").Select(s => s.Value))
            {
                bool showsText = Regex.IsMatch(script, @"\$(_|p)\.(EventType|RuleId|Outcome|Target|Title|Category|HostName|Name|User|CommandLine)\b");
                if (showsText) Assert.True(script.Contains("[CsmEvents.Text.TerminalText]::Escape(") || script.Contains("[CsmEvents.Text.ColumnText]::"), script);
            }
        }
    }

    [Fact]
    public void EventViewsShowWhatAResponderScansFirst()
    {
        var table = Load("CsmEvents.Format.ps1xml").Descendants("View").First(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == "CsmEvents.Model.CsmEvent" && v.Element("TableControl") != null);
        var labels = table.Descendants("TableColumnHeader").Select(h => h.Element("Label")!.Value).ToList();
        Assert.Equal(new[] { "Time (UTC)", "Host", "EventType", "RuleId", "Process", "Outcome", "Target" }, labels);
        Assert.Null(table.Descendants("TableColumnHeader").Last().Element("Width")); // the last column takes the rest of the line
        var list = Load("CsmEvents.Format.ps1xml").Descendants("View").Single(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == "CsmEvents.Model.CsmEvent" && v.Element("ListControl") != null);
        Assert.Contains("CommandLine", list.Descendants("Label").Select(l => l.Value));
    }

    [Fact]
    public void ExtendedMembersReferenceExistingMembers()
    {
        var extended = ExtendedMembers();
        var problems = new List<string>();
        foreach (var typeElement in Load("CsmEvents.Types.ps1xml").Root!.Elements("Type"))
        {
            var type = RequireType(typeElement.Element("Name")!.Value);
            var members = typeElement.Element("Members")!;
            foreach (var alias in members.Elements("AliasProperty"))
            {
                string target = alias.Element("ReferencedMemberName")!.Value;
                if (!Member(type, target, extended).Found) problems.Add(type.FullName + "." + alias.Element("Name")!.Value + " aliases missing " + target);
                if (type.GetProperty(alias.Element("Name")!.Value) != null) problems.Add(type.FullName + "." + alias.Element("Name")!.Value + " hides a real property");
            }
            foreach (var script in members.Elements("ScriptProperty"))
            {
                if (type.GetProperty(script.Element("Name")!.Value) != null) problems.Add(type.FullName + "." + script.Element("Name")!.Value + " hides a real property");
                problems.AddRange(CheckScript(script.Element("GetScriptBlock")!.Value, type, "this", extended).Select(p => type.FullName + "." + script.Element("Name")!.Value + ": " + p));
            }
            foreach (var name in members.Descendants("ReferencedProperties").Elements("Name"))
            {
                if (!Member(type, name.Value, extended).Found) problems.Add(type.FullName + " property set names missing " + name.Value);
            }
            foreach (var code in members.Elements("CodeProperty"))
            {
                var reference = code.Element("GetCodeReference")!;
                var method = ModuleLayout.FindType(reference.Element("TypeName")!.Value)?.GetMethod(reference.Element("MethodName")!.Value, BindingFlags.Public | BindingFlags.Static);
                if (method == null || method.GetParameters().Length != 1 || method.GetParameters()[0].ParameterType.FullName != "System.Management.Automation.PSObject")
                {
                    problems.Add(type.FullName + "." + code.Element("Name")!.Value + ": no public static getter " + reference.Element("MethodName")!.Value + "(PSObject)");
                }
            }
            foreach (var converter in typeElement.Elements("TypeConverter").Elements("TypeName"))
            {
                if (ModuleLayout.FindType(converter.Value) == null) problems.Add(type.FullName + ": type converter " + converter.Value + " does not exist");
            }
            foreach (var note in members.Descendants("NoteProperty").Where(n => n.Element("Name")!.Value == "DefaultDisplayProperty"))
            {
                if (!Member(type, note.Element("Value")!.Value, extended).Found) problems.Add(type.FullName + " DefaultDisplayProperty names missing " + note.Element("Value")!.Value);
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EventsCarryTheirJsonThroughSerialization()
    {
        // Invoke-Command, Start-Job and Export-Clixml keep the properties of this set; SerializedEvent is what the
        // receiving session rebuilds the live event from (CsmEventTypeConverter).
        var csmEvent = Load("CsmEvents.Types.ps1xml").Root!.Elements("Type").Single(t => t.Element("Name")!.Value == "CsmEvents.Model.CsmEvent");
        var standard = csmEvent.Element("Members")!.Elements("MemberSet").Single(m => m.Element("Name")!.Value == "PSStandardMembers").Element("Members")!;
        Assert.Equal("SpecificProperties", standard.Elements("NoteProperty").Single(n => n.Element("Name")!.Value == "SerializationMethod").Element("Value")!.Value);
        var set = standard.Elements("PropertySet").Single(p => p.Element("Name")!.Value == "PropertySerializationSet");
        Assert.Contains("SerializedEvent", set.Descendants("Name").Select(n => n.Value));
        Assert.Equal("CsmEvents.Hosting.CsmEventTypeConverter", csmEvent.Element("TypeConverter")!.Element("TypeName")!.Value);
    }

    [Fact]
    public void TheCheckerFindsAMisspelledProperty()
    {
        var extended = ExtendedMembers();
        var eventType = RequireType("CsmEvents.Model.CsmEvent");
        Assert.Equal(new[] { "$_.Process.Executable.Pth: CsmEvents.Model.CsmFile has no member Pth" }, CheckScript("$_.Process.Executable.Pth", eventType, "_", extended));
        Assert.Equal(new[] { "$p.Nam: CsmEvents.Model.ProcessContext has no member Nam" }, CheckScript("$p = $_.Process; $p.Nam", eventType, "_", extended));
        Assert.Equal(new[] { "[CsmEvents.Text.TerminalText] has no static member Escap" }, CheckScript("[CsmEvents.Text.TerminalText]::Escap($_.Title)", eventType, "_", extended));
        Assert.Empty(CheckScript("$_.ProcessName; $_.Time.UtcDateTime", eventType, "_", extended));
    }
}
