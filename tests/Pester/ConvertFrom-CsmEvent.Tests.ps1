#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $scenarios = @(Get-CsmScenario -Command 'ConvertFrom-CsmEvent')
    $samplesPresent = Test-Path -LiteralPath (Join-Path $script:SamplesFolder 'linux/newer-agent.jsonl')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $class = 'CsmEvents.Commands.ConvertFromCsmEventCommand'
}

Describe 'ConvertFrom-CsmEvent replays the shared scenarios' {
    It '<Name>: <Description>' -ForEach $scenarios {
        $events = @($Scenario.input.lines | ConvertTo-CsmEvent)
        $parameters = ConvertTo-ParameterTable $Scenario.parameters
        $output = @($events | ConvertFrom-CsmEvent @parameters -ErrorVariable errors -ErrorAction SilentlyContinue)
        Assert-ScenarioResult -Scenario $Scenario -Output $output -Errors $errors -CommandClass $class -FilePath ''
    }
}

Describe 'ConvertFrom-CsmEvent' {
    It 'writes JSON lines that read back into the same events' {
        $lines = '{"title":"a","n":12345678901234567890}', '{"title":"b","date":"2025-06-03T09:41:07.484120966+02:00"}'
        $file = Join-Path $TestDrive 'out.jsonl'
        $lines | ConvertTo-CsmEvent | ConvertFrom-CsmEvent | Set-Content -LiteralPath $file -Encoding utf8
        Get-CsmEvent -LiteralPath $file | ConvertFrom-CsmEvent | Should -Be $lines
    }

    It 'writes an edited property with its new value' {
        $event = '{"title":"old","process":{"pid":1}}' | ConvertTo-CsmEvent
        $event.Title = 'new'
        $event.Process.Pid = 2
        $event | ConvertFrom-CsmEvent | Should -BeExactly '{"title":"new","process":{"pid":2}}'
    }

    It 'writes values PowerShell stored wrapped (Get-Date, PSCustomObject) as their JSON form' {
        $event = '{"title":"t"}' | ConvertTo-CsmEvent
        $event.AdditionalProperties['seen'] = Get-Date -Date '2025-06-04T01:02:03Z'
        $event.AdditionalProperties['note'] = [pscustomobject]@{ by = 'alice'; tags = @('x') }
        $event | ConvertFrom-CsmEvent | Should -Match '^\{"title":"t","seen":"2025-06-0[34]T[0-9:.]+(Z|[+-]\d\d:\d\d)","note":\{"by":"alice","tags":\["x"\]\}\}$'
    }

    It 'reports a value with no JSON form and writes the next event' {
        $bad = '{"title":"bad"}' | ConvertTo-CsmEvent
        $bad.AdditionalProperties['file'] = Get-Item -LiteralPath $PSCommandPath
        $good = '{"title":"good"}' | ConvertTo-CsmEvent
        $output = @($bad, $good | ConvertFrom-CsmEvent -ErrorVariable errors -ErrorAction SilentlyContinue)
        $output | Should -Be @('{"title":"good"}')
        $errors[0].FullyQualifiedErrorId | Should -Be "UnsupportedValue,$class"
        [object]::ReferenceEquals($errors[0].TargetObject, $bad) | Should -BeTrue
    }

    It 'writes indented JSON with -Indented' {
        ('{"agent":{"rule_id":"r"}}' | ConvertTo-CsmEvent | ConvertFrom-CsmEvent -Indented) -replace "`r`n", "`n" | Should -BeExactly "{`n  `"agent`": {`n    `"rule_id`": `"r`"`n  }`n}"
    }
}

Describe 'ConvertFrom-CsmEvent documented examples' -Skip:(-not $samplesPresent) {
    BeforeAll { Push-Location $script:RepoRoot }
    AfterAll { Pop-Location }

    It 'Example 1: six exec events saved as JSON lines' {
        $file = Join-Path $TestDrive 'execs.jsonl'
        Get-CsmEvent samples/windows/incident-ws01.jsonl -EventType exec | ConvertFrom-CsmEvent | Set-Content -LiteralPath $file
        (Get-Content -LiteralPath $file).Count | Should -Be 6
        @(Get-CsmEvent -LiteralPath $file).Count | Should -Be 6
    }

    It 'Example 2: the indented text of single-event.json is the file' {
        $text = Get-CsmEvent samples/windows/single-event.json | ConvertFrom-CsmEvent -Indented
        ($text -replace "`r`n", "`n") | Should -BeExactly ((Get-Content samples/windows/single-event.json -Raw) -replace "`r`n", "`n").TrimEnd("`n")
    }

    It 'Example 4: reading and writing the newer agent file changes nothing' {
        $written = Get-CsmEvent samples/linux/newer-agent.jsonl | ConvertFrom-CsmEvent
        Compare-Object (Get-Content samples/linux/newer-agent.jsonl) $written | Should -BeNullOrEmpty
    }
}
