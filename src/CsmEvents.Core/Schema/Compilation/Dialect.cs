namespace CsmEvents.Schema.Compilation;

/// <summary>The JSON Schema drafts this engine implements.</summary>
internal enum DraftVersion
{
    Draft4 = 4,
    Draft6 = 6,
    Draft7 = 7,
    Draft202012 = 2020,
}

/// <summary>
/// The rules a schema is read with: its draft, plus (for 2020-12) which vocabularies its meta-schema enables.
/// Keywords of a disabled vocabulary are ignored like unknown keywords.
/// </summary>
internal sealed class Dialect
{
    public const string Draft4Uri = "http://json-schema.org/draft-04/schema#";
    public const string Draft6Uri = "http://json-schema.org/draft-06/schema#";
    public const string Draft7Uri = "http://json-schema.org/draft-07/schema#";
    public const string Draft202012Uri = "https://json-schema.org/draft/2020-12/schema";

    public const string VocabularyPrefix = "https://json-schema.org/draft/2020-12/vocab/";

    public static readonly Dialect Draft4 = new("draft-04", DraftVersion.Draft4, Draft4Uri);
    public static readonly Dialect Draft6 = new("draft-06", DraftVersion.Draft6, Draft6Uri);
    public static readonly Dialect Draft7 = new("draft-07", DraftVersion.Draft7, Draft7Uri);
    public static readonly Dialect Draft202012 = new("2020-12", DraftVersion.Draft202012, Draft202012Uri);

    public Dialect(string name, DraftVersion version, string metaSchemaUri,
        bool applicator = true, bool unevaluated = true, bool validation = true, bool formatAssertion = false, bool content = true)
    {
        Name = name;
        Version = version;
        MetaSchemaUri = metaSchemaUri;
        Applicator = applicator;
        Unevaluated = unevaluated && version == DraftVersion.Draft202012;
        Validation = validation;
        FormatAssertion = formatAssertion;
        Content = content;
    }

    /// <summary>"2020-12", "draft-07", "draft-06" or "draft-04".</summary>
    public string Name { get; }

    public DraftVersion Version { get; }

    public string MetaSchemaUri { get; }

    public bool Applicator { get; }
    public bool Unevaluated { get; }
    public bool Validation { get; }

    /// <summary>True when the meta-schema requires format assertion (2020-12 format-assertion vocabulary).</summary>
    public bool FormatAssertion { get; }

    public bool Content { get; }

    public bool Is202012 => Version == DraftVersion.Draft202012;

    /// <summary>draft-04 spells the identifier "id".</summary>
    public string IdKeyword => Version == DraftVersion.Draft4 ? "id" : "$id";

    /// <summary>Before 2019-09, "$ref" makes every sibling keyword (even $id) be ignored.</summary>
    public bool RefOverridesSiblings => Version != DraftVersion.Draft202012;

    public bool BooleanSchemas => Version != DraftVersion.Draft4;

    /// <summary>The dialect named by a well-known $schema URI (with or without the empty fragment, http or https); null otherwise.</summary>
    public static Dialect? FromKnownUri(string uri)
    {
        string u = uri.TrimEnd('#');
        if (u.StartsWith("https://", System.StringComparison.Ordinal)) u = "http://" + u.Substring(8);
        switch (u)
        {
            case "http://json-schema.org/draft-04/schema": return Draft4;
            case "http://json-schema.org/draft-06/schema": return Draft6;
            case "http://json-schema.org/draft-07/schema": return Draft7;
            case "http://json-schema.org/draft/2020-12/schema": return Draft202012;
            default: return null;
        }
    }

    /// <summary>A supported dialect by name ("2020-12", "draft-07", "draft-06", "draft-04") or meta-schema URI; null otherwise.</summary>
    public static Dialect? FromName(string name)
    {
        switch (name)
        {
            case "2020-12": return Draft202012;
            case "draft-07": return Draft7;
            case "draft-06": return Draft6;
            case "draft-04": return Draft4;
            default: return FromKnownUri(name);
        }
    }

    /// <summary>True for drafts that exist but are not implemented (draft-03, 2019-09), for a precise error.</summary>
    public static bool IsUnsupportedKnownUri(string uri)
    {
        string u = uri.TrimEnd('#');
        return u.EndsWith("json-schema.org/draft/2019-09/schema", System.StringComparison.Ordinal)
               || u.EndsWith("json-schema.org/draft-03/schema", System.StringComparison.Ordinal);
    }
}
