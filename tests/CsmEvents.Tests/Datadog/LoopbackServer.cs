using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace CsmEvents.Tests.Datadog;

/// <summary>A request the loopback server received.</summary>
public sealed class RecordedRequest
{
    public RecordedRequest(string method, string path, Dictionary<string, string> headers, string body)
    {
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
    }

    public string Method { get; }
    public string Path { get; }
    public Dictionary<string, string> Headers { get; }
    public string Body { get; }

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>What the loopback server answers to one request.</summary>
public sealed class ScriptedResponse
{
    public int Status { get; init; } = 200;
    public string Body { get; init; } = "";
    public Dictionary<string, string> Headers { get; init; } = new();
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    public static ScriptedResponse Ok(string body) => new() { Body = body };
    public static ScriptedResponse Error(int status, string body, Dictionary<string, string>? headers = null) =>
        new() { Status = status, Body = body, Headers = headers ?? new() };
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (System.Net.HttpListener) that answers requests from a script, one entry per
/// request in order, and records every request. Requests beyond the script get a 599 so tests notice them.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly IReadOnlyList<ScriptedResponse> _script;
    private readonly List<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackServer(params ScriptedResponse[] script)
    {
        _script = script;
        (_listener, BaseUrl) = Start();
        _loop = Task.Run(AcceptLoop);
    }

    /// <summary>e.g. http://127.0.0.1:41234/</summary>
    public string BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    /// <summary>A port nothing listens on (bound then released), for connection-failure tests.</summary>
    public static int UnusedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static (HttpListener, string) Start()
    {
        for (int tries = 0; ; tries++)
        {
            string url = $"http://127.0.0.1:{UnusedPort()}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(url);
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (tries < 10)
            {
                // Another process took the port between probe and bind; pick another.
                listener.Close();
            }
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new System.IO.StreamReader(context.Request.InputStream, Encoding.UTF8))
                body = await reader.ReadToEndAsync();
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string? name in context.Request.Headers.AllKeys)
                if (name is not null) headers[name] = context.Request.Headers[name] ?? "";
            int index;
            lock (_requests)
            {
                _requests.Add(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body));
                index = _requests.Count - 1;
            }
            ScriptedResponse response = index < _script.Count
                ? _script[index]
                : ScriptedResponse.Error(599, "{\"errors\":[\"unexpected request " + (index + 1) + "\"]}");
            if (response.Delay > TimeSpan.Zero)
                await Task.Delay(response.Delay, _stop.Token);
            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers)
                context.Response.Headers[name] = value;
            byte[] bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client went away (cancellation tests) or the server is stopping.
            try { context.Response.Abort(); } catch (Exception) { }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
    }
}
