using System;
using CsmEvents.Datadog;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>Stable ids of Datadog API errors (PowerShell error ids; documented in help).</summary>
public static class DatadogErrorIds
{
    public const string Configuration = "DatadogConfiguration";
    public const string BadRequest = "DatadogBadRequest";
    public const string Unauthorized = "DatadogUnauthorized";
    public const string Forbidden = "DatadogForbidden";
    public const string RateLimited = "DatadogRateLimited";
    public const string ServerError = "DatadogServerError";
    public const string Timeout = "DatadogTimeout";
    public const string NetworkError = "DatadogNetworkError";
    public const string MalformedResponse = "DatadogMalformedResponse";
    public const string UnexpectedStatus = "DatadogUnexpectedStatus";
    public const string RedirectRefused = "DatadogRedirectRefused";

    public static CsmError From(DatadogApiException ex)
    {
        var (id, category) = ex.Kind switch
        {
            DatadogErrorKind.BadRequest => (BadRequest, CsmErrorCategory.InvalidArgument),
            DatadogErrorKind.Unauthorized => (Unauthorized, CsmErrorCategory.AuthenticationError),
            DatadogErrorKind.Forbidden => (Forbidden, CsmErrorCategory.PermissionDenied),
            DatadogErrorKind.RateLimited => (RateLimited, CsmErrorCategory.LimitsExceeded),
            DatadogErrorKind.ServerError => (ServerError, CsmErrorCategory.ResourceUnavailable),
            DatadogErrorKind.Timeout => (Timeout, CsmErrorCategory.OperationTimeout),
            DatadogErrorKind.NetworkError => (NetworkError, CsmErrorCategory.ConnectionError),
            DatadogErrorKind.MalformedResponse => (MalformedResponse, CsmErrorCategory.InvalidResult),
            DatadogErrorKind.RedirectRefused => (RedirectRefused, CsmErrorCategory.SecurityError),
            _ => (UnexpectedStatus, CsmErrorCategory.NotSpecified),
        };
        return new CsmError(id, category, ex.Message, ex.Request, ex);
    }
}

/// <summary>
/// Streams events from the Datadog Logs Search API into a record consumer: each page is handed over as soon as
/// it arrives (through the same envelope unwrapping as files), so the first events reach the pipeline before the
/// last page is fetched. API failures end the search with one error; partial-result warnings become warnings.
/// </summary>
public static class DatadogEventReader
{
    /// <summary>Reads every page of the search; returns false when the search failed. <paramref name="afterEachPage"/>
    /// runs once a page's records have been handed over.</summary>
    public static bool Read(DatadogLogsClient client, DatadogSearchOptions search, IRecordConsumer consumer, ICommandSink sink, Action? afterEachPage = null)
    {
        var diagnostics = new DatadogDiagnostics(sink.Verbose, warning => sink.Warning(warning.Message));
        // Events are located as "<API host> page N" (e.g. "api.datadoghq.com page 2"); the log id is in the envelope.
        string origin = client.Endpoint.SearchUrl.Authority;
        try
        {
            foreach (var page in client.Search(search, diagnostics, sink.Cancellation))
            {
                var limited = new TakeFirst(consumer, page.TakeCount);
                var source = new EventSource(origin + " page " + page.PageNumber, 1);
                DatadogEnvelopes.Dispatch(page.Body.Span, source, 0, limited);
                afterEachPage?.Invoke();
            }
            return true;
        }
        catch (DatadogApiException ex)
        {
            sink.Error(DatadogErrorIds.From(ex));
            return false;
        }
    }

    /// <summary>Passes on the first <c>count</c> log records of a page (records and per-record errors alike):
    /// when MaxEvents cuts a page, the rest of it is not the user's.</summary>
    private sealed class TakeFirst : IRecordConsumer
    {
        private readonly IRecordConsumer _inner;
        private int _left;

        public TakeFirst(IRecordConsumer inner, int count)
        {
            _inner = inner;
            _left = count;
        }

        public void OnRecord(ReadOnlySpan<byte> eventJson, EventSource source)
        {
            if (_left-- > 0) _inner.OnRecord(eventJson, source);
        }

        public void OnError(ReadError error)
        {
            if (_left-- > 0) _inner.OnError(error);
        }
    }
}
