using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CsmEvents.Schema.Patterns;

/// <summary>
/// Translates ECMA-262 regular expressions (the dialect JSON Schema patterns use) into equivalent .NET patterns.
/// The dialects share most syntax; the differences that change what matches are rewritten:
/// <c>\d \w \b</c> are ASCII-only in ECMA-262, <c>\s</c> is ECMA's own whitespace set, <c>.</c> excludes all
/// line terminators, <c>$</c> never matches before a trailing newline, and <c>\p{...}</c> accepts long
/// Unicode category names. Patterns always match with unicode semantics and never with culture rules.
/// </summary>
internal static class EcmaRegex
{
    private const string Word = "a-zA-Z0-9_";
    private const string NotWordInClass = "\\x00-/:-@\\[-\\^`{-\\uFFFF";
    private const string Digit = "0-9";
    private const string NotDigitInClass = "\\x00-/:-\\uFFFF";
    private const string Space = "\\t\\n\\x0B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
    private const string NotSpaceInClass = "\\x00-\\x08\\x0E-\\x1F\\x21-\\x9F\\xA1-\\u167F\\u1681-\\u1FFF\\u200B-\\u2027\\u202A-\\u202E\\u2030-\\u205E\\u2060-\\u2FFF\\u3001-\\uFEFE\\uFF00-\\uFFFF";
    private const string WordBoundary = "(?:(?<=[" + Word + "])(?![" + Word + "])|(?<![" + Word + "])(?=[" + Word + "]))";
    private const string NotWordBoundary = "(?:(?<=[" + Word + "])(?=[" + Word + "])|(?<![" + Word + "])(?![" + Word + "]))";

    /// <summary>Builds the .NET regex for an ECMA-262 pattern; throws <see cref="ArgumentException"/> when the pattern is invalid.</summary>
    public static Regex Create(string ecmaPattern, TimeSpan matchTimeout)
    {
        string translated = Translate(ecmaPattern);
        return new Regex(translated, RegexOptions.CultureInvariant, matchTimeout);
    }

    public static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        int i = 0;
        while (i < pattern.Length)
        {
            char c = pattern[i];
            switch (c)
            {
                case '\\':
                    i = TranslateEscape(pattern, i, sb, inClass: false);
                    break;
                case '[':
                    i = TranslateClass(pattern, i, sb);
                    break;
                case '.':
                    sb.Append("[^\\n\\r\\u2028\\u2029]");
                    i++;
                    break;
                case '$':
                    sb.Append("\\z");
                    i++;
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]))
                    {
                        // One code point outside the BMP: group its two UTF-16 units so a quantifier applies to both.
                        sb.Append("(?:").Append(c).Append(pattern[i + 1]).Append(')');
                        i += 2;
                        break;
                    }
                    sb.Append(c);
                    i++;
                    break;
            }
        }
        return sb.ToString();
    }

    private static int TranslateClass(string p, int start, StringBuilder sb)
    {
        int i = start + 1;
        bool negated = i < p.Length && p[i] == '^';
        if (negated) i++;
        if (i < p.Length && p[i] == ']')
        {
            // ECMA-262: "[]" matches nothing and "[^]" matches any character.
            sb.Append(negated ? "[\\s\\S]" : "(?!)");
            return i + 1;
        }
        sb.Append(negated ? "[^" : "[");
        while (i < p.Length && p[i] != ']')
        {
            char c = p[i];
            if (c == '\\') i = TranslateEscape(p, i, sb, inClass: true);
            else if (c == '[') { sb.Append("\\["); i++; }
            else { sb.Append(c); i++; }
        }
        if (i >= p.Length) throw new ArgumentException("unterminated character class");
        sb.Append(']');
        return i + 1;
    }

    private static int TranslateEscape(string p, int start, StringBuilder sb, bool inClass)
    {
        if (start + 1 >= p.Length) throw new ArgumentException("pattern ends with a lone backslash");
        char e = p[start + 1];
        int next = start + 2;
        switch (e)
        {
            case 'd': sb.Append(inClass ? Digit : "[" + Digit + "]"); return next;
            case 'D': sb.Append(inClass ? NotDigitInClass : "[^" + Digit + "]"); return next;
            case 'w': sb.Append(inClass ? Word : "[" + Word + "]"); return next;
            case 'W': sb.Append(inClass ? NotWordInClass : "[^" + Word + "]"); return next;
            case 's': sb.Append(inClass ? Space : "[" + Space + "]"); return next;
            case 'S': sb.Append(inClass ? NotSpaceInClass : "[^" + Space + "]"); return next;
            case 'b': sb.Append(inClass ? "\\x08" : WordBoundary); return next;
            case 'B':
                if (inClass) throw new ArgumentException("\\B is not allowed in a character class");
                sb.Append(NotWordBoundary);
                return next;
            case 'p':
            case 'P':
                return TranslateProperty(p, start, sb, inClass, negated: e == 'P');
            case 'c':
                if (next < p.Length && IsAsciiLetter(p[next]))
                {
                    AppendCodeUnit(sb, p[next] % 32);
                    return next + 1;
                }
                sb.Append("\\\\c");
                return next;
            case 'u':
                return TranslateUnicodeEscape(p, start, sb);
            case 'x':
                if (next + 2 <= p.Length && IsHex(p[next]) && IsHex(p[next + 1]))
                {
                    sb.Append("\\x").Append(p, next, 2);
                    return next + 2;
                }
                sb.Append('x');
                return next;
            case '0':
                if (next < p.Length && char.IsDigit(p[next])) throw new ArgumentException("octal escapes are not allowed");
                sb.Append("\\x00");
                return next;
            case 't': case 'n': case 'r': case 'f': case 'v':
                sb.Append('\\').Append(e);
                return next;
            case 'k':
                sb.Append("\\k");
                return next;
            default:
                if (e >= '1' && e <= '9')
                {
                    if (inClass) throw new ArgumentException("back references are not allowed in a character class");
                    int end = next;
                    while (end < p.Length && char.IsDigit(p[end])) end++;
                    // Wrap the number so that a following digit in the pattern cannot extend it.
                    sb.Append("(?:\\").Append(p, start + 1, end - start - 1).Append(')');
                    return end;
                }
                if (IsAsciiLetter(e))
                {
                    // ECMA-262 (annex B) reads an unknown letter escape as the letter itself; .NET would not.
                    sb.Append(e);
                    return next;
                }
                sb.Append('\\').Append(e);
                return next;
        }
    }

    private static int TranslateUnicodeEscape(string p, int start, StringBuilder sb)
    {
        int i = start + 2;
        if (i < p.Length && p[i] == '{')
        {
            int close = p.IndexOf('}', i);
            if (close < 0) throw new ArgumentException("unterminated \\u{...} escape");
            int codePoint = int.Parse(p.Substring(i + 1, close - i - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            foreach (char unit in char.ConvertFromUtf32(codePoint)) AppendCodeUnit(sb, unit);
            return close + 1;
        }
        if (i + 4 <= p.Length && IsHex(p[i]) && IsHex(p[i + 1]) && IsHex(p[i + 2]) && IsHex(p[i + 3]))
        {
            sb.Append("\\u").Append(p, i, 4);
            return i + 4;
        }
        sb.Append('u');
        return i;
    }

    private static int TranslateProperty(string p, int start, StringBuilder sb, bool inClass, bool negated)
    {
        int open = start + 2;
        if (open >= p.Length || p[open] != '{') throw new ArgumentException("\\p must be followed by {name}");
        int close = p.IndexOf('}', open);
        if (close < 0) throw new ArgumentException("unterminated \\p{...}");
        string name = p.Substring(open + 1, close - open - 1);
        int eq = name.IndexOf('=');
        if (eq >= 0)
        {
            string key = name.Substring(0, eq);
            if (key != "General_Category" && key != "gc")
                throw new ArgumentException("unsupported Unicode property \\p{" + name + "} (only general categories are supported)");
            name = name.Substring(eq + 1);
        }
        if (!Categories.TryGetValue(name, out var categories))
            throw new ArgumentException("unknown Unicode property \\p{" + name + "}");
        string body = string.Concat(Array.ConvertAll(categories, cat => "\\p{" + cat + "}"));
        if (inClass)
        {
            if (negated && categories.Length > 1) throw new ArgumentException("\\P{" + name + "} is not supported inside a character class");
            sb.Append(negated ? "\\P{" + categories[0] + "}" : body);
        }
        else if (categories.Length == 1) sb.Append(negated ? "\\P{" : "\\p{").Append(categories[0]).Append('}');
        else sb.Append(negated ? "[^" : "[").Append(body).Append(']');
        return close + 1;
    }

    private static void AppendCodeUnit(StringBuilder sb, int unit) =>
        sb.Append("\\u").Append(unit.ToString("X4", CultureInfo.InvariantCulture));

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    // Unicode general categories by their short and long names (.NET only knows the short ones).
    private static readonly Dictionary<string, string[]> Categories = BuildCategories();

    private static Dictionary<string, string[]> BuildCategories()
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string shortName, params string[] longNames)
        {
            var value = new[] { shortName };
            map[shortName] = value;
            foreach (var n in longNames) map[n] = value;
        }
        Add("L", "Letter"); Add("Lu", "Uppercase_Letter"); Add("Ll", "Lowercase_Letter"); Add("Lt", "Titlecase_Letter");
        Add("Lm", "Modifier_Letter"); Add("Lo", "Other_Letter");
        Add("M", "Mark", "Combining_Mark"); Add("Mn", "Nonspacing_Mark"); Add("Mc", "Spacing_Mark"); Add("Me", "Enclosing_Mark");
        Add("N", "Number"); Add("Nd", "Decimal_Number", "digit"); Add("Nl", "Letter_Number"); Add("No", "Other_Number");
        Add("P", "Punctuation", "punct"); Add("Pc", "Connector_Punctuation"); Add("Pd", "Dash_Punctuation");
        Add("Ps", "Open_Punctuation"); Add("Pe", "Close_Punctuation"); Add("Pi", "Initial_Punctuation");
        Add("Pf", "Final_Punctuation"); Add("Po", "Other_Punctuation");
        Add("S", "Symbol"); Add("Sm", "Math_Symbol"); Add("Sc", "Currency_Symbol"); Add("Sk", "Modifier_Symbol"); Add("So", "Other_Symbol");
        Add("Z", "Separator"); Add("Zs", "Space_Separator"); Add("Zl", "Line_Separator"); Add("Zp", "Paragraph_Separator");
        Add("C", "Other"); Add("Cc", "Control", "cntrl"); Add("Cf", "Format"); Add("Cs", "Surrogate"); Add("Co", "Private_Use");
        Add("Cn", "Unassigned");
        map["LC"] = map["Cased_Letter"] = new[] { "Lu", "Ll", "Lt" };
        return map;
    }
}
