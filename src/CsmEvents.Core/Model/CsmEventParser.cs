using System;
using System.Text.Json;
using CsmEvents.Model.Json;

namespace CsmEvents.Model;

/// <summary>
/// Maps one event's UTF-8 JSON to a <see cref="CsmEvent"/> in a single pass with Utf8JsonReader. One instance
/// per reading thread (it reuses scratch buffers); the static <see cref="Parse"/> uses a per-thread instance.
/// </summary>
public sealed class CsmEventParser
{
    /// <summary>Deepest nesting accepted. Real events nest less than 10 levels; the bound keeps absurd input
    /// (100,000 nested arrays) from exhausting the stack, and turns it into an ordinary record error.</summary>
    public const int MaxDepth = 256;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow };

    [ThreadStatic] private static CsmEventParser? _perThread;

    private readonly ReadContext _context = new();

    /// <summary>Parses one event with this thread's parser.</summary>
    public static CsmEvent Parse(ReadOnlySpan<byte> utf8Json, EventSource? source)
        => (_perThread ??= new CsmEventParser()).ParseEvent(utf8Json, source);

    /// <summary>Parses one JSON object as an event. Throws <see cref="JsonException"/> with a reason a person can act on.</summary>
    public CsmEvent ParseEvent(ReadOnlySpan<byte> utf8Json, EventSource? source)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        if (!reader.Read()) throw new JsonException("empty input: no JSON value");
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the value is " + Describe(reader.TokenType) + ", not a JSON object; an event must be an object");
        }
        _context.StartEvent();
        var evt = CsmEvent.Shape.Read(ref reader, _context);
        if (reader.Read()) throw new JsonException("unexpected text after the end of the event object");
        evt.Source = source;
        return evt;
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
