#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $scenarios = @(Get-CsmScenario -Command 'Get-CsmSchema')
    $samplesPresent = Test-Path -LiteralPath (Join-Path $script:SamplesFolder 'windows/single-event.json')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $class = 'CsmEvents.Commands.GetCsmSchemaCommand'
    if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
}

Describe 'Get-CsmSchema replays the shared scenarios' {
    It 'scenario <Name>: <Description>' -ForEach $scenarios {
        $parameters = ConvertTo-ParameterTable $Scenario.parameters
        $output = @(Get-CsmSchema @parameters -ErrorVariable errors -ErrorAction SilentlyContinue)
        Assert-ScenarioResult -Scenario $Scenario -Output $output -Errors $errors -CommandClass $class -FilePath ''
    }
}

Describe 'Get-CsmSchema' {
    It 'writes EmbeddedSchemaInfo objects shown as a table' {
        $schemas = @(Get-CsmSchema)
        $schemas[0] | Should -BeOfType ([CsmEvents.Schema.EmbeddedSchemaInfo])
        $text = $schemas | Format-Table | Out-String -Width 200
        $text | Should -Match 'Name\s+Dialect\s+Title'
        $text | Should -Match 'linux\s+draft-04\s+Cloud Workload Security events'
        ($schemas[0] | Format-List | Out-String -Width 200) | Should -Match 'Files\s+: windows\.schema\.json'
    }

    It 'stops with InvalidParameterValue for an invalid pattern' {
        { Get-CsmSchema -Name '[' } | Should -Throw -ErrorId "InvalidParameterValue,$class"
    }

    It 'writes SchemaNotFound for an unknown name' {
        { Get-CsmSchema -Name macos -ErrorAction Stop } | Should -Throw -ErrorId "SchemaNotFound,$class"
    }

    It 'completes schema names' {
        $line = 'Get-CsmSchema -Name b'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('base')
    }
}

Describe 'Get-CsmSchema documented examples' -Skip:(-not $samplesPresent) {
    BeforeAll { Push-Location $script:RepoRoot }
    AfterAll { Pop-Location }

    It 'Example 1: three schemas' {
        (Get-CsmSchema).Name | Should -Be @('windows', 'linux', 'base')
    }

    It 'Example 2: the exported Windows schema validates like the embedded one' {
        $file = Join-Path $TestDrive 'windows.schema.json'
        (Get-CsmSchema windows).Text | Set-Content -LiteralPath $file
        Test-CsmEvent samples/windows/single-event.json -SchemaPath $file | Should -Be $true
    }

    It 'Example 3: the base schema exports ten files' {
        $folder = Join-Path $TestDrive 'base-schema'
        New-Item -ItemType Directory $folder | Out-Null
        (Get-CsmSchema base).Documents | ForEach-Object { Set-Content -LiteralPath (Join-Path $folder $_.FileName) -Value $_.Text }
        (Get-ChildItem $folder).Count | Should -Be 10
        Test-CsmEvent samples/base/events.jsonl -SchemaPath (Join-Path $folder 'base-payload.json') | Should -Be @($true, $true, $true)
    }

    It 'Example 4: the list view shows what a schema fits' {
        (Get-CsmSchema l* | Format-List | Out-String -Width 300) | Should -Match 'Dialect\s+: draft-04'
    }

    It 'Example 5: cached schemas follow the embedded ones, in the same table, with their source' {
        Skip-WithoutSharedSchemas
        $mirror = Start-SchemaMirror -Versions @('7.64.3')
        try {
            $env:CSMEVENTS_SCHEMA_SOURCE = $mirror.Url
            Save-CsmSchema 7.64.3 | Out-Null
        }
        finally { Stop-SchemaMirror $mirror }
        (Get-CsmSchema).Name | Should -Be @('windows', 'linux', 'base', 'backend_linux@7.64.3', 'backend_windows@7.64.3')
        $text = Get-CsmSchema backend_* | Out-String -Width 200
        $text | Should -Match 'Name\s+Dialect\s+Title'
        $text | Should -Match "backend_windows@7\.64\.3\s+2020-12\s+Datadog's published Windows schema of agent 7\.64\.3, fetched"
        (Get-CsmSchema backend_linux@7.64.3).Source | Should -BeExactly "$($mirror.Url)/7.64.3/docs/cloud-workload-security/backend_linux.schema.json"
        # One table for both kinds: no list of every property in the middle of Get-CsmSchema's output.
        $all = Get-CsmSchema | Out-String -Width 200
        $all | Should -Not -Match 'Sha256\s+:'
        ([regex]::Matches($all, 'Name\s+Dialect\s+Title')).Count | Should -Be 1
        { Get-CsmSchema backend_linux@6.0.0 -ErrorAction Stop } | Should -Throw -ErrorId "SchemaNotFound,$class"
        $line = 'Get-CsmSchema -Name backend_w'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.ListItemText | Should -Be @('backend_windows@7.64.3')
    }
}
