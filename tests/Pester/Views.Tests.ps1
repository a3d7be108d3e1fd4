# The default views in a 120-column console, as a responder sees them: the exact text of each table for events from the
# samples (CsmEvents.Format.ps1xml). What the columns hold and how long text is shortened is decided in
# CsmEvents.Text.ColumnText (xunit: ColumnTextTests); these tests prove that the views call it and lay it out.
# The folder that holds samples/ is written "…/samples". Saved as UTF-8 with a BOM, so that Windows PowerShell 5.1
# reads the … and tree characters of the expected text.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ExampleRunner.ps1')
    Import-CsmEventsModule
    if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
    $samples = $script:SamplesFolder
    # Windows PowerShell 5.1 lays tables out alike but marks a cut with '...'; the text here is PowerShell 7's.
    $skipReason = $null
    if ($PSVersionTable.PSEdition -eq 'Desktop') { $skipReason = "the expected text is PowerShell 7's; Windows PowerShell 5.1 marks cut columns with '...'" }

    # What a 120-column console shows for these objects (Out-String -Width 119, see $ConsoleWidth120 in
    # ExampleRunner.ps1): the default view, trailing spaces and the blank lines around the table left out.
    function Show-InConsole120 {
        param([object[]] $InputObject)
        $text = $InputObject | Out-String -Width $script:ConsoleWidth120
        ConvertTo-ComparableText -Lines ($text -split "`r?`n") -Folder $script:RepoRoot
    }
}

Describe 'Event table at 120 columns' {
    It 'keeps the end of each target and the pid of each process (events read from a file have no host)' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        Show-InConsole120 (Get-CsmEvent (Join-Path $samples 'windows/incident-ws01.jsonl')) | Should -BeExactly (@'
Time (UTC)          Host       EventType     RuleId                   Process            Outcome Target
----------          ----       ---------     ------                   -------            ------- ------
2025-06-03 08:47:19            exec          office_app_started       WINWORD.EXE (7412) unknown …oice_0425.docm" /o ""
2025-06-03 08:47:55            open_key      office_trust_record_read WINWORD.EXE (7412)         …\TrustRecords
2025-06-03 08:47:55            set_key_value office_macro_enabled     WINWORD.EXE (7412)         …/Invoice_0425.docm]
2025-06-03 08:48:02            create        script_dropped_in_public WINWORD.EXE (7412)         …\Public\stage.ps1
2025-06-03 08:48:02            write         script_written_in_public WINWORD.EXE (7412)         …\Public\stage.ps1
2025-06-03 08:48:02            exec          office_spawned_shell     cmd.exe (8128)     unknown …\Public\stage.ps1"
2025-06-03 08:48:02            exec          hidden_powershell        powershell… (8164) unknown …\Public\stage.ps1
2025-06-03 08:48:05            create        download_to_public       powershell… (8164)         …\Public\update.tmp
2025-06-03 08:48:05            write         download_to_public_write powershell… (8164)         …\Public\update.tmp
2025-06-03 08:48:06            rename        executable_renamed_in_p… powershell… (8164)         …date.tmp -> …date.exe
2025-06-03 08:48:06            exec          permission_tool_started  icacls.exe (9340)  unknown …/grant Everyone:F
2025-06-03 08:48:06            change_permi… world_writable_executab… icacls.exe (9340)          …\Public\update.exe
2025-06-03 08:48:06            exit          permission_tool_exit     icacls.exe (9340)  unknown …\System32\icacls.exe
2025-06-03 08:48:07            exec          reg_tool_started         reg.exe (9036)     unknown …Public\update.exe" /f
2025-06-03 08:48:07            open_key      run_key_opened           reg.exe (9036)             …\CurrentVersion\Run
2025-06-03 08:48:07            set_key_value run_key_persistence      reg.exe (9036)             …\Run [OneDriveUpdate]
2025-06-03 08:48:07            exit          reg_tool_exit            reg.exe (9036)     unknown …\System32\reg.exe
2025-06-03 08:48:09            exec          exec_from_public         update.exe (9212)  unknown …\Public\update.exe"
2025-06-03 08:48:10            create_key    new_software_key         update.exe (9212)          …\OneDriveUpdate
2025-06-03 08:48:10            delete_key    recent_docs_cleared      update.exe (9212)          …\RecentDocs\.docm
2025-06-03 08:48:11            delete        script_deleted_in_public powershell… (8164)         …\Public\stage.ps1
2025-06-03 08:48:11            exit          hidden_powershell_exit   powershell… (8164) unknown …\v1.0\powershell.exe
2025-06-03 08:48:11            exit          office_spawned_shell_ex… cmd.exe (8128)     unknown …\System32\cmd.exe
2025-06-03 08:52:37            exit          office_app_exit          WINWORD.EXE (7412) unknown …\Office16\WINWORD.EXE
'@ -replace "`r`n", "`n")
    }

    It 'shows the host of events from Datadog' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        Show-InConsole120 (Get-CsmEvent (Join-Path $samples 'datadog/logs-search-page.json')) | Should -BeExactly (@'
Time (UTC)          Host       EventType     RuleId                   Process            Outcome Target
----------          ----       ---------     ------                   -------            ------- ------
2025-06-03 09:41:07 web-01     exec          shell_spawned_by_webser… sh (24311)         Success …&& /tmp/.x/kswapd0'
2025-06-03 09:41:07 web-01     exec          net_util_spawned_by_web… curl (24313)       Success …/k -o /tmp/.x/kswapd0
2025-06-03 09:41:08 web-01     exec          exec_from_tmp            kswapd0 (24311)    Success /tmp/.x/kswapd0
2025-06-03 09:41:09 web-01     connect       connect_mining_pool      kswapd0 (24311)    Error   198.51.100.23:3333
2025-06-03 09:41:09 web-01     connect       connect_mining_pool      kswapd0 (24311)    Success 198.51.100.24:443
2025-06-03 09:41:15 web-01     open          shadow_file_read         kswapd0 (24311)    Refused /etc/shadow
2025-06-03 09:42:02 web-01     setuid        setuid_to_root           kswapd0 (24311)    Success /tmp/.x/kswapd0
2025-06-03 09:42:10 web-01     ptrace        ptrace_attach            kswapd0 (24311)    Success /tmp/.x/kswapd0
'@ -replace "`r`n", "`n")
    }

    It 'shows both names of a rename' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        Show-InConsole120 (Get-CsmEvent (Join-Path $samples 'linux/incident-web01.jsonl') | Select-Object -First 3) | Should -BeExactly (@'
Time (UTC)          Host       EventType     RuleId                   Process            Outcome Target
----------          ----       ---------     ------                   -------            ------- ------
2025-06-03 06:15:01            exec          cron_job_exec            logrotate (24311)  Success …logrotate.hourly.conf
2025-06-03 06:15:01            unlink        var_log_deleted          logrotate (24311)  Success …/access.log.24.gz
2025-06-03 06:15:01            rename        var_log_renamed          logrotate (24311)  Success …cess.log -> …ss.log.1
'@ -replace "`r`n", "`n")
    }

    It 'shows the strings of a crafted event escaped, in every column' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $page = '{"data":[{"id":"AQ1","type":"log","attributes":{"host":"web\u001b[2J-01.example.internal","service":"runtime-security-agent","timestamp":"2025-06-03T09:41:07Z","attributes":{"agent":{"rule_id":"crafted\u001b]0;owned\u0007","os":"linux"},"evt":{"name":"open","outcome":"Success"},"date":"2025-06-03T09:41:07Z","process":{"pid":4242,"comm":"sh\u001b[2J"},"file":{"path":"/tmp/\u202eevil/\u001b[31mred.sh"}}}}],"meta":{"page":{}}}'
        $event = $page | Get-CsmEvent
        $event.HostName | Should -BeExactly ('web' + [char]27 + '[2J-01.example.internal')
        Show-InConsole120 $event | Should -BeExactly (@'
Time (UTC)          Host       EventType     RuleId                   Process            Outcome Target
----------          ----       ---------     ------                   -------            ------- ------
2025-06-03 09:41:07 web\x1b[2… open          crafted\x1b]0;owned\x07  sh\x1b[2J (4242)   Success …/\x1b[31mred.sh
'@ -replace "`r`n", "`n")
    }
}

Describe 'Events a user edited' {
    It 'shows, writes and places an event whose lists hold nulls and whose parts were removed' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $event = '{"agent":{"rule_id":"r","os":"linux"},"evt":{"name":"exec"},"date":"2025-06-03T09:41:07Z","process":{"pid":42,"comm":"sh","argv0":"sh","args":["-c","id"],"ancestors":[{"pid":1,"comm":"init"}]}}' | Get-CsmEvent
        $event.Process.Args = 'a', $null # PowerShell makes the $null of a string array an empty string
        $event.Process.Ancestors.Add($null)
        $event.Process.Credentials = $null
        $event.Process.CommandLine | Should -BeExactly "sh a ''"
        Show-InConsole120 $event | Should -BeExactly (@"
Time (UTC)          Host       EventType     RuleId                   Process            Outcome Target
----------          ----       ---------     ------                   -------            ------- ------
2025-06-03 09:41:07            exec          r                        sh (42)                    sh a ''
"@ -replace "`r`n", "`n")
        $event | ConvertFrom-CsmEvent |
            Should -BeExactly '{"agent":{"rule_id":"r","os":"linux"},"evt":{"name":"exec"},"date":"2025-06-03T09:41:07Z","process":{"pid":42,"comm":"sh","argv0":"sh","args":["a",""],"ancestors":[{"pid":1,"comm":"init"},null]}}'
        $nodes = @($event | Get-CsmProcessTree -WarningVariable warnings -WarningAction SilentlyContinue)
        # The null ancestor above pid 1 is a gap in the lineage.
        @($nodes | ForEach-Object { if ($null -eq $_.Pid) { 'gap' } else { $_.Pid } }) | Should -Be @('gap', 1, 42)
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*ancestor 1 has no pid; it is shown as a gap'
    }
}

Describe 'Validation results table at 120 columns' {
    It 'keeps the file name and line of the source' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        Show-InConsole120 (Test-CsmEvent (Join-Path $samples 'windows/incident-ws01.jsonl') -Schema linux -Detailed | Select-Object -First 3) | Should -BeExactly (@'
Valid Source                           Schema               RuleId               Errors FirstError
----- ------                           ------               ------               ------ ----------
False …/windows/incident-ws01.jsonl:1  linux                office_app_started       53 property "agent" is not allowed
False …/windows/incident-ws01.jsonl:2  linux                office_trust_record…     51 property "agent" is not allowed
False …/windows/incident-ws01.jsonl:3  linux                office_macro_enabled     51 property "agent" is not allowed
'@ -replace "`r`n", "`n")
    }

    It 'shows a schema file by its name' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $schema = Join-Path $script:SharedSchemaFolder 'backend_linux.schema.json'
        if (-not (Test-Path -LiteralPath $schema)) {
            Set-ItResult -Skipped -Because "it validates with Datadog's backend_linux.schema.json from ../shared/datadog-agent-schemas, which is absent"
            return
        }
        Show-InConsole120 (Test-CsmEvent (Join-Path $samples 'linux/newer-agent.jsonl') -SchemaPath $schema -Detailed) | Should -BeExactly (@'
Valid Source                           Schema               RuleId               Errors FirstError
----- ------                           ------               ------               ------ ----------
False …/linux/newer-agent.jsonl:1      backend_linux.schem… cron_job_exec             4 /agent: property "original_rul…
False …/linux/newer-agent.jsonl:2      backend_linux.schem… passwd_read_unknown…      1 /process: property "is_parent_…
False …/linux/newer-agent.jsonl:3      backend_linux.schem… dns_from_script           3 /process: property "is_parent_…
'@ -replace "`r`n", "`n")
    }
}

Describe 'Process tree nodes at 120 columns' {
    It 'shows start, pid, user (DOMAIN\user kept from its end) and the tree, grouped by host' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        Show-InConsole120 (Get-CsmProcessTree (Join-Path $samples 'windows/incident-ws01.jsonl')) | Should -BeExactly (@'
   Host: …/samples/windows/incident-ws01.jsonl

Start (UTC)             Pid User         Process
-----------             --- ----         -------
2025-06-03 07:58:09       4 …\SYSTEM     System (4)
2025-06-03 07:58:09     388 …\SYSTEM     └─ smss.exe (388): \SystemRoot\System32\smss.exe
2025-06-03 07:58:14     536 …\SYSTEM        └─ smss.exe (536): \SystemRoot\System32\smss.exe 00000108 00000084
2025-06-03 07:58:14     620 …\SYSTEM           └─ winlogon.exe (620): winlogon.exe
2025-06-03 08:02:41    5316 CORP\alice            └─ userinit.exe (5316): C:\Windows\system32\userinit.exe
2025-06-03 08:02:41    5340 CORP\alice               └─ explorer.exe (5340): C:\Windows\Explorer.EXE
2025-06-03 08:47:19    7412 CORP\alice                  └─ WINWORD.EXE (7412) 6 events: "C:\Program Files\Microsoft Of…
2025-06-03 08:48:02    8128 CORP\alice                     └─ cmd.exe (8128) 2 events: C:\Windows\System32\cmd.exe /c …
2025-06-03 08:48:02    8164 CORP\alice                        └─ powershell.exe (8164) 6 events: powershell.exe  -NoPr…
2025-06-03 08:48:06    9340 CORP\alice                           ├─ icacls.exe (9340) 3 events: "C:\Windows\system32\i…
2025-06-03 08:48:07    9036 CORP\alice                           ├─ reg.exe (9036) 4 events: "C:\Windows\system32\reg.…
2025-06-03 08:48:09    9212 CORP\alice                           └─ update.exe (9212) 3 events: "C:\Users\Public\updat…
'@ -replace "`r`n", "`n")
    }

    It 'shows processes of an event as a table' {
        if ($skipReason) { Set-ItResult -Skipped -Because $skipReason; return }
        $event = Get-CsmEvent (Join-Path $samples 'windows/incident-ws01.jsonl') | Select-Object -Last 1
        Show-InConsole120 $event.Process.Ancestors | Should -BeExactly (@'
    Pid    Ppid Name               User             ExecTime (UTC)      CommandLine
    ---    ---- ----               ----             --------------      -----------
   5340    5316 explorer.exe       CORP\alice       2025-06-03 08:02:41 C:\Windows\Explorer.EXE
   5316     620 userinit.exe       CORP\alice       2025-06-03 08:02:41 C:\Windows\system32\userinit.exe
    620     536 winlogon.exe       …UTHORITY\SYSTEM 2025-06-03 07:58:14 winlogon.exe
    536     388 smss.exe           …UTHORITY\SYSTEM 2025-06-03 07:58:14 \SystemRoot\System32\smss.exe 00000108 0000008…
    388       4 smss.exe           …UTHORITY\SYSTEM 2025-06-03 07:58:09 \SystemRoot\System32\smss.exe
      4       0 System             …UTHORITY\SYSTEM 2025-06-03 07:58:09
'@ -replace "`r`n", "`n")
    }
}
