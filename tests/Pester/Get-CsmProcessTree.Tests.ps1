#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $scenarios = @(Get-CsmScenario -Command 'Get-CsmProcessTree')
    $fileScenarios = @($scenarios | Where-Object { $_.Scenario.input.mode -eq 'file' })
    $eventScenarios = @($scenarios | Where-Object { $_.Scenario.input.mode -eq 'events' })
    $samplesPresent = Test-Path -LiteralPath (Join-Path $script:SamplesFolder 'linux/incident-web01.jsonl')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $class = 'CsmEvents.Commands.GetCsmProcessTreeCommand'
    if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
}

Describe 'Get-CsmProcessTree replays the shared scenarios' {
    It 'file scenario <Name>: <Description>' -ForEach $fileScenarios {
        $path = New-ScenarioFile -Folder $TestDrive -FileName $Scenario.input.fileName -Lines @($Scenario.input.lines)
        $parameters = ConvertTo-ParameterTable $Scenario.parameters
        $output = @(Get-CsmProcessTree -Path $path @parameters -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)
        Assert-ScenarioResult -Scenario $Scenario -Output $output -Errors $errors -Warnings $warnings -CommandClass $class -FilePath $path
    }

    It 'event scenario <Name>: <Description>' -ForEach $eventScenarios {
        $parameters = ConvertTo-ParameterTable $Scenario.parameters
        $output = @($Scenario.input.lines | Get-CsmEvent | Get-CsmProcessTree @parameters -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)
        Assert-ScenarioResult -Scenario $Scenario -Output $output -Errors $errors -Warnings $warnings -CommandClass $class -FilePath '<pipeline>'
    }
}

Describe 'Get-CsmProcessTree' -Skip:(-not $samplesPresent) {
    BeforeAll {
        $incident = Join-Path $script:SamplesFolder 'linux/incident-web01.jsonl'
        $lines = Get-Content -LiteralPath $incident
    }

    It 'gives the same tree from pipeline events, -Path and Get-ChildItem' {
        $fromPath = @(Get-CsmProcessTree -Path $incident -Name curl -Ancestry -AsText)
        @(Get-CsmEvent -Path $incident | Get-CsmProcessTree -Name curl -Ancestry -AsText) | Should -Be $fromPath
        @(Get-Item -LiteralPath $incident | Get-CsmProcessTree -Name curl -Ancestry -AsText) | Should -Be $fromPath
        $fromPath[0] | Should -Be "host: $incident"
    }

    It 'reads a file once when piped Get-Content lines bind -LiteralPath through PSPath' {
        $nodes = @($lines | Get-CsmProcessTree -Name curl)
        $nodes[0].EventCount | Should -Be 5
    }

    It 'draws the tree in the table view, grouped by host' {
        $text = Get-CsmProcessTree -Path $incident -Name curl -Ancestry | Format-Table | Out-String -Width 250
        $text | Should -Match 'Host: '
        $text | Should -Match 'Start \(UTC\)\s+Pid\s+User\s+Process'
        $text | Should -Match ([regex]::Escape('└─ curl (24313)'))
    }

    It 'writes one document with -Format' {
        $dot = @(Get-CsmProcessTree -Path $incident -Name curl -Format Dot)
        $dot.Count | Should -Be 1
        $dot[0] | Should -Match '^digraph'
        (Get-CsmProcessTree -Path $incident -Name curl -Format Json | ConvertFrom-Json) | Should -Not -BeNullOrEmpty
    }

    It 'stops with InvalidParameterValue for -AsText with -Format, or a bad pattern' {
        { Get-CsmProcessTree -Path $incident -AsText -Format Dot } | Should -Throw -ErrorId "InvalidParameterValue,$class"
        { Get-CsmProcessTree -Path $incident -Name '[' } | Should -Throw -ErrorId "InvalidParameterValue,$class"
    }

    It 'refuses a negative -Depth and an unknown -Format at binding' {
        { Get-CsmProcessTree -Path $incident -Depth -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CsmEvents.Commands.GetCsmProcessTreeCommand'
        { Get-CsmProcessTree -Path $incident -Format Svg } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CsmEvents.Commands.GetCsmProcessTreeCommand'
    }

    It 'keeps the events on the nodes with -IncludeEvents' {
        $curl = Get-CsmProcessTree -Path $incident -Name curl -IncludeEvents | Select-Object -First 1
        $curl.Events.Count | Should -Be 5
        $curl.Events[0] | Should -BeOfType ([CsmEvents.Model.CsmEvent])
    }

    It 'writes PathNotFound for a missing file' {
        { Get-CsmProcessTree -Path (Join-Path $TestDrive 'none.jsonl') -ErrorAction Stop } | Should -Throw -ErrorId "PathNotFound,$class"
    }
}

Describe 'Get-CsmProcessTree documented examples' -Skip:(-not $samplesPresent) {
    BeforeAll { Push-Location $script:RepoRoot }
    AfterAll { Pop-Location }

    It 'Example 1: the lineage of curl (the issue line)' {
        $lines = @(Get-CsmEvent samples/linux/incident-web01.jsonl -After '2025-06-03T09:00Z' | Get-CsmProcessTree -Name curl -Ancestry -AsText)
        $lines.Count | Should -Be 9
        $lines[1] | Should -Be 'systemd (1): /sbin/init'
        $lines[-1] | Should -BeLike '*curl (24313) `[exec, selected`] 5 events: curl -fsSL*'
    }

    It 'Example 2: nodes of the gzip file' {
        $last = @(Get-CsmProcessTree samples/linux/incident-web01.jsonl.gz -Name curl -Ancestry | Select-Object -Last 2)
        $last.Name | Should -Be @('sh', 'curl')
        $last[1].EventCount | Should -Be 5
        $last[0].FlagNames | Should -Be @('thread')
        $last[1].FlagNames | Should -Be @('exec', 'selected')
    }

    It 'Example 3: what powershell.exe started' {
        $lines = @(Get-CsmEvent samples/windows/incident-ws01.jsonl | Get-CsmProcessTree -ProcessId 8164 -AsText)
        $lines[1] | Should -BeLike 'powershell.exe (8164) `[selected`] 6 events:*'
        $lines.Count | Should -Be 5
    }

    It 'Example 4: Mermaid' {
        $file = Join-Path $TestDrive 'curl.mmd'
        Get-CsmProcessTree samples/linux/incident-web01.jsonl -Name curl -Ancestry -Format Mermaid | Set-Content $file
        Get-Content $file -TotalCount 1 | Should -Be 'flowchart TD'
    }
}
