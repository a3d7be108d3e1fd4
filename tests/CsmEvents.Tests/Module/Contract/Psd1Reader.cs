using System;
using System.Collections.Generic;
using System.Text;

namespace CsmEvents.Tests.Module.Contract;

/// <summary>
/// Reads the subset of PowerShell data-file syntax a module manifest uses: <c>@{ key = value }</c> hashtables
/// (entries separated by newlines or ';'), <c>@( ... )</c> arrays (elements separated by newlines or ','), quoted
/// strings, <c>$true</c>/<c>$false</c>/<c>$null</c>, numbers, and comments. Enough to check the manifest without
/// PowerShell; anything else is an error, so a manifest the reader cannot follow fails loudly.
/// </summary>
public sealed class Psd1Reader
{
    private readonly string _text;
    private int _at;

    private Psd1Reader(string text) => _text = text;

    public static Dictionary<string, object?> Read(string text)
    {
        var reader = new Psd1Reader(text);
        reader.SkipSpace(newlines: true);
        var result = reader.ReadHashtable();
        reader.SkipSpace(newlines: true);
        if (reader._at != text.Length) throw reader.Error("text after the manifest hashtable");
        return result;
    }

    private Dictionary<string, object?> ReadHashtable()
    {
        Expect("@{");
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipSpace(newlines: true, separators: ";");
            if (Peek("}")) { _at++; return result; }
            string key = Peek("'") || Peek("\"") ? ReadString() : ReadWord();
            SkipSpace(newlines: false);
            Expect("=");
            SkipSpace(newlines: true);
            result[key] = ReadValue();
        }
    }

    private List<object?> ReadArray()
    {
        Expect("@(");
        var result = new List<object?>();
        while (true)
        {
            SkipSpace(newlines: true, separators: ",");
            if (Peek(")")) { _at++; return result; }
            result.Add(ReadValue());
        }
    }

    private object? ReadValue()
    {
        if (Peek("@{")) return ReadHashtable();
        if (Peek("@(")) return ReadArray();
        if (Peek("'") || Peek("\"")) return ReadString();
        string word = ReadWord();
        return word.ToLowerInvariant() switch
        {
            "$true" => true,
            "$false" => false,
            "$null" => null,
            _ => double.TryParse(word, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) ? d : throw Error("unsupported value '" + word + "'"),
        };
    }

    private string ReadString()
    {
        char quote = _text[_at++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_at >= _text.Length) throw Error("unterminated string");
            char c = _text[_at++];
            if (c == quote)
            {
                if (_at < _text.Length && _text[_at] == quote) { sb.Append(quote); _at++; continue; }
                return sb.ToString();
            }
            if (quote == '"' && (c == '$' || c == '`')) throw Error("expandable strings are not supported in a manifest");
            sb.Append(c);
        }
    }

    private string ReadWord()
    {
        int start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_' || _text[_at] == '$' || _text[_at] == '.' || _text[_at] == '-')) _at++;
        if (_at == start) throw Error("expected a name or value");
        return _text.Substring(start, _at - start);
    }

    private void SkipSpace(bool newlines, string separators = "")
    {
        while (_at < _text.Length)
        {
            char c = _text[_at];
            if (c == '#') { while (_at < _text.Length && _text[_at] != '\n') _at++; continue; }
            if (c == '<' && Peek("<#")) { int end = _text.IndexOf("#>", _at, StringComparison.Ordinal); _at = end < 0 ? _text.Length : end + 2; continue; }
            if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n') || separators.IndexOf(c) >= 0) { _at++; continue; }
            return;
        }
    }

    private bool Peek(string s) => string.CompareOrdinal(_text, _at, s, 0, s.Length) == 0;

    private void Expect(string s)
    {
        if (!Peek(s)) throw Error("expected '" + s + "'");
        _at += s.Length;
    }

    private FormatException Error(string what)
    {
        int line = 1;
        for (int i = 0; i < _at && i < _text.Length; i++) if (_text[i] == '\n') line++;
        return new FormatException("manifest line " + line + ": " + what);
    }
}
