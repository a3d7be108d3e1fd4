using System;
using System.Collections.Generic;

namespace CsmEvents.Datadog;

/// <summary>
/// One Logs Search response page, yielded as soon as it arrives. <see cref="Body"/> holds the raw JSON
/// (<c>data[]</c> envelopes, <c>meta</c>, <c>links</c>) for the reader; the other members describe it.
/// </summary>
public sealed class DatadogPage
{
    /// <summary>Creates a page description.</summary>
    public DatadogPage(ReadOnlyMemory<byte> body, int pageNumber, string? requestId, int eventCount, int takeCount,
        string? nextCursor, IReadOnlyList<DatadogWarning> warnings)
    {
        if (takeCount < 0 || takeCount > eventCount)
            throw new ArgumentOutOfRangeException(nameof(takeCount), "takeCount must be between 0 and eventCount.");
        Body = body;
        PageNumber = pageNumber;
        RequestId = requestId;
        EventCount = eventCount;
        TakeCount = takeCount;
        NextCursor = nextCursor;
        Warnings = warnings;
    }

    /// <summary>The response body, UTF-8 JSON, exactly as received.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>1 for the first page.</summary>
    public int PageNumber { get; }

    /// <summary>Datadog's <c>meta.request_id</c>; null when the response had none.</summary>
    public string? RequestId { get; }

    /// <summary>How many entries <c>data[]</c> holds.</summary>
    public int EventCount { get; }

    /// <summary>
    /// How many of the first <c>data[]</c> entries the caller should use: all of them, except on the last page
    /// when MaxEvents was reached in the middle of it.
    /// </summary>
    public int TakeCount { get; }

    /// <summary>True when MaxEvents cut this page (<see cref="TakeCount"/> &lt; <see cref="EventCount"/>).</summary>
    public bool IsCut => TakeCount < EventCount;

    /// <summary>Datadog's <c>meta.page.after</c>; null on the last page.</summary>
    public string? NextCursor { get; }

    /// <summary>Warnings that came with this page (also reported through <see cref="IDatadogDiagnostics"/>).</summary>
    public IReadOnlyList<DatadogWarning> Warnings { get; }

    /// <summary>True when Datadog said this page's results may be partial.</summary>
    public bool IsPartial => Warnings.Count > 0;
}
