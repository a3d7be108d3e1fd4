#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $scenarios = @(Get-CsmScenario -Command 'ConvertTo-CsmEvent')
    $samplesPresent = Test-Path -LiteralPath (Join-Path $script:SamplesFolder 'datadog/logs-search-page.json')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $class = 'CsmEvents.Commands.ConvertToCsmEventCommand'
}

Describe 'ConvertTo-CsmEvent replays the shared scenarios' {
    It 'objects from ConvertFrom-Json, <Name>: <Description>' -ForEach $scenarios {
        $output = @($Scenario.input.objects | ConvertTo-CsmEvent -ErrorVariable errors -ErrorAction SilentlyContinue)
        Assert-ScenarioResult -Scenario $Scenario -Output $output -Errors $errors -CommandClass $class -FilePath ''
    }

    It 'dictionaries from ConvertFrom-Json -AsHashtable, <Name>' -ForEach $scenarios -Skip:($PSVersionTable.PSVersion -lt [version]'7.3') {
        $objects = (Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json -AsHashtable).input.objects
        $output = @($objects | ConvertTo-CsmEvent -ErrorVariable errors -ErrorAction SilentlyContinue)
        Assert-ScenarioResult -Scenario $Scenario -Output $output -Errors $errors -CommandClass $class -FilePath ''
    }
}

Describe 'ConvertTo-CsmEvent inputs' {
    It 'builds an event from a hashtable, members in name order' {
        $event = ConvertTo-CsmEvent @{
            title = 'Shadow file read'
            agent = @{ rule_id = 'shadow_file_read'; os = 'linux' }
            evt   = @{ name = 'open'; category = 'File Activity'; outcome = 'Refused' }
            date  = '2025-06-03T09:41:15.5Z'
            file  = @{ path = '/etc/shadow' }
        }
        $event | ConvertFrom-CsmEvent | Should -BeExactly '{"agent":{"os":"linux","rule_id":"shadow_file_read"},"date":"2025-06-03T09:41:15.5Z","evt":{"category":"File Activity","name":"open","outcome":"Refused"},"file":{"path":"/etc/shadow"},"title":"Shadow file read"}'
        $event.Platform | Should -Be 'Linux'
        $event.Target | Should -Be '/etc/shadow'
    }

    It 'keeps the order of ordered dictionaries and PSCustomObjects' {
        [ordered]@{ title = 't'; agent = [ordered]@{ rule_id = 'r' } } | ConvertTo-CsmEvent | ConvertFrom-CsmEvent | Should -BeExactly '{"title":"t","agent":{"rule_id":"r"}}'
        [pscustomobject]@{ title = 't'; agent = [pscustomobject]@{ rule_id = 'r' } } | ConvertTo-CsmEvent | ConvertFrom-CsmEvent | Should -BeExactly '{"title":"t","agent":{"rule_id":"r"}}'
    }

    It 'writes DateTime values as RFC 3339 text' {
        $when = [datetime]::new(2025, 6, 3, 9, 41, 7, [DateTimeKind]::Utc).AddTicks(4841209)
        @{ title = 't'; date = $when } | ConvertTo-CsmEvent | ConvertFrom-CsmEvent | Should -BeExactly '{"date":"2025-06-03T09:41:07.4841209Z","title":"t"}'
    }

    It 'converts deep objects completely' {
        $value = 'leaf'
        foreach ($i in 1..100) { $value = @{ level = $value } }
        $json = @{ custom = $value } | ConvertTo-CsmEvent | ConvertFrom-CsmEvent
        ([regex]::Matches($json, '"level"')).Count | Should -Be 100
        $json | Should -Match '"leaf"'
    }

    It 'reports a hashtable that contains itself as NestingTooDeep' {
        $loop = @{ title = 'loop' }
        $loop.self = $loop
        { $loop | ConvertTo-CsmEvent -ErrorAction Stop } | Should -Throw -ErrorId "NestingTooDeep,$class"
    }

    It 'reports values with no JSON form as UnsupportedValue, naming where they are' {
        $file = Get-Item -LiteralPath $PSCommandPath
        $null = @{ title = 't'; process = @{ executable = $file } } | ConvertTo-CsmEvent -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be "UnsupportedValue,$class"
        $errors[0].Exception.Message | Should -BeExactly '<input 1>: the value at process.executable is a System.IO.FileInfo, which has no JSON form (use a string, number, boolean, date, array, hashtable or PSCustomObject)'
        $errors[0].TargetObject | Should -Not -BeNullOrEmpty
    }

    It 'reports inputs that are no objects and converts the others' {
        $titles = 42, @{ title = 'ok' } | ConvertTo-CsmEvent -ErrorVariable errors -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Title
        $titles | Should -Be 'ok'
        $errors[0].FullyQualifiedErrorId | Should -Be "NotAnObject,$class"
        $errors[0].Exception.Message | Should -BeExactly '<input 1>: the value is a number (Int32), not an object; an event is JSON text, a hashtable, a PSCustomObject or a CsmEvent'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'passes CsmEvents through as the same objects' {
        $event = '{"title":"t"}' | ConvertTo-CsmEvent
        [object]::ReferenceEquals(($event | ConvertTo-CsmEvent), $event) | Should -BeTrue
    }

    It 'takes an array given as -InputObject element by element' {
        $events = @(ConvertTo-CsmEvent -InputObject @(@{ title = 'a' }, '{"title":"b"}'))
        $events.Title | Should -Be @('a', 'b')
        $events[0].Source.Path | Should -Be '<input 1>[0]'
    }

    It 'reads a pretty-printed event sent line by line' {
        $text = @('{', '  "title": "multi",', '  "agent": { "rule_id": "r" }', '}')
        ($text | ConvertTo-CsmEvent | ConvertFrom-CsmEvent) | Should -BeExactly '{"title":"multi","agent":{"rule_id":"r"}}'
    }
}

Describe 'ConvertTo-CsmEvent documented examples' -Skip:(-not $samplesPresent) {
    BeforeAll { Push-Location $script:RepoRoot }
    AfterAll { Pop-Location }

    It 'Example 2: a Datadog page read with ConvertFrom-Json' {
        $page = Get-Content samples/datadog/logs-search-page.json -Raw | ConvertFrom-Json
        $events = $page | ConvertTo-CsmEvent | Select-Object -First 2
        $events.HostName | Should -Be @('web-01', 'web-01')
        $events.RuleId | Should -Be @('shell_spawned_by_webserver', 'net_util_spawned_by_webserver')
        $events.ProcessName | Should -Be @('sh', 'curl')
        @($page.data | ConvertTo-CsmEvent).Count | Should -Be 8
    }

    It 'Example 4: a pretty-printed event line by line' {
        $event = Get-Content samples/windows/single-event.json | ConvertTo-CsmEvent
        $event.RuleId | Should -Be 'run_key_persistence'
        $event.ProcessName | Should -Be 'reg.exe'
        $event.ProcessId | Should -Be 9036
    }
}
