#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $fileScenarios = @(Get-CsmScenario -Command 'Get-CsmEvent' | Where-Object { $_.Scenario.input.mode -eq 'file' })
    $pipelineScenarios = @(Get-CsmScenario -Command 'Get-CsmEvent' | Where-Object { $_.Scenario.input.mode -eq 'pipeline' })
    $samplesPresent = Test-Path -LiteralPath (Join-Path $script:SamplesFolder 'windows/incident-ws01.jsonl')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $class = 'CsmEvents.Commands.GetCsmEventCommand'
    $windows = '{"agent":{"rule_id":"run_key_persistence","os":"windows"},"title":"Run key","evt":{"name":"set_key_value","category":"File Activity"},"date":"2025-06-03T08:48:07.4411532Z","process":{"pid":9036,"executable":{"name":"reg.exe"},"cmdline":"reg.exe add Run"},"registry":{"key_path":"HKCU\\Run","value_name":"Updater"}}'
    $linux = '{"agent":{"rule_id":"shadow_file_read","os":"linux"},"title":"Shadow read","evt":{"name":"open","category":"File Activity","outcome":"Refused"},"date":"2025-06-03T09:41:15.5Z","process":{"pid":24311,"comm":"kswapd0"},"file":{"path":"/etc/shadow"}}'
}

Describe 'Get-CsmEvent replays the shared scenarios' {
    It 'file scenario <Name>: <Description>' -ForEach $fileScenarios {
        $path = New-ScenarioFile -Folder $TestDrive -FileName $Scenario.input.fileName -Lines @($Scenario.input.lines)
        $parameters = ConvertTo-ParameterTable $Scenario.parameters
        $output = @(Get-CsmEvent -Path $path @parameters -ErrorVariable errors -ErrorAction SilentlyContinue)
        Assert-ScenarioResult -Scenario $Scenario -Output $output -Errors $errors -CommandClass $class -FilePath $path
    }

    It 'pipeline scenario <Name>: <Description>' -ForEach $pipelineScenarios {
        $parameters = ConvertTo-ParameterTable $Scenario.parameters
        $output = @($Scenario.input.lines | Get-CsmEvent @parameters -ErrorVariable errors -ErrorAction SilentlyContinue)
        Assert-ScenarioResult -Scenario $Scenario -Output $output -Errors $errors -CommandClass $class -FilePath '<pipeline>'
    }
}

Describe 'Get-CsmEvent paths' {
    BeforeAll {
        $folder = Join-Path $TestDrive 'events'
        New-Item -ItemType Directory -Path (Join-Path $folder 'sub') -Force | Out-Null
        $first = New-ScenarioFile -Folder $folder -FileName 'a.jsonl' -Lines @($windows)
        $second = New-ScenarioFile -Folder (Join-Path $folder 'sub') -FileName 'b.jsonl' -Lines @($linux)
        $brackets = New-ScenarioFile -Folder $folder -FileName 'c[1].jsonl' -Lines @($linux, $windows)
    }

    It 'binds Get-ChildItem output to -LiteralPath (brackets in names included)' {
        $events = @(Get-ChildItem -LiteralPath $folder -File | Get-CsmEvent)
        $events.Count | Should -Be 3
        $events[0].RuleId | Should -Be 'run_key_persistence'
        $events[1].Source.Path | Should -Be $brackets
    }

    It 'expands wildcards in -Path and reads folders, recursively with -Recurse' {
        @(Get-CsmEvent -Path (Join-Path $folder '*.jsonl')).Count | Should -Be 3
        @(Get-CsmEvent -Path $folder).Count | Should -Be 3
        @(Get-CsmEvent -Path $folder -Recurse).Count | Should -Be 4
    }

    It 'writes PathNotFound for a missing path without wildcards, and nothing for a wildcard matching nothing' {
        $missing = Join-Path $TestDrive 'missing.jsonl'
        { Get-CsmEvent -Path $missing -ErrorAction Stop } | Should -Throw -ErrorId "PathNotFound,$class"
        { Get-CsmEvent -LiteralPath $missing -ErrorAction Stop } | Should -Throw -ErrorId "PathNotFound,$class"
        $output = @(Get-CsmEvent -Path $missing, $first -ErrorVariable errors -ErrorAction SilentlyContinue)
        $output.Count | Should -Be 1
        $errors[0].Exception.Message | Should -BeExactly "${missing}: file or folder not found"
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $missing
        @(Get-CsmEvent -Path (Join-Path $TestDrive 'nothing-*.jsonl') -ErrorVariable none).Count | Should -Be 0
        $none.Count | Should -Be 0
    }

    It 'refuses paths of other providers with NotFileSystemPath' {
        { Get-CsmEvent -Path 'Env:\PATH' -ErrorAction Stop } | Should -Throw -ErrorId "NotFileSystemPath,$class"
    }

    It 'treats plain strings from the pipeline as event text, not as paths' {
        $output = @($first | Get-CsmEvent -ErrorVariable errors -ErrorAction SilentlyContinue)
        $output.Count | Should -Be 0
        $errors[0].FullyQualifiedErrorId | Should -Be "InvalidJson,$class"
    }

    It 'reads Get-Content lines and -Raw text like the file itself' {
        $fromFile = Get-CsmEvent -LiteralPath $brackets | ConvertFrom-CsmEvent
        Get-Content -LiteralPath $brackets | Get-CsmEvent | ConvertFrom-CsmEvent | Should -Be $fromFile
        Get-Content -LiteralPath $brackets -Raw | Get-CsmEvent | ConvertFrom-CsmEvent | Should -Be $fromFile
    }
}

Describe 'Get-CsmEvent streaming' {
    BeforeAll {
        $lines = foreach ($i in 1..20000) { '{"title":"event ' + $i + '","evt":{"name":"exec"}}' }
        $big = New-ScenarioFile -Folder $TestDrive -FileName 'big.jsonl' -Lines $lines
    }

    It 'stops reading under Select-Object -First and releases the file' {
        $events = @(Get-CsmEvent -Path $big | Select-Object -First 2)
        $events.Title | Should -Be @('event 1', 'event 2')
        # The stop unwound through the reader, which closed the file; EndProcessing never ran.
        Remove-Item -LiteralPath $big
        Test-Path -LiteralPath $big | Should -BeFalse
    }

    It 'stops pipeline text under Select-Object -First' {
        @('{"title":"a"}', '{"title":"b"}', '{"title":"c"}' | Get-CsmEvent | Select-Object -First 1).Title | Should -Be 'a'
    }
}

Describe 'Get-CsmEvent output on screen' {
    BeforeAll {
        # PowerShell 7.2+ may colour table headers; compare plain text.
        if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
        $escape = [char]27
        $crafted = '{"agent":{"rule_id":"crafted","os":"linux"},"evt":{"name":"exec"},"date":"2025-06-03T09:41:07Z","process":{"pid":1,"comm":"sh' + '\u001b[2J' + '","argv0":"sh","args":["-c","echo \u001b]0;owned\u0007"]}}'
    }

    It 'shows the table a responder scans first' {
        $text = $windows | Get-CsmEvent | Format-Table | Out-String -Width 200
        $text | Should -Match 'Time \(UTC\)\s+Platform\s+EventType\s+RuleId\s+Process\s+Outcome\s+Target'
        $text | Should -Match '2025-06-03 08:48:07\s+Windows\s+set_key_value\s+run_key_persistence\s+reg\.exe \(9036\)'
        $text | Should -Match ([regex]::Escape('HKCU\Run [Updater]'))
    }

    It 'shows control characters of event strings escaped, in the table and in the list' {
        $event = $crafted | Get-CsmEvent
        $event.Process.Comm | Should -BeExactly ('sh' + $escape + '[2J')
        foreach ($text in @(($event | Format-Table | Out-String -Width 300), ($event | Format-List | Out-String -Width 300))) {
            $text | Should -Not -Match $escape
            $text | Should -Match ([regex]::Escape('sh\x1b[2J'))
        }
    }

    It 'adds the extended members users expect' {
        $event = $linux | Get-CsmEvent
        $event.Time | Should -Be $event.Timestamp
        $event.ProcessName | Should -Be 'kswapd0'
        $event.ProcessId | Should -Be 24311
        ($event | Get-Member -Name CommandLine, User).Count | Should -Be 2
    }
}

Describe 'Get-CsmEvent tab completion' {
    It 'completes event types' {
        $line = 'Get-CsmEvent -EventType set_k'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('set_key_value')
    }

    It 'completes categories, quoted' {
        $line = 'Get-CsmEvent -Category Proc'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @("'Process Activity'")
    }

    It 'completes outcomes' {
        $line = 'Get-CsmEvent -Outcome Re'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Refused')
    }
}

Describe 'Get-CsmEvent documented examples' -Skip:(-not $samplesPresent) {
    BeforeAll {
        Push-Location $script:RepoRoot
    }

    AfterAll {
        Pop-Location
    }

    It 'Example 1: two registry writes in the Windows incident' {
        (Get-CsmEvent -Path samples/windows/incident-ws01.jsonl -EventType set_key_value).RuleId | Should -Be @('office_macro_enabled', 'run_key_persistence')
    }

    It 'Example 2: network events of a time window in the gzip file' {
        $events = Get-CsmEvent samples/linux/incident-web01.jsonl.gz -After '2025-06-03T09:41:00Z' -Before '2025-06-03T09:42:00Z' -Category 'Network Activity'
        $events.EventType | Should -Be @('dns', 'connect', 'dns', 'connect', 'connect')
    }

    It 'Example 3: refused and failed events through Get-ChildItem' {
        (Get-ChildItem samples/linux/*.jsonl | Get-CsmEvent -Outcome Refused, Error).Outcome | Should -Be @('Error', 'Refused')
    }

    It 'Example 4: pipeline lines, first two matches' {
        (Get-Content samples/windows/incident-ws01.jsonl | Get-CsmEvent -RuleId '*public*' | Select-Object -First 2).RuleId | Should -Be @('script_dropped_in_public', 'script_written_in_public')
    }

    It 'Example 5: Datadog page' {
        $events = Get-CsmEvent samples/datadog/logs-search-page.json | Select-Object -First 3
        $events.HostName | Should -Be @('web-01', 'web-01', 'web-01')
        $events.RuleId | Should -Be @('shell_spawned_by_webserver', 'net_util_spawned_by_webserver', 'exec_from_tmp')
    }

    It 'Example 6: Windows events of all samples by type' {
        $groups = Get-CsmEvent samples -Recurse -Platform Windows | Group-Object EventType | Sort-Object Count -Descending | Select-Object -First 3
        $groups.Name | Should -Be @('exec', 'exit', 'set_key_value')
        $groups.Count | Should -Be @(8, 6, 3)
    }

    It 'Example 7: a bad record is one error' {
        $titles = '{"title":"ok"}', '{"title":' | Get-CsmEvent -ErrorVariable bad -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Title
        $titles | Should -Be 'ok'
        $bad[0].FullyQualifiedErrorId | Should -Be "InvalidJson,$class"
        $bad[0].Exception.Message | Should -BeExactly '<pipeline>:2: invalid JSON: the record ends before its value is complete (truncated?)'
    }
}
