#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $fileScenarios = @(Get-CsmScenario -Command 'Get-CsmEvent' | Where-Object { $_.Scenario.input.mode -eq 'file' })
    $pipelineScenarios = @(Get-CsmScenario -Command 'Get-CsmEvent' | Where-Object { $_.Scenario.input.mode -eq 'pipeline' })
    $datadogScenarios = @(Get-CsmScenario -Command 'Get-CsmEvent' | Where-Object { $_.Scenario.input.mode -eq 'datadog' })
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

Describe 'Get-CsmEvent -Query (Datadog Logs API)' {
    BeforeAll {
        # Keys the stub accepts; distinctive so that a leak into any output shows.
        $apiKey = ConvertTo-SecureString 'stubApiKeySECRET0001' -AsPlainText -Force
        $appKey = ConvertTo-SecureString 'stubAppKeySECRET0001' -AsPlainText -Force
    }

    It 'datadog scenario <Name>: <Description>' -ForEach $datadogScenarios {
        # Pages are JSON text in the scenario: served byte for byte, as Datadog would.
        $stub = Start-DatadogStub -Pages @($Scenario.input.pages)
        try {
            $parameters = ConvertTo-ParameterTable $Scenario.parameters
            $output = @(Get-CsmEvent @parameters -ApiUrl $stub.Url -ApiKey $apiKey -ApplicationKey $appKey -ErrorVariable errors -ErrorAction SilentlyContinue -Verbose 4>&1)
            $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            $events = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
            Assert-ScenarioResult -Scenario $Scenario -Output $events -Errors $errors -CommandClass $class -FilePath ''
            $bodies = @($stub.Requests.ToArray() | ForEach-Object { $_ | ConvertFrom-Json })
            $bodies.Count | Should -Be @($Scenario.expected.requests).Count
            for ($i = 0; $i -lt $bodies.Count; $i++) {
                $bodies[$i].filter.query | Should -BeExactly @($Scenario.expected.requests)[$i].query
                $bodies[$i].filter.from | Should -BeExactly @($Scenario.expected.requests)[$i].from
                $bodies[$i].page.cursor | Should -Be @($Scenario.expected.requests)[$i].cursor
            }
            ($verbose.Message -join "`n") | Should -Not -Match 'SECRET'
        }
        finally {
            Stop-DatadogStub $stub
        }
    }

    It 'accepts dates and date math for -From and -To' {
        $page = '{"data":[],"meta":{"page":{},"status":"done"}}'
        $stub = Start-DatadogStub -Pages @($page, $page)
        try {
            Get-CsmEvent -Query '' -From (Get-Date '2025-06-03T09:00:00Z').ToUniversalTime() -To 'now' -ApiUrl $stub.Url -ApiKey $apiKey -ApplicationKey $appKey
            Get-CsmEvent -Query '' -From now-6h -ApiUrl $stub.Url -ApiKey $apiKey -ApplicationKey $appKey
            # The request bodies as sent: ConvertFrom-Json in PowerShell 7 would turn the date text into a DateTime.
            $bodies = @($stub.Requests.ToArray())
            $bodies[0] | Should -Match '"from":"2025-06-03T09:00:00\.000Z"'
            $bodies[1] | Should -Match '"from":"now-6h"'
        }
        finally {
            Stop-DatadogStub $stub
        }
    }

    It 'stops with DatadogConfiguration when no key is set, naming the parameters and never a value' {
        $saved = @{ DD_API_KEY = $env:DD_API_KEY; DD_APP_KEY = $env:DD_APP_KEY; DD_APPLICATION_KEY = $env:DD_APPLICATION_KEY }
        try {
            $env:DD_API_KEY = $null; $env:DD_APP_KEY = $null; $env:DD_APPLICATION_KEY = $null
            { Get-CsmEvent -Query 'x' -ApiUrl 'http://localhost:9/' } | Should -Throw -ErrorId "DatadogConfiguration,$class"
            try { Get-CsmEvent -Query 'x' -ApiUrl 'http://localhost:9/' } catch { $message = $_.Exception.Message }
            $message | Should -Match '-ApiKey'
            $message | Should -Match 'DD_APP_KEY'
            { Get-CsmEvent -Query 'x' -From now -To now-1h -ApiKey $apiKey -ApplicationKey $appKey -ApiUrl 'http://localhost:9/' } | Should -Throw -ErrorId "DatadogConfiguration,$class"
        }
        finally {
            foreach ($name in $saved.Keys) { Set-Item -Path "Env:$name" -Value $saved[$name] -ErrorAction SilentlyContinue }
        }
    }

    It 'refuses a bad -From at binding' {
        { Get-CsmEvent -Query 'x' -From 'yesterday' } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,CsmEvents.Commands.GetCsmEventCommand'
    }

    It 'writes DatadogNetworkError (no key in the message) when the API cannot be reached' {
        $stub = Start-DatadogStub -Pages @()
        Stop-DatadogStub $stub
        # Nothing listens any more: the request fails to connect.
        $null = Get-CsmEvent -Query 'x' -ApiUrl $stub.Url -ApiKey $apiKey -ApplicationKey $appKey -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be "DatadogNetworkError,$class"
        $failed[0].Exception.Message | Should -Not -Match 'SECRET'
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
        # A file name is text without JSON: one NotJson error for the whole pipeline text.
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "NotJson,$class"
        $errors[0].Exception.Message | Should -BeLike '<pipeline>:1: not JSON events: the input begins with "*'
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

Describe 'Get-CsmEvent -InputEvent (event objects from the pipeline)' {
    BeforeAll {
        $events = @($windows, $linux | Get-CsmEvent)
    }

    It 'filters piped events and passes on the same objects, without errors' {
        $refused = @($events | Get-CsmEvent -Outcome Refused -ErrorVariable errors)
        $errors.Count | Should -Be 0
        $refused.Count | Should -Be 1
        [object]::ReferenceEquals($refused[0], $events[1]) | Should -BeTrue
        $refused[0].RuleId | Should -Be 'shadow_file_read'
    }

    It 'binds event objects to -InputEvent and file objects still to -LiteralPath' {
        $path = New-ScenarioFile -Folder $TestDrive -FileName 'one.jsonl' -Lines @($windows)
        (@(Get-Item -LiteralPath $path | Get-CsmEvent)).RuleId | Should -Be 'run_key_persistence'
        (@($events | Get-CsmEvent -Platform Windows)).RuleId | Should -Be 'run_key_persistence'
        (@(Get-CsmEvent -InputEvent $events -EventType open)).RuleId | Should -Be 'shadow_file_read'
    }

    It 'counts piped events in the verbose total' {
        $verbose = @($events | Get-CsmEvent -EventType open -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose[-1].Message | Should -Be 'Done: 2 records, 0 bad, 1 event written.'
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
        $text | Should -Match 'Time \(UTC\)\s+Host\s+EventType\s+RuleId\s+Process\s+Outcome\s+Target'
        $text | Should -Match '2025-06-03 08:48:07\s+set_key_value\s+run_key_persistence\s+reg\.exe \(9036\)'
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
        @($groups | ForEach-Object Count) | Should -Be @(8, 6, 3)
    }

    It 'Example 7: a bad record is one error' {
        $titles = '{"title":"ok"}', '{"title":' | Get-CsmEvent -ErrorVariable bad -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Title
        $titles | Should -Be 'ok'
        $bad[0].FullyQualifiedErrorId | Should -Be "InvalidJson,$class"
        $bad[0].Exception.Message | Should -BeExactly '<pipeline>:2: invalid JSON: the record ends before its value is complete (truncated?)'
    }
}
