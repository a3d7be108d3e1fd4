#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $scenarios = @(Get-CsmScenario -Command 'Test-CsmEvent')
    $fileScenarios = @($scenarios | Where-Object { $_.Scenario.input.mode -eq 'file' })
    $pipelineScenarios = @($scenarios | Where-Object { $_.Scenario.input.mode -eq 'pipeline' })
    $eventScenarios = @($scenarios | Where-Object { $_.Scenario.input.mode -eq 'events' })
    $samplesPresent = Test-Path -LiteralPath (Join-Path $script:SamplesFolder 'windows/incident-ws01.jsonl')
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
    BeforeAll {
        Push-Location $script:RepoRoot
        $mirror = if (Test-Path -LiteralPath (Join-Path $script:SharedSchemaFolder 'backend_linux.schema.json')) { Start-SchemaMirror -Versions @('7.64.3', '7.68.0') }
    }
    AfterAll {
        Pop-Location
        Stop-SchemaMirror $mirror
    }
    BeforeEach {
        # Each example starts with an empty schema cache; Save-CsmSchema in an example fetches from the loopback mirror.
        $env:CSMEVENTS_SCHEMA_CACHE = Join-Path $TestDrive ('cache-' + [guid]::NewGuid().ToString('N'))
        if ($mirror) { $env:CSMEVENTS_SCHEMA_SOURCE = $mirror.Url }
    }

    It 'Example 1: the Windows incident is valid' {
        $groups = @(Test-CsmEvent -Path samples/windows/incident-ws01.jsonl | Group-Object)
        $groups.Name | Should -Be @('True')
        $groups[0].Count | Should -Be 24
    }

    It 'Example 2: after one fetch, the scheduled job reports only what the newer agent emits beyond its schema' {
        Skip-WithoutSharedSchemas
        Save-CsmSchema 7.64.3, 7.68.0 | Out-Null
        $bad = @(Get-ChildItem samples -Recurse -Filter *.jsonl | Test-CsmEvent -Detailed -WarningVariable warned | Where-Object { -not $_.IsValid })
        $bad.Count | Should -Be 3
        $bad.Schema | Should -Be @('backend_linux@7.68.0', 'backend_linux@7.68.0', 'backend_linux@7.68.0')
        $bad[0].RuleId | Should -Be 'cron_job_exec'
        $bad[0].Source.ToString() | Should -BeLike '*newer-agent.jsonl:1'
        $bad.Errors.Count | Should -Be 8
        $warned.Count | Should -Be 0
        $text = $bad | Format-Table | Out-String -Width 200
        $text | Should -Match 'backend_linux@7\.68\.0 cron_job_exec\s+4 /agent: property "original_rule_id" is not allowed'
    }

    It 'Example 2: without the fetch, current Linux events are not validated and one warning names the command' {
        $bad = @(Get-ChildItem samples -Recurse -Filter *.jsonl | Test-CsmEvent -Detailed -WarningVariable warned -WarningAction SilentlyContinue | Where-Object { -not $_.IsValid })
        $bad.Count | Should -Be 34
        @($bad | Where-Object { $null -ne $_.Schema }).Count | Should -Be 0
        $warned.Count | Should -Be 1
        $warned[0].Message | Should -BeLike '*incident-web01.jsonl:1: no schema fits this event: current Linux events are validated against Datadog''s published schema for their agent version, and the schema cache holds none. Fetch it once with: Save-CsmSchema 7.64.3'
    }

    It 'Example 3: current Linux events against the schema of their agent' {
        Skip-WithoutSharedSchemas
        Save-CsmSchema 7.68.0 | Out-Null
        $errors = @(Test-CsmEvent samples/linux/newer-agent.jsonl -Detailed | Select-Object -ExpandProperty Errors | Select-Object -First 2 InstancePath, Message)
        $errors[0].InstancePath | Should -Be '/agent'
        $errors[0].Message | Should -BeExactly 'property "original_rule_id" is not allowed'
        $errors[1].InstancePath | Should -Be '/process/parent'
        $errors[1].Message | Should -BeExactly 'property "is_exec" is not allowed'
        Test-CsmEvent samples/linux/newer-agent.jsonl -IgnoreAdditionalProperties | Should -Be @($true, $true, $true)
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

    It 'Example 6: a summary on one screen' {
        Skip-WithoutSharedSchemas
        Save-CsmSchema 7.68.0 | Out-Null
        $text = Test-CsmEvent samples/linux/newer-agent.jsonl -Summary | Out-String -Width 300
        $lines = $text.Trim() -split "`r?`n"
        $lines[0] | Should -BeExactly '3 events read: 0 valid, 3 invalid, 0 not validated, 0 unreadable'
        $lines[1] | Should -BeExactly '7 drift groups'
        $lines[3] | Should -BeExactly 'EVENTS  SHARE  SCHEMA         KEYWORD               PATH'
        $lines[4] | Should -BeExactly '     2  66.7%  backend_linux  additionalProperties  /process/is_parent_missing'
        $lines[5] | Should -BeLike '        agents 7.68.0; schema 7.68.0; first *samples/linux/newer-agent.jsonl:2; last line 3'
        $lines[6] | Should -BeExactly '        property "is_parent_missing" is not allowed; example true'
        $lines[7] | Should -BeExactly '     1  33.3%  backend_linux  additionalProperties  /agent/original_rule_id'
        $lines[9] | Should -BeExactly '        property "original_rule_id" is not allowed; example "cron_logrotate_exec"'
    }

    It 'Example 7: known drift is accepted, and the JUnit report has no failure' {
        Skip-WithoutSharedSchemas
        Push-Location $TestDrive
        try {
            Save-CsmSchema 7.64.3, 7.68.0 | Out-Null
            Test-CsmEvent (Join-Path $script:RepoRoot 'samples/linux/newer-agent.jsonl') -BaselinePath ./drift.json -UpdateBaseline | Out-Null
            $summary = Test-CsmEvent (Join-Path $script:RepoRoot 'samples/linux') -Recurse -BaselinePath ./drift.json -JUnitPath ./report.xml
            $summary.HasNewDrift, $summary.ExitCode, $summary.EventsRead | Should -Be @($false, 0, 65)
            ([xml](Get-Content -LiteralPath (Join-Path $TestDrive 'report.xml') -Raw)).testsuites.failures | Should -Be '0'
        }
        finally { Pop-Location }
    }
}

Describe 'Test-CsmEvent -Summary, -BaselinePath and -JUnitPath' {
    BeforeAll {
        $newField = $valid.Replace('"os":"windows"', '"os":"windows","version":"7.62.0","original_rule_id":"x"')
        $badAncestors = '{"agent":{"rule_id":"r","os":"windows","version":"7.62.0"},"title":"t","process":{"pid":1,"ancestors":[{"pid":"2"},{"pid":"3"}]}}'
    }

    It 'writes one CsmDriftSummary instead of a result per event' {
        $output = @($valid, $invalid, $invalid, $badAncestors | Test-CsmEvent -Summary)
        $output.Count | Should -Be 1
        $summary = $output[0]
        $summary | Should -BeOfType ([CsmEvents.Drift.CsmDriftSummary])
        $summary.EventsRead, $summary.Valid, $summary.Invalid, $summary.ExitCode | Should -Be @(4, 1, 3, 1)
        $summary.Groups | ForEach-Object { $_.Path } | Should -Be @('/evt/category', '/process/ancestors/*/pid')
        $summary.Groups[0].Events | Should -Be 2
        $summary.Groups[0].Known | Should -BeFalse
        $summary.HasNewDrift | Should -BeTrue
    }

    It 'shows the summary as the CLI text and the groups as a table' {
        $summary = $valid, $invalid, $newField | Test-CsmEvent -Summary
        ($summary | Out-String -Width 200) | Should -Match '(?m)^3 events read: 1 valid, 2 invalid, 0 not validated, 0 unreadable$'
        ($summary | Out-String -Width 200) | Should -Match '(?m)^     1  33\.3%  windows  additionalProperties  /agent/original_rule_id$'
        $table = $summary.Groups | Out-String -Width 200
        $table | Should -Match 'Events\s+Share\s+Baseline\s+Schema\s+Keyword\s+Agents\s+Path'
        $table | Should -Match '1\s+33\.3%\s+new\s+windows\s+additionalProperties\s+7\.62\.0\s+/agent/original_rule_id'
    }

    It 'accepts the groups of the baseline and fails only on new ones' {
        $baseline = Join-Path $TestDrive 'drift.json'
        $written = $invalid, $newField | Test-CsmEvent -BaselinePath $baseline -UpdateBaseline
        $written.BaselineUpdated | Should -BeTrue
        $written.ExitCode | Should -Be 0
        $json = Get-Content -LiteralPath $baseline -Raw | ConvertFrom-Json
        @($json.groups | ForEach-Object { $_.path }) | Should -Be @('/agent/original_rule_id', '/evt/category')
        $same = $newField, $invalid, $invalid | Test-CsmEvent -BaselinePath $baseline
        $same.HasNewDrift, $same.ExitCode, $same.NewGroups | Should -Be @($false, 0, 0)
        $worse = $invalid, $badAncestors | Test-CsmEvent -BaselinePath $baseline
        $worse.HasNewDrift, $worse.ExitCode | Should -Be @($true, 1)
        ($worse.Groups | Where-Object { -not $_.Known }).Path | Should -Be '/process/ancestors/*/pid'
    }

    It 'resolves report paths from the PowerShell location and writes JUnit XML a parser reads' {
        Push-Location $TestDrive
        try {
            $summary = $invalid, $badAncestors, $valid | Test-CsmEvent -JUnitPath ./reports/junit.xml
            $summary.JUnitPath | Should -BeExactly (Join-Path (Join-Path $TestDrive 'reports') 'junit.xml')
            $xml = [xml](Get-Content -LiteralPath $summary.JUnitPath -Raw)
            $xml.testsuites.tests, $xml.testsuites.failures | Should -Be @('3', '2')
            $suite = $xml.testsuites.testsuite | Where-Object { $_.name -eq 'windows' }
            @($suite.testcase).name | Should -Be @('type /evt/category', 'type /process/ancestors/*/pid')
            @($suite.testcase)[0].failure.type | Should -Be 'type'
            @($suite.testcase)[0].failure.message | Should -BeExactly '1 of 3 events (33.3%): expected string, got integer 5'
        }
        finally { Pop-Location }
    }

    It 'stops with BaselineLoadFailed for a missing baseline and InvalidParameterValue for contradictory switches' {
        { $valid | Test-CsmEvent -BaselinePath (Join-Path $TestDrive 'none.json') } | Should -Throw -ErrorId "BaselineLoadFailed,$class"
        { $valid | Test-CsmEvent -BaselinePath (Join-Path $TestDrive 'none.json') } | Should -Throw '*baseline file not found; create it with --update-baseline (Test-CsmEvent -UpdateBaseline)*'
        { $valid | Test-CsmEvent -UpdateBaseline } | Should -Throw -ErrorId "InvalidParameterValue,$class"
        { $valid | Test-CsmEvent -Detailed -Summary } | Should -Throw -ErrorId "InvalidParameterValue,$class"
    }

    It 'writes ReportWriteFailed and ExitCode 2 when the report cannot be written' {
        Set-Content -LiteralPath (Join-Path $TestDrive 'blocker') -Value 'a file'
        $summary = $valid | Test-CsmEvent -JUnitPath (Join-Path $TestDrive 'blocker/report.xml') -ErrorVariable failed -ErrorAction SilentlyContinue
        $summary.ExitCode | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -Be "ReportWriteFailed,$class"
        $failed[0].CategoryInfo.Category | Should -Be 'WriteError'
    }

    It 'completes cached schema names for -Schema' {
        $cache = Join-Path $TestDrive 'completion-cache'
        New-Item -ItemType Directory -Path (Join-Path $cache '7.64.3') -Force | Out-Null
        Set-Content -LiteralPath (Join-Path $cache '7.64.3/backend_linux.schema.json') -Value '{}'
        $saved = $env:CSMEVENTS_SCHEMA_CACHE
        $env:CSMEVENTS_SCHEMA_CACHE = $cache
        try {
            $line = 'Test-CsmEvent -Schema back'
            $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
            $found.ListItemText | Should -Be @('backend_linux@7.64.3')
            $found.CompletionText | Should -Be @("'backend_linux@7.64.3'")
        }
        finally { $env:CSMEVENTS_SCHEMA_CACHE = $saved }
    }
}

Describe 'Test-CsmEvent -Query (the scheduled job against a loopback Datadog API)' {
    BeforeAll {
        $apiKey = ConvertTo-SecureString 'api-key-0123456789abcdef' -AsPlainText -Force
        $appKey = ConvertTo-SecureString 'app-key-fedcba9876543210' -AsPlainText -Force
        # A Logs Search page of the newer-agent sample, each event in a log envelope with an id.
        function New-LogsPage([string[]] $Events) {
            $i = 0
            $data = foreach ($e in $Events) { $i++; '{"id":"AAAAAYz' + $i + '","type":"log","attributes":{"attributes":' + $e + ',"host":"web-01","service":"runtime-security-agent","status":"info","tags":["source:runtime-security-agent"],"timestamp":"2026-11-21T10:00:00.000Z"}}' }
            '{"data":[' + ($data -join ',') + '],"links":{},"meta":{"elapsed":5,"page":{},"request_id":"req","status":"done"}}'
        }
    }

    It 'validates the search as files are validated, and the baseline decides the exit code' {
        Skip-WithoutSharedSchemas
        $mirror = Start-SchemaMirror -Versions @('7.68.0')
        try {
            $env:CSMEVENTS_SCHEMA_SOURCE = $mirror.Url
            Save-CsmSchema 7.68.0 | Out-Null
        }
        finally { Stop-SchemaMirror $mirror }
        $events = Get-Content -LiteralPath (Join-Path $script:SamplesFolder 'linux/newer-agent.jsonl')
        $drifted = $events[1].Replace('"agent":{', '"agent":{"rule_tags":["a"],')
        $stub = Start-DatadogStub -Pages @((New-LogsPage $events), (New-LogsPage $events), (New-LogsPage @($events[0], $drifted)))
        try {
            Push-Location $TestDrive
            $common = @{ Query = 'source:runtime-security-agent'; From = 'now-1h'; ApiUrl = $stub.Url; ApiKey = $apiKey; ApplicationKey = $appKey }
            $first = Test-CsmEvent @common -BaselinePath ./drift.json -UpdateBaseline
            $first.ExitCode | Should -Be 0
            # The line of Example 8 (keys and -ApiUrl aside): known drift only.
            $summary = Test-CsmEvent @common -BaselinePath ./drift.json -JUnitPath ./report.xml
            $summary.EventsRead, $summary.Invalid, $summary.HasNewDrift, $summary.ExitCode | Should -Be @(3, 3, $false, 0)
            $summary.Groups[0].FirstSource, $summary.Groups[0].LastSource | Should -Be @('log AAAAAYz2', 'log AAAAAYz3')
            ([xml](Get-Content -LiteralPath ./report.xml -Raw)).testsuites.failures | Should -Be '0'
            # An agent emits something new.
            $changed = Test-CsmEvent @common -BaselinePath ./drift.json -JUnitPath ./report.xml
            $changed.HasNewDrift, $changed.ExitCode | Should -Be @($true, 1)
            ($changed.Groups | Where-Object { -not $_.Known }).Path | Should -Be '/agent/rule_tags'
            ([xml](Get-Content -LiteralPath ./report.xml -Raw)).testsuites.failures | Should -Be '1'
            $request = $null
            $stub.Requests.TryDequeue([ref] $request) | Should -BeTrue
            ($request | ConvertFrom-Json).filter.from | Should -Be 'now-1h'
        }
        finally {
            Pop-Location
            Stop-DatadogStub $stub
        }
    }

    It 'writes one bool per event from a search, and stops with DatadogConfiguration without keys' {
        $page = New-LogsPage @($valid, $invalid)
        $stub = Start-DatadogStub -Pages @($page)
        try {
            Test-CsmEvent -Query '' -ApiUrl $stub.Url -ApiKey $apiKey -ApplicationKey $appKey | Should -Be @($true, $false)
        }
        finally { Stop-DatadogStub $stub }
        $saved = @{ DD_API_KEY = $env:DD_API_KEY; DD_APP_KEY = $env:DD_APP_KEY; DD_APPLICATION_KEY = $env:DD_APPLICATION_KEY }
        try {
            $env:DD_API_KEY = $null; $env:DD_APP_KEY = $null; $env:DD_APPLICATION_KEY = $null
            { Test-CsmEvent -Query 'x' -ApiUrl 'http://localhost:9/' } | Should -Throw -ErrorId "DatadogConfiguration,$class"
        }
        finally { foreach ($name in $saved.Keys) { Set-Item -Path "Env:$name" -Value $saved[$name] -ErrorAction SilentlyContinue } }
    }
}
