using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CsmEvents.Tests.Datadog;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Caching;

/// <summary>
/// A stand-in for raw.githubusercontent.com/DataDog/datadog-agent on 127.0.0.1: serves
/// <c>/VERSION/docs/cloud-workload-security/FILE</c> from a folder (by default ../shared/datadog-agent-schemas) for the
/// versions it is given, and answers 404 for anything else, as GitHub does for a tag that does not exist. Files can
/// be replaced per version (<see cref="Override"/>) to serve broken content. Records every request path.
/// </summary>
public sealed class SchemaMirror : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _folder;
    private readonly HashSet<string> _versions;
    private readonly Dictionary<string, (int Status, string Body)> _overrides = new(StringComparer.Ordinal);
    private readonly List<string> _requests = new();
    private readonly CancellationTokenSource _stop = new();

    public SchemaMirror(string folder, params string[] versions)
    {
        _folder = folder;
        _versions = new HashSet<string>(versions, StringComparer.Ordinal);
        BaseUrl = "http://127.0.0.1:" + LoopbackServer.UnusedPort();
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _ = Task.Run(Loop);
    }

    /// <summary>A mirror of the shared copies of Datadog's published schemas.</summary>
    public static SchemaMirror OfSharedSchemas(params string[] versions) => new(RepoPaths.InShared("datadog-agent-schemas"), versions);

    /// <summary>http://127.0.0.1:PORT (no trailing slash): the -Source / --source to give.</summary>
    public string BaseUrl { get; }

    public IReadOnlyList<string> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    /// <summary>Answers <paramref name="status"/> with <paramref name="body"/> for one file of one version.</summary>
    public void Override(string version, string file, int status, string body) => _overrides[version + "/" + file] = (status, body);

    private async Task Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            Answer(context);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        try
        {
            string path = context.Request.Url!.AbsolutePath;
            lock (_requests) _requests.Add(path);
            var parts = path.Trim('/').Split('/');
            int status = 404;
            byte[] body = Encoding.UTF8.GetBytes("404: Not Found");
            if (parts.Length == 4 && parts[1] == "docs" && parts[2] == "cloud-workload-security")
            {
                string version = Uri.UnescapeDataString(parts[0]), file = parts[3];
                if (_overrides.TryGetValue(version + "/" + file, out var custom))
                {
                    status = custom.Status;
                    body = Encoding.UTF8.GetBytes(custom.Body);
                }
                else if (_versions.Contains(version) && File.Exists(Path.Combine(_folder, file)))
                {
                    status = 200;
                    body = File.ReadAllBytes(Path.Combine(_folder, file));
                }
            }
            context.Response.StatusCode = status;
            context.Response.ContentLength64 = body.Length;
            context.Response.OutputStream.Write(body, 0, body.Length);
            context.Response.Close();
        }
        catch (Exception)
        {
            try { context.Response.Abort(); } catch (Exception) { }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
    }
}
