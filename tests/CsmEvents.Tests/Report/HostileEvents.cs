using System.Text.Json;

namespace CsmEvents.Tests.Report;

/// <summary>
/// Events whose every text field tries to get out of its place in the report page: closing the script element,
/// markup with event handlers, <c>javascript:</c> URLs, a closing style element, control characters and a
/// right-to-left override. Each attempt would set <c>window.pwned</c> or change the title; the tests check that none
/// ran, that no element was injected and that the text is shown as text.
/// </summary>
internal static class HostileEvents
{
    public const string Rule = "</script><script>window.pwned=1;document.title='pwned'</script>";
    public const string ProcessName = "<svg onload=\"window.pwned=3\">";
    public const string ExecutablePath = "javascript:window.pwned=4//";
    public const string FilePath = "\"><img src=x onerror=\"window.pwned=5;document.title='pwned'\">";
    public const string Host = "<img src=x onerror=window.pwned=6>";
    public const string Title = "</title><script>window.pwned=7</script>";
    public const string EventType = "exec<b>bold</b>";

    /// <summary>An argument with ESC colour codes, a right-to-left override, CR LF and a style element.</summary>
    public const string Argument = "\u001b[31mred\u001b[0m \u202eevil\r\nfake line </style><style>*{display:none}</style>";

    // The file holds markup as is (not as \u003C escapes) and the override as the raw character: the page must cope
    // with the worst text an agent could write.
    private static readonly JsonSerializerOptions Raw = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One event as a JSON line (read from a file: no Datadog host).</summary>
    public static string FileEvent() => JsonSerializer.Serialize(new
    {
        agent = new { rule_id = Rule, os = "linux" },
        title = "<img src=x onerror=\"window.pwned=2\">",
        evt = new { name = EventType, category = "Process Activity", outcome = "Success" },
        date = "2025-06-03T09:41:07.5Z",
        process = new
        {
            pid = 4242,
            ppid = 1,
            comm = ProcessName,
            executable = new { path = ExecutablePath, name = "x" },
            argv0 = "sh",
            args = new[] { "-c", Argument },
            parent = new { pid = 1, ppid = 0, comm = "init<iframe src=javascript:window.pwned=8>" },
        },
        file = new { path = FilePath },
    }, Raw).Replace("\\u202E", "\u202e", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>A Datadog Logs API page holding the same event, from a host whose name is markup, marked critical.</summary>
    public static string DatadogPage() => JsonSerializer.Serialize(new
    {
        data = new[]
        {
            new
            {
                id = "AQAAAhostile",
                type = "log",
                attributes = new
                {
                    attributes = JsonDocument.Parse(FileEvent()).RootElement,
                    host = Host,
                    service = "runtime-security-agent",
                    status = "info",
                    tags = new[] { "source:runtime-security-agent", "severity:critical" },
                    timestamp = "2025-06-03T09:41:07.500Z",
                },
            },
        },
        meta = new { status = "done" },
    });
}
