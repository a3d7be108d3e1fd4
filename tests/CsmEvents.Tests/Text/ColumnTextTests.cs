using System;
using CsmEvents.Model;
using CsmEvents.Text;

namespace CsmEvents.Tests.Text;

/// <summary>
/// The column text of the default views: escaped first, then shortened to the width, keeping the end of paths and
/// command lines, the pid of a process and both names of a rename.
/// </summary>
public class ColumnTextTests
{
    [Theory]
    [InlineData(@"C:\Users\Public\update.exe", 30, @"C:\Users\Public\update.exe")]
    [InlineData(@"C:\Users\Public\update.exe", 20, @"…\Public\update.exe")]
    [InlineData(@"C:\Users\Public\update.exe", 12, @"…\update.exe")]
    // The file name alone is longer than the room: cut inside it.
    [InlineData(@"C:\Users\Public\update.exe", 8, "…ate.exe")]
    // The cut falls right after a separator: the first segment shown is already whole.
    [InlineData("/work/tmp/samples/linux/incident-web01.jsonl:12", 30, "…linux/incident-web01.jsonl:12")]
    [InlineData("/work/tmp/samples/linux/incident-web01.jsonl:12", 34, "…/linux/incident-web01.jsonl:12")]
    [InlineData("/work/tmp/samples/linux/incident-web01.jsonl:12", 20, "…dent-web01.jsonl:12")]
    // The next separator is too far: a boundary would leave out more than half of the room.
    [InlineData("/a/bcdefghijklmnopqrstuvw/x.txt", 20, "…klmnopqrstuvw/x.txt")]
    [InlineData("/abc/defgh/ij", 9, "…defgh/ij")]
    [InlineData(@"NT AUTHORITY\SYSTEM", 12, @"…\SYSTEM")]
    [InlineData(@"CORP\alice", 12, @"CORP\alice")]
    public void KeepPathEndKeepsTheFileNameAndLine(string path, int width, string expected)
    {
        string actual = ColumnText.KeepPathEnd(path, width)!;
        Assert.Equal(expected, actual);
        Assert.True(actual.Length <= width, actual);
    }

    [Fact]
    public void KeepEndKeepStartAndFileName()
    {
        Assert.Equal("…ant Everyone:F", ColumnText.KeepEnd(@"""C:\Windows\system32\icacls.exe"" C:\Users\Public\update.exe /grant Everyone:F", 15));
        Assert.Equal("short", ColumnText.KeepEnd("short", 5));
        Assert.Equal("…", ColumnText.KeepEnd("longer", 1));
        Assert.Equal("net_util_spawned_by…", ColumnText.KeepStart("net_util_spawned_by_webserver", 20));
        Assert.Equal("backend_linux…", ColumnText.FileName("/etc/csm/backend_linux.schema.json", 14));
        Assert.Equal("windows", ColumnText.FileName("windows", 14));
        Assert.Equal(@"base.json", ColumnText.FileName(@"C:\schemas\base.json", 14));
        Assert.Null(ColumnText.KeepEnd(null, 5));
        Assert.Null(ColumnText.KeepPathEnd(null, 5));
        Assert.Null(ColumnText.FileName(null, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColumnText.KeepEnd("x", 0));
    }

    [Fact]
    public void EscapesBeforeMeasuring()
    {
        // ESC is shown as \x1b: four characters, counted in the width; never a raw control character.
        string crafted = "/tmp/evil\u001b[2J/name";
        Assert.Equal(@"/tmp/evil\x1b[2J/name", ColumnText.KeepPathEnd(crafted, 40));
        Assert.Equal(@"…\x1b[2J/name", ColumnText.KeepEnd(crafted, 13));
        Assert.Equal(@"sh\x1b[2J (7)", ColumnText.NameAndPid("sh\u001b[2J", 7, 20));
        Assert.DoesNotContain('\u001b', ColumnText.KeepStart("a\u001bb", 2)!);
        Assert.Equal(@"line\nnext", ColumnText.KeepStart("line\nnext", 20));
    }

    [Fact]
    public void NeverSplitsASurrogatePair()
    {
        string face = "\U0001F600";
        Assert.Equal("…" + face + "z", ColumnText.KeepEnd("abc" + face + "z", 4));
        Assert.Equal("…z", ColumnText.KeepEnd("abc" + face + "z", 3));
        Assert.Equal("ab…", ColumnText.KeepStart("ab" + face + "cd", 4));
        Assert.Equal("a…", ColumnText.KeepStart("a" + face + "cd", 3));
    }

    [Theory]
    [InlineData("powershell.exe", 8164L, 18, "powershell… (8164)")]
    [InlineData("WINWORD.EXE", 7412L, 18, "WINWORD.EXE (7412)")]
    [InlineData("kswapd0", 24311L, 18, "kswapd0 (24311)")]
    [InlineData(null, 12L, 18, "? (12)")]
    [InlineData("containerd-shim-runc-v2", null, 18, "containerd-shim-r…")]
    // No room for a name beside the pid: the start of the whole text.
    [InlineData("abc", 1234567890123L, 10, "abc (1234…")]
    public void NameAndPidKeepsThePid(string? name, long? pid, int width, string expected)
    {
        Assert.Equal(expected, ColumnText.NameAndPid(name, pid, width));
    }

    private static CsmEvent Event(string json) => CsmEvent.Parse(json);

    [Fact]
    public void TargetOfARegistryEventKeepsTheKeyEndAndValueName()
    {
        var e = Event(@"{""agent"":{""os"":""windows""},""evt"":{""name"":""set_key_value""},""registry"":{""key_path"":""HKEY_USERS\\S-1-5-21-1004336348-1177238915-682003330-1104\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"",""value_name"":""OneDriveUpdate""}}");
        Assert.Equal(@"…\Run [OneDriveUpdate]", ColumnText.Target(e, 24));
        Assert.Equal(@"…\CurrentVersion\Run [OneDriveUpdate]", ColumnText.Target(e, 40));
    }

    [Fact]
    public void TargetOfACommandLineKeepsTheArguments()
    {
        var e = Event(@"{""agent"":{""os"":""windows""},""evt"":{""name"":""exec""},""process"":{""pid"":9340,""cmdline"":""\""C:\\Windows\\system32\\icacls.exe\"" C:\\Users\\Public\\update.exe /grant Everyone:F""}}");
        // Cut where an argument or a path segment starts.
        Assert.Equal("…/grant Everyone:F", ColumnText.Target(e, 24));
        Assert.Equal(@"…\update.exe /grant Everyone:F", ColumnText.Target(e, 30));
        // The next boundary would leave out more than half of the room: cut inside the word.
        var word = Event(@"{""agent"":{""os"":""windows""},""evt"":{""name"":""exec""},""process"":{""pid"":7412,""cmdline"":""\""C:\\Office16\\WINWORD.EXE\"" /n \""C:\\Users\\alice\\Downloads\\Invoice_0425.docm\"" /o \""\""""}}");
        Assert.Equal(@"…oice_0425.docm"" /o """"", ColumnText.Target(word, 22));
    }

    [Fact]
    public void TargetOfARenameShowsBothNames()
    {
        var e = Event(@"{""agent"":{""os"":""windows""},""evt"":{""name"":""rename""},""file"":{""path"":""C:\\Users\\Public\\update.tmp"",""destination"":{""path"":""C:\\Users\\Public\\update.exe""}}}");
        Assert.Equal(@"C:\Users\Public\update.tmp -> C:\Users\Public\update.exe", ColumnText.Target(e, 60));
        Assert.Equal(@"…\update.tmp -> …\Public\update.exe", ColumnText.Target(e, 36));
        Assert.Equal(@"…\update.tmp -> …\update.exe", ColumnText.Target(e, 28));
    }

    [Fact]
    public void TargetOfFilesPeersAndNamesAndNone()
    {
        var open = Event(@"{""evt"":{""name"":""open""},""file"":{""path"":""/var/www/shop/releases/2025-06-01/config/.env""}}");
        Assert.Equal("…/config/.env", ColumnText.Target(open, 16));
        var dns = Event(@"{""evt"":{""name"":""dns""},""dns"":{""question"":{""name"":""a1b2c3d4e5f6.exfil.example.org""}}}");
        Assert.Equal("…5f6.exfil.example.org", ColumnText.Target(dns, 22));
        var connect = Event(@"{""evt"":{""name"":""connect""},""connect"":{""addr"":{""ip"":""198.51.100.23"",""port"":3333}}}");
        Assert.Equal("198.51.100.23:3333", ColumnText.Target(connect, 22));
        Assert.Null(ColumnText.Target(Event(@"{""title"":""nothing acted on""}"), 22));
    }
}
