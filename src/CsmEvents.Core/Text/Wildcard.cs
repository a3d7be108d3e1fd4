using System.Collections.Generic;

namespace CsmEvents.Text;

/// <summary>
/// PowerShell-style wildcards, case-insensitive: <c>*</c> any run, <c>?</c> one character, <c>[abc]</c> / <c>[a-z]</c>
/// a set; <c>`</c> escapes the next character. Matching is linear-time (no regex, no backtracking blow-up).
/// </summary>
public static class Wildcard
{
    public static bool MatchesAny(IReadOnlyList<string> patterns, string? text)
    {
        if (text == null) return false;
        foreach (string pattern in patterns)
        {
            if (IsMatch(pattern, text)) return true;
        }
        return false;
    }

    public static bool IsMatch(string pattern, string text)
    {
        int p = 0, t = 0, starP = -1, starT = -1;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = ++p;
                starT = t;
                continue;
            }
            if (p < pattern.Length && MatchOne(pattern, ref p, text[t], out int next))
            {
                p = next;
                t++;
                continue;
            }
            if (starP < 0) return false;
            p = starP;
            t = ++starT;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    /// <summary>True when the pattern holds wildcard characters.</summary>
    public static bool ContainsWildcard(string pattern) => pattern.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

    private static bool MatchOne(string pattern, ref int p, char c, out int next)
    {
        char pc = pattern[p];
        if (pc == '?')
        {
            next = p + 1;
            return true;
        }
        if (pc == '`' && p + 1 < pattern.Length)
        {
            next = p + 2;
            return SameLetter(pattern[p + 1], c);
        }
        if (pc == '[')
        {
            int close = pattern.IndexOf(']', p + 2);
            if (close > 0)
            {
                next = close + 1;
                for (int i = p + 1; i < close; i++)
                {
                    if (i + 2 < close && pattern[i + 1] == '-')
                    {
                        if (char.ToLowerInvariant(c) >= char.ToLowerInvariant(pattern[i]) && char.ToLowerInvariant(c) <= char.ToLowerInvariant(pattern[i + 2])) return true;
                        i += 2;
                    }
                    else if (SameLetter(pattern[i], c)) return true;
                }
                return false;
            }
        }
        next = p + 1;
        return SameLetter(pc, c);
    }

    private static bool SameLetter(char a, char b) => a == b || char.ToLowerInvariant(a) == char.ToLowerInvariant(b);
}
