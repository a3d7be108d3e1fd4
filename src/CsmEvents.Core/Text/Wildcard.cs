using System;
using System.Collections.Generic;

namespace CsmEvents.Text;

/// <summary>
/// A case-insensitive wildcard pattern with PowerShell's syntax: <c>*</c> (any run of characters), <c>?</c> (one
/// character), <c>[abc]</c> and <c>[a-z]</c> (one character from a set or range), and a backtick to take the
/// next character literally (<c>`*</c>). Matching never recurses and takes at most pattern × text steps, so a
/// hostile pattern or name cannot hang it.
/// </summary>
public sealed class Wildcard
{
    private readonly Token[] _tokens;

    /// <summary>Compiles a pattern. Throws <see cref="ArgumentException"/> naming the pattern and the reason when
    /// it is not valid (an unclosed <c>[</c>, an empty set, a trailing backtick).</summary>
    public Wildcard(string pattern)
    {
        Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        _tokens = Compile(pattern);
    }

    /// <summary>The pattern as given.</summary>
    public string Pattern { get; }

    /// <summary>True when the pattern contains <c>*</c>, <c>?</c> or <c>[</c> not escaped by a backtick.</summary>
    public static bool ContainsWildcard(string? pattern)
    {
        if (pattern == null) return false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '`') i++;
            else if (c == '*' || c == '?' || c == '[') return true;
        }
        return false;
    }

    /// <summary>Compiles <paramref name="pattern"/> and matches <paramref name="text"/> against it.</summary>
    public static bool IsMatch(string pattern, string? text) => new Wildcard(pattern).IsMatch(text);

    /// <summary>True when the whole of <paramref name="text"/> matches the pattern, ignoring case. Null never matches.</summary>
    public bool IsMatch(string? text)
    {
        if (text == null) return false;
        // Greedy match with backtracking to the most recent '*' only: enough for glob patterns, and linear
        // in memory with no recursion.
        int t = 0, p = 0;
        int starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < _tokens.Length && _tokens[p].Kind != TokenKind.Star && _tokens[p].Matches(text[t]))
            {
                p++;
                t++;
            }
            else if (p < _tokens.Length && _tokens[p].Kind == TokenKind.Star)
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }
        while (p < _tokens.Length && _tokens[p].Kind == TokenKind.Star) p++;
        return p == _tokens.Length;
    }

    public override string ToString() => Pattern;

    private static Token[] Compile(string pattern)
    {
        var tokens = new List<Token>(pattern.Length);
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '*':
                    if (tokens.Count == 0 || tokens[tokens.Count - 1].Kind != TokenKind.Star) tokens.Add(Token.Star);
                    break;
                case '?':
                    tokens.Add(Token.Any);
                    break;
                case '`':
                    if (i + 1 >= pattern.Length) throw Invalid(pattern, "it ends with an escape character (`)");
                    tokens.Add(Token.Literal(pattern[++i]));
                    break;
                case '[':
                    i = CompileSet(pattern, i, tokens);
                    break;
                default:
                    tokens.Add(Token.Literal(c));
                    break;
            }
        }
        return tokens.ToArray();
    }

    /// <summary>Reads a <c>[...]</c> set starting at <paramref name="open"/>; returns the index of its <c>]</c>.</summary>
    private static int CompileSet(string pattern, int open, List<Token> tokens)
    {
        var ranges = new List<char>(); // pairs: low, high
        int i = open + 1;
        while (i < pattern.Length && pattern[i] != ']')
        {
            char low = pattern[i];
            if (low == '`')
            {
                if (i + 1 >= pattern.Length) break;
                low = pattern[++i];
            }
            char high = low;
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                high = pattern[i + 2];
                i += 2;
                if (high == '`' && i + 1 < pattern.Length) high = pattern[++i];
                if (high < low) throw Invalid(pattern, "the range " + low + "-" + high + " is reversed");
            }
            ranges.Add(low);
            ranges.Add(high);
            i++;
        }
        if (i >= pattern.Length) throw Invalid(pattern, "a '[' at position " + (open + 1) + " is not closed by ']'");
        if (ranges.Count == 0) throw Invalid(pattern, "'[]' is an empty set");
        tokens.Add(Token.Set(ranges.ToArray()));
        return i;
    }

    private static ArgumentException Invalid(string pattern, string reason)
        => new ArgumentException("The wildcard pattern '" + TerminalText.Escape(pattern) + "' is not valid: " + reason + ".", nameof(pattern));

    private enum TokenKind : byte { Literal, Any, Star, Set }

    private readonly struct Token
    {
        public readonly TokenKind Kind;
        private readonly char _upper;
        private readonly char _lower;
        private readonly char[]? _ranges;

        private Token(TokenKind kind, char c, char[]? ranges)
        {
            Kind = kind;
            _upper = char.ToUpperInvariant(c);
            _lower = char.ToLowerInvariant(c);
            _ranges = ranges;
        }

        public static Token Star => new(TokenKind.Star, '\0', null);
        public static Token Any => new(TokenKind.Any, '\0', null);
        public static Token Literal(char c) => new(TokenKind.Literal, c, null);
        public static Token Set(char[] ranges) => new(TokenKind.Set, '\0', ranges);

        public bool Matches(char c)
        {
            switch (Kind)
            {
                case TokenKind.Any: return true;
                case TokenKind.Literal: return c == _upper || c == _lower || char.ToUpperInvariant(c) == _upper;
                case TokenKind.Set:
                    char upper = char.ToUpperInvariant(c), lower = char.ToLowerInvariant(c);
                    var r = _ranges!;
                    for (int k = 0; k < r.Length; k += 2)
                    {
                        if (InRange(c, r[k], r[k + 1]) || InRange(upper, r[k], r[k + 1]) || InRange(lower, r[k], r[k + 1])) return true;
                    }
                    return false;
                default: return false;
            }
        }

        private static bool InRange(char c, char low, char high) => c >= low && c <= high;
    }
}
