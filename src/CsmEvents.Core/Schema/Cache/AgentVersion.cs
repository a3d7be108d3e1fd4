using System;
using System.Globalization;

namespace CsmEvents.Schema.Cache;

/// <summary>
/// A Datadog agent version as events carry it in <c>agent.version</c> and as the agent repository tags its releases:
/// <c>MAJOR.MINOR.PATCH</c>, optionally followed by <c>-PRERELEASE</c> (<c>7.64.3-rc.1</c>, <c>7.66.0-devel</c>) and
/// <c>+BUILD</c> (ignored when ordering), or <c>main</c>, the repository's default branch, which is newer than every
/// release. Ordering follows Semantic Versioning 2.0: <c>7.64.3-rc.1 &lt; 7.64.3 &lt; 7.64.10 &lt; main</c>.
/// </summary>
public sealed class AgentVersion : IComparable<AgentVersion>, IEquatable<AgentVersion>
{
    /// <summary>The name of the default branch of DataDog/datadog-agent.</summary>
    public const string Main = "main";

    private readonly int _major;
    private readonly int _minor;
    private readonly int _patch;
    private readonly string[] _prerelease;

    private AgentVersion(string text, bool isMain, int major, int minor, int patch, string[] prerelease)
    {
        Text = text;
        IsMain = isMain;
        _major = major;
        _minor = minor;
        _patch = patch;
        _prerelease = prerelease;
    }

    /// <summary>The version as written.</summary>
    public string Text { get; }

    /// <summary>True for <c>main</c>, the default branch (newer than any release).</summary>
    public bool IsMain { get; }

    /// <summary>Reads a version; false for anything else (a branch name, a commit, garbage).</summary>
    public static bool TryParse(string? text, out AgentVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text)) return false;
        if (text == Main)
        {
            version = new AgentVersion(text, true, 0, 0, 0, Array.Empty<string>());
            return true;
        }
        string core = text!;
        int plus = core.IndexOf('+');
        if (plus >= 0)
        {
            if (!ValidIdentifiers(core.Substring(plus + 1), numericRule: false)) return false;
            core = core.Substring(0, plus);
        }
        string[] prerelease = Array.Empty<string>();
        int dash = core.IndexOf('-');
        if (dash >= 0)
        {
            string pre = core.Substring(dash + 1);
            if (!ValidIdentifiers(pre, numericRule: true)) return false;
            prerelease = pre.Split('.');
            core = core.Substring(0, dash);
        }
        string[] parts = core.Split('.');
        if (parts.Length != 3 || !Number(parts[0], out int major) || !Number(parts[1], out int minor) || !Number(parts[2], out int patch)) return false;
        version = new AgentVersion(text!, false, major, minor, patch, prerelease);
        return true;
    }

    public int CompareTo(AgentVersion? other)
    {
        if (other is null) return 1;
        if (IsMain || other.IsMain) return IsMain.CompareTo(other.IsMain);
        int c = _major.CompareTo(other._major);
        if (c == 0) c = _minor.CompareTo(other._minor);
        if (c == 0) c = _patch.CompareTo(other._patch);
        return c != 0 ? c : ComparePrerelease(_prerelease, other._prerelease);
    }

    public bool Equals(AgentVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is AgentVersion other && Equals(other);

    public override int GetHashCode() => IsMain ? 1 : (_major * 397 ^ _minor * 31 ^ _patch ^ _prerelease.Length);

    public override string ToString() => Text;

    // A release is newer than its pre-releases; identifiers compare numerically when both are numbers, numbers sort
    // before words, and a shorter list that is a prefix of the other sorts first (SemVer 2.0, rule 11).
    private static int ComparePrerelease(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0) return b.Length.CompareTo(a.Length);
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            bool aNumber = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out long x);
            bool bNumber = long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out long y);
            int c = aNumber && bNumber ? x.CompareTo(y)
                : aNumber ? -1
                : bNumber ? 1
                : string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    private static bool Number(string text, out int value)
    {
        value = 0;
        if (text.Length == 0 || (text.Length > 1 && text[0] == '0')) return false;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool ValidIdentifiers(string text, bool numericRule)
    {
        if (text.Length == 0) return false;
        foreach (string identifier in text.Split('.'))
        {
            if (identifier.Length == 0) return false;
            foreach (char ch in identifier)
            {
                if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch == '-')) return false;
            }
            // Numeric pre-release identifiers have no leading zeros (7.64.3-rc.01 is not a version).
            if (numericRule && identifier.Length > 1 && identifier[0] == '0' && IsDigits(identifier)) return false;
        }
        return true;
    }

    private static bool IsDigits(string text)
    {
        foreach (char ch in text) if (ch < '0' || ch > '9') return false;
        return true;
    }
}
