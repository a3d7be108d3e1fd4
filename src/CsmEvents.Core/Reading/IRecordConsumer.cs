using System;
using CsmEvents.Model;

namespace CsmEvents.Reading;

/// <summary>
/// Receives what a reader finds, in input order: each event's UTF-8 JSON (envelopes already removed) with its
/// source, and each error. The span is only valid during the call: parse or copy it there.
/// Exceptions thrown by a consumer (for example PowerShell stopping the pipeline) propagate to the caller
/// unchanged: readers catch only the input problems they know.
/// </summary>
public interface IRecordConsumer
{
    void OnRecord(ReadOnlySpan<byte> eventJson, EventSource source);

    void OnError(ReadError error);
}
