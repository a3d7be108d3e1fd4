#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $scenarios = @(Get-CsmScenario -Command 'Test-CsmEvent')
    $fileScenarios = @($scenarios | Where-Object { $_.Scenario.input.mode -eq 'file' })
    $pipelineScenarios = @($scenarios | Where-Object { $_.Scenario.input.mode -eq 'pipeline' })
    $eventScenarios = @($scenarios | Where-Object { $_.Scenario.input.mode -eq 'events' })
    $samplesPresent = Test-Path -LiteralPath (Join-Path $script:SamplesFolder 'windows/incident-ws01.jsonl')
    $linuxSchema = Join-Path $script:RepoRoot '../shared/datadog-agent-schemas/backend_linux.schema.json'
    $linuxSchemaPresent = Test-Path -LiteralPath $linuxSchema
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $class = 'CsmEvents.Commands.TestCsmEventCommand'
    $valid = '{"agent":{"rule_id":"run_key_persistence","os":"windows"},"title":"Run key","evt":{"name":"set_key_value","category":"File Activity"},"date":"2025-06-03T08:48:07.4411532Z","process":{"pid":9036,"executable":{"name":"reg.exe"},"cmdline":"reg.exe add Run"},"registry":{"key_path":"HKCU\\Run","value_name":"Updater"}}'
    $invalid = '{"agent":{"rule_id":"run_key_persistence","os":"windows"},"title":"Run key","evt":{"name":"set_key_value","category":5},"date":"2025-06-03T08:48:07.4411532Z","process":{"pid":9036}}'
}

Describe 'Test-CsmEvent replays the shared scenarios' {
    It 'file scenario <Name>: <Description>' -ForEach $fileScenarios {
        $path = New-ScenarioFile -Folder $TestDrive -FileName $Scenario.input.fileName -Lines @($Scenario.input.lines)
        $parameters = ConvertTo-ParameterTable $Scenario.parameters
        $output = @(Test-CsmEvent -Path $path @parameters -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)
        Assert-ScenarioResult -Scenario $Scenario -Output $output -Errors $errors -Warnings $warnings -CommandClass $class -FilePath $path
    }

    It 'pipeline scenario <Name>: <Description>' -ForEach $pipelineScenarios {
        $parameters = ConvertTo-ParameterTable $Scenario.parameters
        $output = @($Scenario.input.lines | Test-CsmEvent @parameters -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)
        Assert-ScenarioResult -Scenario $Scenario -Output $output -Errors $errors -Warnings $warnings -CommandClass $class -FilePath '<pipeline>'
    }

    It 'event scenario <Name>: <Description>' -ForEach $eventScenarios {
        $parameters = ConvertTo-ParameterTable $Scenario.parameters
        $output = @($Scenario.input.lines | Get-CsmEvent | Test-CsmEvent @parameters -ErrorVariable errors -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)
        Assert-ScenarioResult -Scenario $Scenario -Output $output -Errors $errors -Warnings $warnings -CommandClass $class -FilePath '<pipeline>'
    }
}

Describe 'Test-CsmEvent binding' {
    BeforeAll {
        $folder = Join-Path $TestDrive 'events'
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        $first = New-ScenarioFile -Folder $folder -FileName 'a.jsonl' -Lines @($valid, $invalid)
        $second = New-ScenarioFile -Folder $folder -FileName 'b[1].jsonl' -Lines @($valid)
    }

    It 'binds Get-ChildItem output to -LiteralPath, not to -InputObject' {
        $results = @(Get-ChildItem -LiteralPath $folder -Filter *.jsonl | Test-CsmEvent -Detailed)
        $results.IsValid | Should -Be @($true, $false, $true)
        $results[2].Source.Path | Should -Be $second
    }

    It 'runs the scheduled-job line of the issue' {
        $bad = @(Get-ChildItem $folder -Filter *.jsonl | Test-CsmEvent -Detailed | Where-Object { -not $_.IsValid })
        $bad.Count | Should -Be 1
        $bad[0].Source.ToString() | Should -Be "${first}:2"
        $bad[0].Errors[0].InstancePath | Should -Be '/evt/category'
    }

    It 'treats piped strings as event text, even from Get-Content (which carries PSPath)' {
        @(Get-Content -LiteralPath $first | Test-CsmEvent) | Should -Be @($true, $false)
        @($first | Test-CsmEvent -ErrorVariable errors -ErrorAction SilentlyContinue).Count | Should -Be 0
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "NotJson,$class"
    }

    It 'validates CsmEvent objects with the verdict of their file and keeps their source' {
        $fromFile = @(Test-CsmEvent -LiteralPath $first -Detailed)
        $fromEvents = @(Get-CsmEvent -LiteralPath $first | Test-CsmEvent -Detailed)
        $fromEvents.IsValid | Should -Be $fromFile.IsValid
        ($fromEvents | ForEach-Object { $_.Source.ToString() }) | Should -Be ($fromFile | ForEach-Object { $_.Source.ToString() })
        $fromEvents[1].Errors[0].Message | Should -BeExactly $fromFile[1].Errors[0].Message
    }

    It 'takes an array of events through -InputObject' {
        $events = @(Get-CsmEvent -LiteralPath $first)
        Test-CsmEvent -InputObject $events | Should -Be @($true, $false)
    }

    It 'refuses objects that are neither events nor text when binding' {
        { Test-CsmEvent -InputObject @{ title = 'x' } -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,CsmEvents.Commands.TestCsmEventCommand'
        $null = 42 | Test-CsmEvent -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be 'InputObjectNotBound,CsmEvents.Commands.TestCsmEventCommand'
    }

    It 'writes no error for invalid events, and PathNotFound for a missing file' {
        @($invalid | Test-CsmEvent -ErrorVariable errors) | Should -Be @($false)
        $errors.Count | Should -Be 0
        { Test-CsmEvent -Path (Join-Path $TestDrive 'missing.jsonl') -ErrorAction Stop } | Should -Throw -ErrorId "PathNotFound,$class"
    }
}

Describe 'Test-CsmEvent schemas' {
    It 'stops with UnknownSchema for an unknown -Schema' {
        { $valid | Test-CsmEvent -Schema macos } | Should -Throw -ErrorId "UnknownSchema,$class"
    }

    It 'stops with SchemaLoadFailed for a missing or malformed -SchemaPath, before reading' {
        { $valid | Test-CsmEvent -SchemaPath (Join-Path $TestDrive 'none.schema.json') } | Should -Throw -ErrorId "SchemaLoadFailed,$class"
        $broken = New-ScenarioFile -Folder $TestDrive -FileName 'broken.schema.json' -Lines @('{"type": ')
        { $valid | Test-CsmEvent -SchemaPath $broken } | Should -Throw -ErrorId "SchemaLoadFailed,$class"
    }

    It 'resolves -SchemaPath from the PowerShell location' {
        (Get-CsmSchema windows).Text | Set-Content -LiteralPath (Join-Path $TestDrive 'windows.schema.json')
        Push-Location $TestDrive
        try { @($valid, $invalid | Test-CsmEvent -SchemaPath ./windows.schema.json) | Should -Be @($true, $false) }
        finally { Pop-Location }
    }

    It 'completes schema names' {
        $line = 'Test-CsmEvent -Schema w'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('windows')
        $line = 'Test-CsmEvent -Schema '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('auto', 'windows', 'linux', 'base')
    }

    It 'shows -Detailed results as a table with the first error' {
        if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
        $text = $invalid | Test-CsmEvent -Detailed | Format-Table | Out-String -Width 200
        $text | Should -Match 'Valid\s+Source\s+Schema\s+RuleId\s+Errors\s+FirstError'
        $text | Should -Match ([regex]::Escape('/evt/category: expected string, got integer 5'))
    }
}

Describe 'Test-CsmEvent stopping' {
    BeforeAll {
        $lines = foreach ($i in 1..20000) { $valid }
        $big = New-ScenarioFile -Folder $TestDrive -FileName 'big.jsonl' -Lines $lines
    }

    It 'stops reading under Select-Object -First and releases the file' {
        @(Test-CsmEvent -Path $big | Select-Object -First 2) | Should -Be @($true, $true)
        Remove-Item -LiteralPath $big
        Test-Path -LiteralPath $big | Should -BeFalse
    }
}

Describe 'Test-CsmEvent documented examples' -Skip:(-not $samplesPresent) {
    BeforeAll { Push-Location $script:RepoRoot }
    AfterAll { Pop-Location }

    It 'Example 1: the Windows incident is valid' {
        $groups = @(Test-CsmEvent -Path samples/windows/incident-ws01.jsonl | Group-Object)
        $groups.Name | Should -Be @('True')
        $groups[0].Count | Should -Be 24
    }

    It 'Example 2: the scheduled job reports the current Linux events as not validated' {
        $bad = @(Get-ChildItem samples -Recurse -Filter *.jsonl | Test-CsmEvent -Detailed -WarningVariable warned -WarningAction SilentlyContinue | Where-Object { -not $_.IsValid })
        $bad.Count | Should -Be 34
        $bad[0].RuleId | Should -Be 'cron_job_exec'
        $warned.Count | Should -Be 1
    }

    It 'Example 3: current Linux events with the schema file' -Skip:(-not $linuxSchemaPresent) {
        $schema = Join-Path $script:RepoRoot '../shared/datadog-agent-schemas/backend_linux.schema.json'
        $groups = @(Test-CsmEvent samples/linux/incident-web01.jsonl -SchemaPath $schema | Group-Object)
        $groups.Name | Should -Be @('True')
        $groups[0].Count | Should -Be 31
        $errors = @(Test-CsmEvent samples/linux/newer-agent.jsonl -SchemaPath $schema -Detailed | Select-Object -ExpandProperty Errors)
        $errors[0].InstancePath | Should -Be '/agent'
        $errors[1].InstancePath | Should -Be '/process/parent'
        Test-CsmEvent samples/linux/newer-agent.jsonl -SchemaPath $schema -IgnoreAdditionalProperties | Should -Be @($true, $true, $true)
    }

    It 'Example 4: events in the pipeline pick the old Linux and base schemas' {
        $results = @(Get-CsmEvent samples/linux-legacy/events.jsonl, samples/base/events.jsonl | Test-CsmEvent -Detailed)
        $results.Schema | Should -Be @('linux', 'linux', 'linux', 'linux', 'linux', 'base', 'base', 'base')
        ($results | Where-Object { -not $_.IsValid }).Count | Should -Be 0
    }

    It 'Example 5: JSON text with -Schema windows' {
        $errors = '{"agent":{"rule_id":"r","os":"windows"},"title":"t","evt":{"name":"exec","category":5},"date":"2025-06-03T08:48:07Z"}' | Test-CsmEvent -Schema windows -Detailed | Select-Object -ExpandProperty Errors
        $errors.Message | Should -Be 'expected string, got integer 5'
    }
}
