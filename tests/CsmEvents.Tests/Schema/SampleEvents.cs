using System.Text.Json;

namespace CsmEvents.Tests.Schema;

/// <summary>Realistic events written for these tests (values invented, shapes as Datadog's serializers produce them).</summary>
internal static class SampleEvents
{
    public const string WindowsExec = """
        {
          "agent": {"rule_id": "powershell_encoded_command", "rule_version": "3", "policy_name": "windows_default", "policy_version": "1.4.0",
                    "version": "7.61.0", "os": "windows", "arch": "x64", "origin": "etw"},
          "title": "PowerShell started with an encoded command",
          "evt": {"name": "exec", "category": "Process Activity", "outcome": "unknown"},
          "date": "2025-03-04T09:15:27.418532100Z",
          "file": {"path": "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "name": "powershell.exe"},
          "process": {
            "pid": 7312, "ppid": 5128, "exec_time": "2025-03-04T09:15:27.401Z",
            "executable": {"path": "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "name": "powershell.exe"},
            "cmdline": "powershell.exe -NoProfile -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA", "user": "CONTOSO\\bob",
            "parent": {"pid": 5128, "ppid": 4012, "exec_time": "2025-03-04T08:01:10.5+01:00",
                       "executable": {"path": "C:\\Windows\\explorer.exe", "name": "explorer.exe"}, "cmdline": "C:\\Windows\\Explorer.EXE", "user": "CONTOSO\\bob"},
            "ancestors": [
              {"pid": 5128, "ppid": 4012, "exec_time": "2025-03-04T08:01:10.5+01:00",
               "executable": {"path": "C:\\Windows\\explorer.exe", "name": "explorer.exe"}, "cmdline": "C:\\Windows\\Explorer.EXE", "user": "CONTOSO\\bob"},
              {"pid": 4012, "ppid": 612, "exec_time": "2025-03-04T07:59:58Z", "executable": {"path": "C:\\Windows\\System32\\userinit.exe", "name": "userinit.exe"}},
              {"pid": 612, "ppid": 4, "executable": {"path": "C:\\Windows\\System32\\winlogon.exe", "name": "winlogon.exe"}},
              {"pid": 4, "executable": {"name": "System"}}
            ]
          },
          "usr": {"name": "CONTOSO\\bob", "sid": "S-1-5-21-1004336348-1177238915-682003330-1104"}
        }
        """;

    public const string WindowsRegistry = """
        {
          "agent": {"rule_id": "run_key_persistence", "os": "windows"},
          "title": "Run key modified",
          "evt": {"name": "set_key_value", "category": "File Activity"},
          "date": "2025-03-04T09:16:00.5Z",
          "process": {"pid": 6120, "ppid": 7312, "exec_time": "2025-03-04T09:15:59Z",
                      "executable": {"path": "C:\\Windows\\System32\\reg.exe", "name": "reg.exe"},
                      "cmdline": "reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v Updater /d C:\\Users\\Public\\u.exe",
                      "parent": {"pid": 7312, "ppid": 5128, "executable": {"name": "powershell.exe"}},
                      "ancestors": [{"pid": 7312, "ppid": 5128}, {"pid": 5128}]},
          "registry": {"key_name": "Run", "key_path": "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "value_name": "Updater"},
          "usr": {"name": "CONTOSO\\bob", "sid": "S-1-5-21-1004336348-1177238915-682003330-1104"}
        }
        """;

    /// <summary>An event in the old Linux format (no agent, no title), as described by the old docs schema.</summary>
    public const string OldLinuxOpen = """
        {
          "evt": {"name": "open", "category": "File Activity", "outcome": "Success"},
          "file": {"path": "/etc/shadow", "name": "shadow", "inode": 394823, "mode": 33184, "mount_id": 27, "filesystem": "ext4",
                   "uid": 0, "gid": 42, "user": "root", "group": "shadow", "flags": ["O_RDONLY"],
                   "modification_time": "2025-02-11T17:40:02Z", "change_time": "2025-02-11T17:40:02Z"},
          "usr": {"id": "root", "group": "root"},
          "process": {"pid": 2231, "ppid": 2210, "tid": 2231, "uid": 0, "gid": 0, "user": "root", "group": "root", "comm": "cat",
                      "tty": "pts0", "fork_time": "2025-03-04T09:20:01.120034Z", "exec_time": "2025-03-04T09:20:01.120861Z",
                      "credentials": {"uid": 0, "user": "root", "gid": 0, "group": "root", "euid": 0, "euser": "root", "egid": 0, "egroup": "root",
                                      "fsuid": 0, "fsuser": "root", "fsgid": 0, "fsgroup": "root",
                                      "cap_effective": ["CAP_DAC_OVERRIDE"], "cap_permitted": ["CAP_DAC_OVERRIDE"]},
                      "executable": {"path": "/usr/bin/cat", "name": "cat", "inode": 1835071, "mode": 33261, "mount_id": 27,
                                     "filesystem": "ext4", "uid": 0, "gid": 0},
                      "args": ["/etc/shadow"],
                      "parent": {"pid": 2210, "ppid": 2201, "uid": 0, "gid": 0, "comm": "bash"},
                      "ancestors": [{"pid": 2210, "ppid": 2201, "uid": 0, "gid": 0, "comm": "bash"},
                                    {"pid": 2201, "ppid": 1, "uid": 0, "gid": 0, "comm": "sshd"},
                                    {"pid": 1, "uid": 0, "gid": 0, "comm": "systemd"}]},
          "date": "2025-03-04T09:20:01.121203Z"
        }
        """;

    /// <summary>A current Linux event (agent + title), valid against Datadog's backend_linux.schema.json.</summary>
    public const string CurrentLinuxExec = """
        {
          "agent": {"rule_id": "shell_from_webserver", "rule_version": "2", "policy_name": "default", "policy_version": "7.61.0",
                    "version": "7.61.0", "os": "linux", "arch": "x86_64", "origin": "ebpf", "kernel_version": "6.1.0-31-amd64", "distribution": "debian"},
          "title": "Shell spawned by a web server",
          "evt": {"name": "exec", "category": "Process Activity", "outcome": "Success"},
          "date": "2025-03-04T10:20:30.123456789Z",
          "process": {
            "pid": 4242, "ppid": 4100, "tid": 4242, "uid": 33, "gid": 33, "user": "www-data", "group": "www-data", "comm": "sh",
            "fork_time": "2025-03-04T10:20:30.1Z", "exec_time": "2025-03-04T10:20:30.12Z",
            "credentials": {"uid": 33, "gid": 33, "euid": 33, "egid": 33, "fsuid": 33, "fsgid": 33, "auid": 4294967295,
                            "cap_effective": [], "cap_permitted": []},
            "executable": {"path": "/usr/bin/dash", "name": "dash", "inode": 1835075, "mode": 33261, "mount_id": 27, "filesystem": "ext4", "uid": 0, "gid": 0},
            "argv0": "sh", "args": ["-c", "id"], "is_exec_child": false, "source": "event",
            "parent": {"pid": 4242, "ppid": 4100, "uid": 33, "gid": 33, "comm": "nginx", "is_thread": true,
                       "executable": {"path": "/usr/sbin/nginx", "uid": 0, "gid": 0}, "exit_time": "2025-03-04T10:20:30.12Z"},
            "ancestors": [
              {"pid": 4242, "ppid": 4100, "uid": 33, "gid": 33, "comm": "nginx", "is_thread": true,
               "executable": {"path": "/usr/sbin/nginx", "uid": 0, "gid": 0}, "exit_time": "2025-03-04T10:20:30.12Z"},
              {"pid": 4100, "ppid": 1000, "uid": 33, "gid": 33, "comm": "nginx", "is_thread": true},
              {"pid": 1000, "ppid": 1, "uid": 0, "gid": 0, "comm": "nginx", "args": ["-g", "daemon off;"]},
              {"pid": 1, "uid": 0, "gid": 0, "comm": "systemd"}
            ]
          },
          "usr": {"id": "www-data", "group": "www-data"}
        }
        """;

    /// <summary>An event in the old base event format (flat executable_* process fields), outside a container.</summary>
    public const string BaseFormatOpen = """
        {
          "evt": {"name": "open", "category": "File Activity", "outcome": "Success"},
          "date": "2021-06-01T12:00:00.000000001Z",
          "file": {"path": "/etc/passwd", "name": "passwd", "inode": 394811, "mode": 33188, "mount_id": 27, "filesystem": "ext4",
                   "user": "root", "group": "root", "modification_time": "2021-05-30T08:00:00Z", "change_time": "2021-05-30T08:00:00Z"},
          "usr": {"id": "root", "group": "root"},
          "process": {
            "pid": 3120, "ppid": 3101, "tid": 3120, "uid": 0, "gid": 0, "comm": "cat", "executable_path": "/usr/bin/cat",
            "executable_inode": 1835071, "executable_mount_id": 27,
            "credentials": {"uid": 0, "gid": 0, "euid": 0, "euser": "root", "egid": 0, "egroup": "root", "fsuid": 0, "fsuser": "root",
                            "fsgid": 0, "fsgroup": "root", "cap_effective": [], "cap_permitted": []},
            "executable": {"path": "/usr/bin/cat", "name": "cat", "inode": 1835071, "mode": 33261, "mount_id": 27, "filesystem": "ext4",
                           "uid": 0, "gid": 0, "modification_time": "2021-01-10T00:00:00Z", "change_time": "2021-01-10T00:00:00Z"},
            "parent": {"pid": 1, "tid": 1, "uid": 0, "gid": 0, "comm": "systemd", "executable_path": "/usr/lib/systemd/systemd",
                       "executable_inode": 1835001, "executable_mount_id": 27,
                       "credentials": {"uid": 0, "gid": 0, "euid": 0, "euser": "root", "egid": 0, "egroup": "root", "fsuid": 0, "fsuser": "root",
                                       "fsgid": 0, "fsgroup": "root", "cap_effective": [], "cap_permitted": []},
                       "executable": {"path": "/usr/lib/systemd/systemd", "name": "systemd", "inode": 1835001, "mode": 33261, "mount_id": 27,
                                      "filesystem": "ext4", "uid": 0, "gid": 0, "modification_time": "2021-01-10T00:00:00Z", "change_time": "2021-01-10T00:00:00Z"}},
            "ancestors": []
          }
        }
        """;

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
