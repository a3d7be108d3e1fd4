using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsmEvents.Schema.Evaluation;
using CsmEvents.Schema.Formats;
using CsmEvents.Schema.Json;
using CsmEvents.Schema.Keywords;
using CsmEvents.Schema.Patterns;

namespace CsmEvents.Schema.Compilation;

internal sealed partial class SchemaBuilder
{
    private void CompileNode(PendingNode pending)
    {
        var node = pending.Node;
        var element = pending.Element;
        if (element.ValueKind == JsonValueKind.True || element.ValueKind == JsonValueKind.False)
        {
            node.SetConstant(element.ValueKind == JsonValueKind.True);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SchemaLoadException(pending.Document.SourceName, pending.Pointer,
                "expected a schema (an object or a boolean), found " + KindWord(element.ValueKind));
        }

        var r = new KeywordReader(pending.Document, pending.Pointer, SchemaObject.Keywords(element));
        var dialect = pending.Position.Dialect;
        string baseUri = pending.Position.BaseUri;
        var list = new List<KeywordEvaluator>();

        if (r.TryGet("$ref", out var refValue))
        {
            string reference = r.String("$ref", refValue);
            var target = ResolveReference(r.Document, r.PointerOf("$ref"), baseUri, reference, out _);
            list.Add(new RefKeyword(KeywordLocation(node, "$ref"), target, r.Document.SourceName, r.PointerOf("$ref")));
            if (dialect.RefOverridesSiblings)
            {
                node.SetKeywords(list.ToArray(), tracksEvaluation: false);
                return;
            }
        }
        if (dialect.Is202012 && r.TryGet("$dynamicRef", out var dynamicRefValue))
        {
            string reference = r.String("$dynamicRef", dynamicRefValue);
            var target = ResolveReference(r.Document, r.PointerOf("$dynamicRef"), baseUri, reference, out string? anchor);
            list.Add(new DynamicRefKeyword(KeywordLocation(node, "$dynamicRef"), target, anchor));
            _usesDynamicRef = true;
        }

        if (dialect.Validation) AddValueKeywords(node, r, dialect, list);
        AddFormat(node, r, dialect, list);
        if (dialect.Validation) AddArraySizeKeywords(node, r, list);
        if (dialect.Applicator) AddArrayApplicators(node, r, dialect, list);
        if (dialect.Validation) AddObjectSizeKeywords(node, r, dialect, list);
        if (dialect.Applicator) AddDependencies(node, r, dialect, list);
        AddObjectMembers(node, r, dialect, list);
        if (dialect.Applicator) AddCombinators(node, r, dialect, list);

        bool tracks = false;
        if (dialect.Unevaluated)
        {
            if (r.TryGet("unevaluatedItems", out var unevaluatedItems))
            {
                list.Add(new UnevaluatedItemsKeyword(KeywordLocation(node, "unevaluatedItems"), Subschema(r, "unevaluatedItems", unevaluatedItems)));
                tracks = true;
            }
            if (r.TryGet("unevaluatedProperties", out var unevaluatedProperties))
            {
                list.Add(new UnevaluatedPropertiesKeyword(KeywordLocation(node, "unevaluatedProperties"), Subschema(r, "unevaluatedProperties", unevaluatedProperties)));
                tracks = true;
            }
        }
        node.SetKeywords(list.ToArray(), tracks);
    }

    private SchemaNode Subschema(KeywordReader r, string keyword, JsonElement value) => SubschemaAt(r, r.PointerOf(keyword), value, keyword);

    private SchemaNode SubschemaAt(KeywordReader r, string pointer, JsonElement value, string keyword)
    {
        var kind = value.ValueKind;
        if (kind != JsonValueKind.Object && kind != JsonValueKind.True && kind != JsonValueKind.False)
        {
            throw new SchemaLoadException(r.Document.SourceName, pointer, keyword + " must be a schema (an object or a boolean), found " + KindWord(kind));
        }
        return GetNode(r.Document, pointer);
    }

    private SchemaNode[] SchemaArray(KeywordReader r, string keyword, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw r.Error(keyword, keyword + " must be a non-empty array of schemas");
        }
        var nodes = new SchemaNode[value.GetArrayLength()];
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            nodes[i] = SubschemaAt(r, JsonPointer.Append(r.PointerOf(keyword), i), item, keyword);
            i++;
        }
        return nodes;
    }

    private void AddValueKeywords(SchemaNode node, KeywordReader r, Dialect dialect, List<KeywordEvaluator> list)
    {
        if (r.TryGet("type", out var type)) list.Add(CompileType(node, r, type));
        if (r.TryGet("enum", out var enumValue))
        {
            if (enumValue.ValueKind != JsonValueKind.Array) throw r.Error("enum", "enum must be an array");
            var values = new List<JsonElement>();
            foreach (var v in enumValue.EnumerateArray()) values.Add(v);
            list.Add(new EnumKeyword("enum", KeywordLocation(node, "enum"), values));
        }
        if (dialect.Version != DraftVersion.Draft4 && r.TryGet("const", out var constValue))
        {
            list.Add(new EnumKeyword("const", KeywordLocation(node, "const"), new[] { constValue }));
        }
        if (r.TryGet("multipleOf", out var multipleOf))
        {
            r.Number("multipleOf", multipleOf);
            if (JsonNumberKinds.ToExact(multipleOf).Sign <= 0) throw r.Error("multipleOf", "multipleOf must be greater than 0");
            list.Add(new MultipleOfKeyword(KeywordLocation(node, "multipleOf"), multipleOf));
        }
        AddLimit(node, r, dialect, list, "maximum", "exclusiveMaximum", isMaximum: true);
        AddLimit(node, r, dialect, list, "minimum", "exclusiveMinimum", isMaximum: false);
        if (r.TryGet("maxLength", out var maxLength))
            list.Add(new StringLengthKeyword("maxLength", KeywordLocation(node, "maxLength"), r.NonNegativeInteger("maxLength", maxLength), isMaximum: true));
        if (r.TryGet("minLength", out var minLength))
            list.Add(new StringLengthKeyword("minLength", KeywordLocation(node, "minLength"), r.NonNegativeInteger("minLength", minLength), isMaximum: false));
        if (r.TryGet("pattern", out var pattern))
        {
            string source = r.String("pattern", pattern);
            list.Add(new PatternKeyword(KeywordLocation(node, "pattern"), CompileRegex(r, r.PointerOf("pattern"), source), source));
        }
    }

    private void AddLimit(SchemaNode node, KeywordReader r, Dialect dialect, List<KeywordEvaluator> list, string limitKeyword, string exclusiveKeyword, bool isMaximum)
    {
        bool hasLimit = r.TryGet(limitKeyword, out var limit);
        bool hasExclusive = r.TryGet(exclusiveKeyword, out var exclusive);
        if (dialect.Version == DraftVersion.Draft4)
        {
            // draft-04: exclusiveMaximum/exclusiveMinimum are booleans that modify maximum/minimum.
            bool isExclusive = hasExclusive && r.Boolean(exclusiveKeyword, exclusive);
            if (hasLimit)
            {
                string keyword = isExclusive ? exclusiveKeyword : limitKeyword;
                list.Add(new NumberLimitKeyword(keyword, KeywordLocation(node, keyword), r.Number(limitKeyword, limit), isMaximum, isExclusive));
            }
            return;
        }
        if (hasLimit) list.Add(new NumberLimitKeyword(limitKeyword, KeywordLocation(node, limitKeyword), r.Number(limitKeyword, limit), isMaximum, exclusive: false));
        if (hasExclusive) list.Add(new NumberLimitKeyword(exclusiveKeyword, KeywordLocation(node, exclusiveKeyword), r.Number(exclusiveKeyword, exclusive), isMaximum, exclusive: true));
    }

    private static KeywordEvaluator CompileType(SchemaNode node, KeywordReader r, JsonElement type)
    {
        var names = new List<string>();
        var allowed = TypeKeyword.JsonTypes.None;
        void AddName(JsonElement item, string pointer)
        {
            string name = item.ValueKind == JsonValueKind.String ? item.GetString()! : "";
            var flag = TypeKeyword.Parse(name);
            if (flag == TypeKeyword.JsonTypes.None)
            {
                throw new SchemaLoadException(r.Document.SourceName, pointer,
                    "unknown type " + JsonValueText.Render(item) + " (expected one of null, boolean, object, array, number, string, integer)");
            }
            if ((allowed & flag) == 0) names.Add(name);
            allowed |= flag;
        }
        if (type.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in type.EnumerateArray()) AddName(item, JsonPointer.Append(r.PointerOf("type"), i++));
            if (names.Count == 0) throw r.Error("type", "type must not be an empty array");
        }
        else AddName(type, r.PointerOf("type"));
        return new TypeKeyword(KeywordLocation(node, "type"), allowed, names);
    }

    private static void AddFormat(SchemaNode node, KeywordReader r, Dialect dialect, List<KeywordEvaluator> list)
    {
        if (!r.TryGet("format", out var format) || format.ValueKind != JsonValueKind.String) return;
        string name = format.GetString()!;
        var check = FormatCheckers.Find(name);
        // Unknown formats (Datadog's "ValidInode" among them) are annotations: nothing to evaluate.
        if (check != null) list.Add(new FormatKeyword(KeywordLocation(node, "format"), name, check, dialect.FormatAssertion));
    }

    private static void AddArraySizeKeywords(SchemaNode node, KeywordReader r, List<KeywordEvaluator> list)
    {
        if (r.TryGet("maxItems", out var maxItems))
            list.Add(new ItemCountKeyword("maxItems", KeywordLocation(node, "maxItems"), r.NonNegativeInteger("maxItems", maxItems), isMaximum: true));
        if (r.TryGet("minItems", out var minItems))
            list.Add(new ItemCountKeyword("minItems", KeywordLocation(node, "minItems"), r.NonNegativeInteger("minItems", minItems), isMaximum: false));
        if (r.TryGet("uniqueItems", out var unique) && r.Boolean("uniqueItems", unique))
            list.Add(new UniqueItemsKeyword(KeywordLocation(node, "uniqueItems")));
    }

    private void AddArrayApplicators(SchemaNode node, KeywordReader r, Dialect dialect, List<KeywordEvaluator> list)
    {
        SchemaNode[] prefix = Array.Empty<SchemaNode>();
        SchemaNode? rest = null;
        string? restKeyword = null;
        bool hasItems = r.TryGet("items", out var items);
        if (dialect.Is202012)
        {
            if (r.TryGet("prefixItems", out var prefixItems)) prefix = SchemaArray(r, "prefixItems", prefixItems);
            if (hasItems)
            {
                if (items.ValueKind == JsonValueKind.Array && prefix.Length == 0)
                {
                    // Leniency: Datadog's agent test schemas (file.json) declare 2020-12 yet use the old array form of
                    // items; read it as prefixItems, as their Go validator does, instead of rejecting the schema.
                    prefix = SchemaArray(r, "items", items);
                }
                else
                {
                    rest = Subschema(r, "items", items);
                    restKeyword = "items";
                }
            }
        }
        else if (hasItems)
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                prefix = SchemaArray(r, "items", items);
                if (r.TryGet("additionalItems", out var additionalItems))
                {
                    rest = Subschema(r, "additionalItems", additionalItems);
                    restKeyword = "additionalItems";
                }
            }
            else
            {
                rest = Subschema(r, "items", items);
                restKeyword = "items";
            }
        }
        if (prefix.Length > 0 || rest != null)
        {
            list.Add(new ItemsKeyword(KeywordLocation(node, prefix.Length > 0 && dialect.Is202012 && r.Keywords.ContainsKey("prefixItems") ? "prefixItems" : "items"),
                prefix, rest, restKeyword, restKeyword == null ? null : KeywordLocation(node, restKeyword)));
        }

        if (dialect.Version != DraftVersion.Draft4 && r.TryGet("contains", out var contains))
        {
            long min = 1;
            long? max = null;
            string? minLocation = null, maxLocation = null;
            if (dialect.Is202012 && dialect.Validation)
            {
                if (r.TryGet("minContains", out var minContains))
                {
                    min = r.NonNegativeInteger("minContains", minContains);
                    minLocation = KeywordLocation(node, "minContains");
                }
                if (r.TryGet("maxContains", out var maxContains))
                {
                    max = r.NonNegativeInteger("maxContains", maxContains);
                    maxLocation = KeywordLocation(node, "maxContains");
                }
            }
            list.Add(new ContainsKeyword(KeywordLocation(node, "contains"), Subschema(r, "contains", contains), min, minLocation, max, maxLocation));
        }
    }

    private static void AddObjectSizeKeywords(SchemaNode node, KeywordReader r, Dialect dialect, List<KeywordEvaluator> list)
    {
        if (r.TryGet("maxProperties", out var maxProperties))
            list.Add(new PropertyCountKeyword("maxProperties", KeywordLocation(node, "maxProperties"), r.NonNegativeInteger("maxProperties", maxProperties), isMaximum: true));
        if (r.TryGet("minProperties", out var minProperties))
            list.Add(new PropertyCountKeyword("minProperties", KeywordLocation(node, "minProperties"), r.NonNegativeInteger("minProperties", minProperties), isMaximum: false));
        if (dialect.Is202012 && r.TryGet("dependentRequired", out var dependentRequired))
        {
            if (dependentRequired.ValueKind != JsonValueKind.Object) throw r.Error("dependentRequired", "dependentRequired must be an object");
            var dependencies = new List<DependentRequiredKeyword.Dependency>();
            foreach (var member in SchemaObject.Members(dependentRequired))
            {
                string pointer = JsonPointer.Append(r.PointerOf("dependentRequired"), member.Key);
                dependencies.Add(new DependentRequiredKeyword.Dependency(member.Key, r.StringArray("dependentRequired", member.Value, pointer)));
            }
            list.Add(new DependentRequiredKeyword("dependentRequired", KeywordLocation(node, "dependentRequired"), dependencies.ToArray()));
        }
    }

    private void AddDependencies(SchemaNode node, KeywordReader r, Dialect dialect, List<KeywordEvaluator> list)
    {
        if (dialect.Is202012)
        {
            if (r.TryGet("dependentSchemas", out var dependentSchemas)) AddDependentSchemas(node, r, dependentSchemas, list);
        }
        else if (r.TryGet("dependencies", out var dependencies))
        {
            AddOldDependencies(node, r, dialect, dependencies, list);
        }
        if (dialect.Version != DraftVersion.Draft4 && r.TryGet("propertyNames", out var names))
        {
            list.Add(new PropertyNamesKeyword(KeywordLocation(node, "propertyNames"), Subschema(r, "propertyNames", names)));
        }
    }

    private void AddDependentSchemas(SchemaNode node, KeywordReader r, JsonElement dependentSchemas, List<KeywordEvaluator> list)
    {
        if (dependentSchemas.ValueKind != JsonValueKind.Object) throw r.Error("dependentSchemas", "dependentSchemas must be an object");
        var schemas = new List<KeyValuePair<string, SchemaNode>>();
        foreach (var member in SchemaObject.Members(dependentSchemas))
        {
            string pointer = JsonPointer.Append(r.PointerOf("dependentSchemas"), member.Key);
            schemas.Add(new KeyValuePair<string, SchemaNode>(member.Key, SubschemaAt(r, pointer, member.Value, "dependentSchemas")));
        }
        list.Add(new DependentSchemasKeyword("dependentSchemas", KeywordLocation(node, "dependentSchemas"), schemas));
    }

    private void AddOldDependencies(SchemaNode node, KeywordReader r, Dialect dialect, JsonElement dependencies, List<KeywordEvaluator> list)
    {
        if (dependencies.ValueKind != JsonValueKind.Object) throw r.Error("dependencies", "dependencies must be an object");
        var required = new List<DependentRequiredKeyword.Dependency>();
        var schemas = new List<KeyValuePair<string, SchemaNode>>();
        foreach (var member in SchemaObject.Members(dependencies))
        {
            string pointer = JsonPointer.Append(r.PointerOf("dependencies"), member.Key);
            if (member.Value.ValueKind == JsonValueKind.Array)
            {
                required.Add(new DependentRequiredKeyword.Dependency(member.Key, r.StringArray("dependencies", member.Value, pointer)));
            }
            else schemas.Add(new KeyValuePair<string, SchemaNode>(member.Key, SubschemaAt(r, pointer, member.Value, "dependencies")));
        }
        string location = KeywordLocation(node, "dependencies");
        if (required.Count > 0 && dialect.Validation) list.Add(new DependentRequiredKeyword("dependencies", location, required.ToArray()));
        if (schemas.Count > 0) list.Add(new DependentSchemasKeyword("dependencies", location, schemas));
    }

    private void AddObjectMembers(SchemaNode node, KeywordReader r, Dialect dialect, List<KeywordEvaluator> list)
    {
        var members = new List<ObjectMembersKeyword.NamedMember>();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var patterns = new List<ObjectMembersKeyword.PatternMember>();
        SchemaNode? additional = null;
        string[] required = Array.Empty<string>();

        if (dialect.Applicator && r.TryGet("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Object) throw r.Error("properties", "properties must be an object");
            foreach (var member in SchemaObject.Members(properties))
            {
                string pointer = JsonPointer.Append(r.PointerOf("properties"), member.Key);
                byName[member.Key] = members.Count;
                members.Add(new ObjectMembersKeyword.NamedMember(member.Key, SubschemaAt(r, pointer, member.Value, "properties"), -1));
            }
        }
        if (dialect.Validation && r.TryGet("required", out var requiredValue))
        {
            required = r.StringArray("required", requiredValue, r.PointerOf("required"));
            for (int slot = 0; slot < required.Length; slot++)
            {
                if (byName.TryGetValue(required[slot], out int at))
                {
                    members[at] = new ObjectMembersKeyword.NamedMember(members[at].Name, members[at].Schema, slot);
                }
                else
                {
                    byName[required[slot]] = members.Count;
                    members.Add(new ObjectMembersKeyword.NamedMember(required[slot], null, slot));
                }
            }
        }
        if (dialect.Applicator && r.TryGet("patternProperties", out var patternProperties))
        {
            if (patternProperties.ValueKind != JsonValueKind.Object) throw r.Error("patternProperties", "patternProperties must be an object");
            foreach (var member in SchemaObject.Members(patternProperties))
            {
                string pointer = JsonPointer.Append(r.PointerOf("patternProperties"), member.Key);
                var regex = CompileRegex(r, pointer, member.Key);
                patterns.Add(new ObjectMembersKeyword.PatternMember(member.Key, regex, SubschemaAt(r, pointer, member.Value, "patternProperties")));
            }
        }
        if (dialect.Applicator && r.TryGet("additionalProperties", out var additionalProperties))
        {
            additional = Subschema(r, "additionalProperties", additionalProperties);
        }
        if (members.Count == 0 && patterns.Count == 0 && additional == null) return;
        list.Add(new ObjectMembersKeyword(
            "properties",
            KeywordLocation(node, "properties"),
            members.ToArray(),
            patterns.ToArray(),
            KeywordLocation(node, "patternProperties"),
            additional,
            additional == null ? null : KeywordLocation(node, "additionalProperties"),
            required,
            required.Length == 0 ? null : KeywordLocation(node, "required")));
    }

    private void AddCombinators(SchemaNode node, KeywordReader r, Dialect dialect, List<KeywordEvaluator> list)
    {
        if (r.TryGet("allOf", out var allOf)) list.Add(new AllOfKeyword(KeywordLocation(node, "allOf"), SchemaArray(r, "allOf", allOf)));
        if (r.TryGet("anyOf", out var anyOf)) list.Add(new AnyOfKeyword(KeywordLocation(node, "anyOf"), SchemaArray(r, "anyOf", anyOf)));
        if (r.TryGet("oneOf", out var oneOf)) list.Add(new OneOfKeyword(KeywordLocation(node, "oneOf"), SchemaArray(r, "oneOf", oneOf)));
        if (r.TryGet("not", out var not)) list.Add(new NotKeyword(KeywordLocation(node, "not"), Subschema(r, "not", not)));
        if (dialect.Version >= DraftVersion.Draft7 && r.TryGet("if", out var condition))
        {
            var ifNode = Subschema(r, "if", condition);
            SchemaNode? thenNode = r.TryGet("then", out var then) ? Subschema(r, "then", then) : null;
            SchemaNode? elseNode = r.TryGet("else", out var otherwise) ? Subschema(r, "else", otherwise) : null;
            // Even alone, "if" matters: its annotations count for unevaluatedProperties/unevaluatedItems.
            list.Add(new IfThenElseKeyword(KeywordLocation(node, "if"), ifNode, thenNode, elseNode));
        }
    }

    private Regex CompileRegex(KeywordReader r, string pointer, string source)
    {
        try
        {
            return EcmaRegex.Create(source, _set.PatternTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new SchemaLoadException(r.Document.SourceName, pointer, "invalid regular expression " + JsonValueText.Quote(source, 100) + ": " + ex.Message, ex);
        }
    }
}
