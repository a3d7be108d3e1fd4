#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# Process trees from events without exec_time/fork_time (Datadog's agent fixtures), and tree memory that grows with
# the number of processes, not of records (issue 12, items 18 and 4).

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $fixtures = Join-Path $script:RepoRoot '../shared/datadog-agent-events/security-profile-exec-fixtures.jsonl'
    $fixturesPresent = Test-Path -LiteralPath $fixtures
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $fixtures = Join-Path $script:RepoRoot '../shared/datadog-agent-events/security-profile-exec-fixtures.jsonl'

    # A Linux process entry as the agent's fixtures write it: comm, executable path and inode, argv0; no times.
    function New-Entry([long] $ProcessId, [string] $Path, [long] $Inode, [string] $Argv0) {
        $name = Split-Path -Leaf $Path
        if (-not $Argv0) { $Argv0 = $name }
        '{"pid":' + $ProcessId + ',"comm":"' + $name + '","executable":{"path":"' + $Path + '","name":"' + $name + '","inode":' + $Inode + '},"argv0":"' + $Argv0 + '"'
    }
    function New-Exec([string] $Acting, [string[]] $Ancestors) {
        '{"evt":{"name":"exec"},"date":"0001-01-01T00:00:00Z","process":' + $Acting + ',"parent":' + $Ancestors[0] + '},"ancestors":[' + (($Ancestors | ForEach-Object { $_ + '}' }) -join ',') + ']}}'
    }
}

Describe 'Get-CsmProcessTree with events that carry no exec_time' {
    BeforeAll {
        $systemd = New-Entry 1 '/bin/systemd' 42
        $repro = Join-Path $TestDrive 'x.jsonl'
        # The issue's repro: fixture lines 1 and 16, generated. ls (12) started by bash (11); busybox exec'd by busybox (11).
        Set-Content -LiteralPath $repro -Encoding utf8 -Value @(
            (New-Exec (New-Entry 12 '/bin/ls' 2) @((New-Entry 11 '/bin/bash' 1), $systemd)),
            (New-Exec (New-Entry 11 '/bin/busybox' 1 'cat') @((New-Entry 11 '/bin/busybox' 1 'sh'), $systemd)))
    }

    It 'shows each image apart, each event on its own process, and warns once' {
        $lines = @(Get-CsmProcessTree -Path $repro -AsText -WarningVariable warnings -WarningAction SilentlyContinue)
        $lines | Should -Be @(
            "host: $repro",
            'systemd (1): systemd',
            '├─ bash (11): bash',
            '│  └─ ls (12) 1 event: ls',
            '└─ busybox (11): sh',
            '   └─ busybox (11) [exec] 1 event: cat')
        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -BeExactly ("events without exec_time or fork_time name 1 pid with several processes, told apart by executable and parent " +
            "(without start times the events cannot show whether they were one process): $($repro): pid 11 (bash, busybox, busybox)")
    }

    It 'gives the same nodes whatever the order of the events' {
        $reversed = Join-Path $TestDrive 'reversed.jsonl'
        Set-Content -LiteralPath $reversed -Encoding utf8 -Value @(Get-Content -LiteralPath $repro)[1, 0]
        $a = Get-CsmProcessTree -Path $repro -WarningAction SilentlyContinue | ForEach-Object { '{0} {1} {2} {3}' -f $_.Depth, $_.Pid, $_.Path, $_.EventCount }
        $b = Get-CsmProcessTree -Path $reversed -WarningAction SilentlyContinue | ForEach-Object { '{0} {1} {2} {3}' -f $_.Depth, $_.Pid, $_.Path, $_.EventCount }
        $b | Should -Be $a
        $a | Should -Be @('0 1 /bin/systemd 0', '1 11 /bin/bash 0', '2 12 /bin/ls 1', '1 11 /bin/busybox 0', '2 11 /bin/busybox 1')
    }

    It 'builds the tree of Datadog''s agent fixtures with one process per image' -Skip:(-not $fixturesPresent) {
        # Skipped when ../shared/datadog-agent-events is absent (it is never copied into the project).
        $nodes = @(Get-CsmProcessTree -Path $fixtures -WarningVariable warnings -WarningAction SilentlyContinue)
        $nodes.Count | Should -Be 36
        ($nodes | Measure-Object EventCount -Sum).Sum | Should -Be 18
        @($nodes | Where-Object { $_.Pid -eq 12 } | ForEach-Object Name | Sort-Object) | Should -Be @('2', 'apache', 'bash', 'du', 'ls', 'ls', 'webserver', 'webserver3')
        $busybox = @($nodes | Where-Object Name -eq 'busybox')
        $busybox.FlagNames | Should -Be @('exec', 'exec')
        $busybox.EventCount | Should -Be @(0, 1, 1)
        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -BeLike 'events without exec_time or fork_time name 6 pids with several processes*'

        # The same events in reverse order (a copy, so that the host, which is the file, is the same name).
        $text = @(Get-Content -LiteralPath $fixtures)
        $inOrder = Join-Path (New-Item -ItemType Directory (Join-Path $TestDrive 'in-order')).FullName 'fixtures.jsonl'
        Set-Content -LiteralPath $inOrder -Encoding utf8 -Value $text
        [array]::Reverse($text)
        $reversed = Join-Path (New-Item -ItemType Directory (Join-Path $TestDrive 'reversed')).FullName 'fixtures.jsonl'
        Set-Content -LiteralPath $reversed -Encoding utf8 -Value $text
        $a = (Get-CsmProcessTree -Path $inOrder -Format Json -WarningAction SilentlyContinue).Replace($inOrder, 'HOST')
        $b = (Get-CsmProcessTree -Path $reversed -Format Json -WarningAction SilentlyContinue).Replace($reversed, 'HOST')
        $b | Should -BeExactly $a
    }
}

Describe 'Get-CsmProcessTree memory' {
    It 'holds the processes, not the records nor a copy of the output (200,000 one-process records, -AsText)' {
        $file = Join-Path $TestDrive 'pids.jsonl'
        $writer = New-Object System.IO.StreamWriter ($file, $false, (New-Object System.Text.UTF8Encoding ($false)))
        try { for ($i = 1; $i -le 200000; $i++) { $writer.Write('{"process":{"pid":' + $i + '}}' + "`n") } }
        finally { $writer.Dispose() }
        # A fresh pwsh: its peak working set is this run's own. Measured: 140 MB (about 700 bytes a process); 389 MB before the fix.
        $script = "Import-Module '$($script:ModuleManifest)'; `$p = [Diagnostics.Process]::GetCurrentProcess(); `$before = `$p.PeakWorkingSet64; " +
            "`$n = (Get-CsmProcessTree -LiteralPath '$file' -AsText | Measure-Object).Count; `$p.Refresh(); " +
            "'{0} {1}' -f `$n, [long]((`$p.PeakWorkingSet64 - `$before) / 1MB)"
        $result = & (Get-PwshPath) -NoProfile -NonInteractive -Command $script
        $count, $growthMB = "$result".Split(' ')
        $count | Should -Be '200001'
        [long] $growthMB | Should -BeLessThan 250
    }
}
