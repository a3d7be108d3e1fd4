using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CsmEvents.Datadog;

namespace CsmEvents.Schema.Cache;

/// <summary>Why a schema could not be fetched; <see cref="Address"/> and <see cref="Status"/> say where and what.</summary>
public sealed class SchemaDownloadException : Exception
{
    public SchemaDownloadException(string message, string address, int? status, Exception? inner = null) : base(message, inner)
    {
        Address = address;
        Status = status;
    }

    /// <summary>The address that failed.</summary>
    public string Address { get; }

    /// <summary>The HTTP status, when the server answered (404 for a version that does not exist).</summary>
    public int? Status { get; }
}

/// <summary>
/// Downloads one schema file over HTTP(S) with a timeout; cancellation ends the request at once. Only https:// is
/// accepted, or http:// to this machine (a loopback mirror or test server), so that nothing on the way can swap the
/// schema that later decides which events are valid.
/// </summary>
internal sealed class SchemaDownload : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public SchemaDownload(HttpMessageHandler? handler, TimeSpan timeout)
    {
        _http = handler is null
            ? new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _timeout = timeout;
    }

    /// <summary>The address of <paramref name="file"/> of <paramref name="version"/> under <paramref name="source"/>:
    /// <c>SOURCE/VERSION/docs/cloud-workload-security/FILE</c>.</summary>
    /// <exception cref="ArgumentException">The source is not an absolute https:// address (or http:// to loopback).</exception>
    public static Uri AddressOf(string source, string version, string file)
    {
        if (!Uri.TryCreate(source.Trim(), UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("the schema source '" + source + "' is not an http(s) address such as " + SchemaCache.DefaultSource);
        }
        if (baseUri.Scheme == Uri.UriSchemeHttp && !LoopbackRule.IsLoopback(baseUri))
        {
            throw new ArgumentException("the schema source '" + source + "' uses plain http:// to another machine, where anyone on the way could change the schema; use https://, or http:// only with 127.0.0.1, ::1 or localhost");
        }
        if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
        {
            throw new ArgumentException("the schema source '" + source + "' must be a base address without ?query or #fragment");
        }
        string text = baseUri.AbsoluteUri.TrimEnd('/');
        return new Uri(text + "/" + Uri.EscapeDataString(version) + "/" + SchemaCache.RepositoryFolder + "/" + file);
    }

    /// <summary>The body of a 200 response.</summary>
    /// <exception cref="SchemaDownloadException">Any other status, a timeout or a network failure.</exception>
    public byte[] Get(Uri address, CancellationToken cancellation)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        attempt.CancelAfter(_timeout);
        try
        {
            return SyncWait.Run(token => GetAsync(address, token), attempt.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new SchemaDownloadException(address + ": no answer within " + _timeout.TotalSeconds + " s", address.ToString(), null);
        }
        catch (HttpRequestException ex)
        {
            throw new SchemaDownloadException(address + ": cannot connect: " + Innermost(ex).Message, address.ToString(), null, ex);
        }
        catch (System.IO.IOException ex)
        {
            throw new SchemaDownloadException(address + ": the connection failed: " + ex.Message, address.ToString(), null, ex);
        }
    }

    private async Task<byte[]> GetAsync(Uri address, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.TryAddWithoutValidation("User-Agent", DatadogUserAgent.Value);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        if (status != 200)
        {
            string reason = string.IsNullOrEmpty(response.ReasonPhrase) ? "" : " " + response.ReasonPhrase;
            string hint = status == 404 ? " (no such agent version or file at this source)" : "";
            throw new SchemaDownloadException(address + ": HTTP " + status + reason + hint, address.ToString(), status);
        }
        return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException != null) ex = ex.InnerException;
        return ex;
    }

    public void Dispose() => _http.Dispose();
}
