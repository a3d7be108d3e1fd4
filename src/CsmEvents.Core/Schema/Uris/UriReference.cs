using System;
using System.Collections.Generic;
using System.Text;

namespace CsmEvents.Schema.Uris;

/// <summary>
/// RFC 3986 reference resolution over plain strings. System.Uri is avoided on purpose: it rewrites some
/// identifiers (unescaping, Windows drive handling, IDN) and rejects others (urn:, tag:) that schemas use as ids,
/// and identifiers must compare exactly as written.
/// </summary>
internal static class UriReference
{
    /// <summary>Resolves <paramref name="reference"/> against <paramref name="baseUri"/> (RFC 3986 §5.2).</summary>
    public static string Resolve(string baseUri, string reference)
    {
        var r = Parse(reference);
        if (string.IsNullOrEmpty(baseUri)) return Recompose(r.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        var b = Parse(baseUri);
        string? scheme, authority, query;
        string path;
        if (r.Scheme != null)
        {
            scheme = r.Scheme; authority = r.Authority; path = RemoveDotSegments(r.Path); query = r.Query;
        }
        else
        {
            if (r.Authority != null)
            {
                authority = r.Authority; path = RemoveDotSegments(r.Path); query = r.Query;
            }
            else
            {
                if (r.Path.Length == 0)
                {
                    path = b.Path;
                    query = r.Query ?? b.Query;
                }
                else
                {
                    path = r.Path[0] == '/' ? RemoveDotSegments(r.Path) : RemoveDotSegments(Merge(b, r.Path));
                    query = r.Query;
                }
                authority = b.Authority;
            }
            scheme = b.Scheme;
        }
        return Recompose(scheme, authority, path, query, r.Fragment);
    }

    /// <summary>Splits "abs#frag" into the part before '#' and the raw fragment (null when there is no '#').</summary>
    public static string WithoutFragment(string uri, out string? fragment)
    {
        int hash = uri.IndexOf('#');
        if (hash < 0) { fragment = null; return uri; }
        fragment = uri.Substring(hash + 1);
        return uri.Substring(0, hash);
    }

    public static bool IsAbsolute(string uri) => Parse(uri).Scheme != null;

    /// <summary>Percent-decodes a fragment (JSON pointers in URIs are percent-encoded).</summary>
    public static string DecodeFragment(string fragment)
    {
        if (fragment.IndexOf('%') < 0) return fragment;
        try { return Uri.UnescapeDataString(fragment); }
        catch (UriFormatException) { return fragment; }
    }

    /// <summary>The file: URI for a local path (absolute, forward slashes, spaces and '#' escaped).</summary>
    public static string FromFilePath(string fullPath)
    {
        return new Uri(fullPath).AbsoluteUri;
    }

    /// <summary>The local path of a file: URI, or null when it is not one.</summary>
    public static string? ToFilePath(string uri)
    {
        if (!uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
        try { return new Uri(uri).LocalPath; }
        catch (UriFormatException) { return null; }
    }

    /// <summary>The last path segment of a URI, percent-decoded ("file:///schemas/x.json" gives "x.json").</summary>
    public static string LastSegment(string uri)
    {
        var parts = Parse(uri);
        string path = parts.Path;
        int slash = path.LastIndexOf('/');
        string segment = slash >= 0 ? path.Substring(slash + 1) : path;
        try { return Uri.UnescapeDataString(segment); }
        catch (UriFormatException) { return segment; }
    }

    private readonly struct Parts
    {
        public readonly string? Scheme, Authority, Query, Fragment;
        public readonly string Path;

        public Parts(string? scheme, string? authority, string path, string? query, string? fragment)
        {
            Scheme = scheme; Authority = authority; Path = path; Query = query; Fragment = fragment;
        }
    }

    // The component split of RFC 3986 appendix B.
    private static Parts Parse(string uri)
    {
        string? scheme = null, authority = null, query = null, fragment = null;
        int i = 0;
        int colon = uri.IndexOf(':');
        if (colon > 0 && IsScheme(uri, colon)) { scheme = uri.Substring(0, colon).ToLowerInvariant(); i = colon + 1; }
        if (string.CompareOrdinal(uri, i, "//", 0, 2) == 0)
        {
            int end = IndexOfAny(uri, i + 2, "/?#");
            authority = uri.Substring(i + 2, end - (i + 2));
            i = end;
        }
        int pathEnd = IndexOfAny(uri, i, "?#");
        string path = uri.Substring(i, pathEnd - i);
        i = pathEnd;
        if (i < uri.Length && uri[i] == '?')
        {
            int end = IndexOfAny(uri, i + 1, "#");
            query = uri.Substring(i + 1, end - (i + 1));
            i = end;
        }
        if (i < uri.Length && uri[i] == '#') fragment = uri.Substring(i + 1);
        return new Parts(scheme, authority, path, query, fragment);
    }

    private static bool IsScheme(string uri, int colon)
    {
        char first = uri[0];
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return false;
        for (int i = 1; i < colon; i++)
        {
            char c = uri[i];
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
            if (!ok) return false;
        }
        return true;
    }

    private static int IndexOfAny(string s, int start, string chars)
    {
        for (int i = start; i < s.Length; i++)
        {
            if (chars.IndexOf(s[i]) >= 0) return i;
        }
        return s.Length;
    }

    private static string Merge(Parts b, string referencePath)
    {
        if (b.Authority != null && b.Path.Length == 0) return "/" + referencePath;
        int slash = b.Path.LastIndexOf('/');
        return slash < 0 ? referencePath : b.Path.Substring(0, slash + 1) + referencePath;
    }

    private static string RemoveDotSegments(string path)
    {
        if (path.IndexOf('.') < 0) return path;
        var output = new List<string>();
        string input = path;
        var result = new StringBuilder();
        // RFC 3986 §5.2.4, written over segments.
        bool absolute = input.StartsWith("/", StringComparison.Ordinal);
        var segments = input.Split('/');
        int start = absolute ? 1 : 0;
        for (int i = start; i < segments.Length; i++)
        {
            string seg = segments[i];
            bool last = i == segments.Length - 1;
            if (seg == ".")
            {
                if (last) output.Add("");
            }
            else if (seg == "..")
            {
                if (output.Count > 0) output.RemoveAt(output.Count - 1);
                if (last) output.Add("");
            }
            else output.Add(seg);
        }
        if (absolute) result.Append('/');
        result.Append(string.Join("/", output));
        return result.ToString();
    }

    private static string Recompose(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var sb = new StringBuilder();
        if (scheme != null) sb.Append(scheme).Append(':');
        if (authority != null) sb.Append("//").Append(authority);
        sb.Append(path);
        if (query != null) sb.Append('?').Append(query);
        if (fragment != null) sb.Append('#').Append(fragment);
        return sb.ToString();
    }
}
