#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# Every test fetches from a loopback mirror of ../shared/datadog-agent-schemas, and skips (with the reason) when that
# folder is absent; none reaches the internet (TestHelpers points the default source at a closed local port).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $class = 'CsmEvents.Commands.SaveCsmSchemaCommand'
    if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
    $sharedPresent = Test-Path -LiteralPath (Join-Path $script:SharedSchemaFolder 'backend_linux.schema.json')
    $linuxHash = if ($sharedPresent) { (Get-FileHash -LiteralPath (Join-Path $script:SharedSchemaFolder 'backend_linux.schema.json') -Algorithm SHA256).Hash.ToLowerInvariant() }
}

Describe 'Save-CsmSchema against a loopback mirror of the published schemas' {
    BeforeAll {
        $mirror = if ($sharedPresent) { Start-SchemaMirror -Versions @('7.64.3', '7.68.0', 'main') }
    }
    AfterAll { Stop-SchemaMirror $mirror }
    BeforeEach {
        Skip-WithoutSharedSchemas
        $env:CSMEVENTS_SCHEMA_CACHE = Join-Path $TestDrive ('cache-' + [guid]::NewGuid().ToString('N'))
        if ($mirror) { $env:CSMEVENTS_SCHEMA_SOURCE = $mirror.Url }
    }

    It 'saves both files of a version and writes one CachedSchemaInfo per file' {
        $saved = @(Save-CsmSchema 7.68.0)
        $saved.Count | Should -Be 2
        $saved[0] | Should -BeOfType ([CsmEvents.Schema.Cache.CachedSchemaInfo])
        $saved.Name | Should -Be @('backend_linux@7.68.0', 'backend_windows@7.68.0')
        $saved[0].Source | Should -BeExactly "$($mirror.Url)/7.68.0/docs/cloud-workload-security/backend_linux.schema.json"
        $saved[0].Sha256 | Should -BeExactly $linuxHash
        $saved[0].Path | Should -BeExactly (Join-Path (Join-Path $env:CSMEVENTS_SCHEMA_CACHE '7.68.0') 'backend_linux.schema.json')
        (Get-FileHash -LiteralPath $saved[0].Path -Algorithm SHA256).Hash.ToLowerInvariant() | Should -BeExactly $linuxHash
        $saved[0].FetchedAt.Offset | Should -Be ([TimeSpan]::Zero)
        (Get-ChildItem -LiteralPath (Join-Path $env:CSMEVENTS_SCHEMA_CACHE '7.68.0') -Force).Name | Sort-Object | Should -Be @('backend_linux.schema.json', 'backend_windows.schema.json', 'sources.json')
    }

    It 'takes -Source, versions from the pipeline and from AgentVersion properties' {
        $env:CSMEVENTS_SCHEMA_SOURCE = 'http://127.0.0.1:9/nothing-here'
        (@('7.64.3', 'main') | Save-CsmSchema -Source $mirror.Url).Name | Should -Be @('backend_linux@7.64.3', 'backend_windows@7.64.3', 'backend_linux@main', 'backend_windows@main')
        ([pscustomobject]@{ AgentVersion = '7.68.0' } | Save-CsmSchema -Source $mirror.Url).AgentVersion | Should -Be @('7.68.0', '7.68.0')
    }

    It 'shows -Verbose requests and the schemas as the Get-CsmSchema table' {
        $verbose = Save-CsmSchema 7.64.3 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose.Message | Where-Object { $_ -like 'GET *' }) | Should -Be @("GET $($mirror.Url)/7.64.3/docs/cloud-workload-security/backend_linux.schema.json", "GET $($mirror.Url)/7.64.3/docs/cloud-workload-security/backend_windows.schema.json")
        $text = Save-CsmSchema 7.64.3 | Out-String -Width 200
        $text | Should -Match 'Name\s+Dialect\s+Title'
        $text | Should -Match "backend_linux@7\.64\.3\s+2020-12\s+Datadog's published Linux schema of agent 7\.64\.3, fetched \d{4}-\d\d-\d\d \d\d:\d\d UTC"
    }

    It 'does nothing with -WhatIf but say what it would do' {
        $requests = $mirror.Requests.Count
        $output = Invoke-InChildPwsh 'Save-CsmSchema main -WhatIf'
        $output | Should -Match ([regex]::Escape("on target `"agent main from $($mirror.Url)/main/docs/cloud-workload-security/ into $(Join-Path $env:CSMEVENTS_SCHEMA_CACHE 'main')`""))
        $output | Should -Match 'Save backend_linux\.schema\.json and backend_windows\.schema\.json'
        Test-Path -LiteralPath $env:CSMEVENTS_SCHEMA_CACHE | Should -BeFalse
        $mirror.Requests.Count | Should -Be $requests
    }

    It 'stops with SchemaDownloadFailed naming the address and the HTTP status of a missing version' {
        { Save-CsmSchema 7.99.0 } | Should -Throw -ErrorId "SchemaDownloadFailed,$class"
        try { Save-CsmSchema 7.99.0 } catch { $failure = $_ }
        $failure.Exception.Message | Should -BeExactly "cannot fetch backend_linux.schema.json of agent 7.99.0: $($mirror.Url)/7.99.0/docs/cloud-workload-security/backend_linux.schema.json: HTTP 404 Not Found (no such agent version or file at this source)"
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure.TargetObject | Should -BeExactly "$($mirror.Url)/7.99.0/docs/cloud-workload-security/backend_linux.schema.json"
        Test-Path -LiteralPath (Join-Path $env:CSMEVENTS_SCHEMA_CACHE '7.99.0/backend_linux.schema.json') | Should -BeFalse
    }

    It 'stops with InvalidAgentVersion and InvalidSchemaSource before any request' {
        { Save-CsmSchema '../etc' } | Should -Throw -ErrorId "InvalidAgentVersion,$class"
        { Save-CsmSchema 7.64.3 -Source 'http://schemas.example.net/agent' } | Should -Throw -ErrorId "InvalidSchemaSource,$class"
        { Save-CsmSchema 7.64.3 -Source 'http://schemas.example.net/agent' } | Should -Throw '*uses plain http:// to another machine*'
    }

    It 'stops with SchemaCacheUnavailable when the cache cannot be written' {
        $blocker = Join-Path $TestDrive 'a-file'
        Set-Content -LiteralPath $blocker -Value 'not a folder'
        $env:CSMEVENTS_SCHEMA_CACHE = Join-Path $blocker 'cache'
        { Save-CsmSchema 7.64.3 } | Should -Throw -ErrorId "SchemaCacheUnavailable,$class"
    }

    It 'runs the README lines about current Linux events as written' {
        # The lines are read from README.md, so that the test and the README cannot drift apart.
        $readme = Get-Content -LiteralPath (Join-Path $script:RepoRoot 'README.md')
        $fetch = @($readme | Where-Object { $_ -like 'Save-CsmSchema *' })
        $validate = @($readme | Where-Object { $_ -like 'Test-CsmEvent ./samples/linux/newer-agent.jsonl*' })
        $fetch | Should -Be @('Save-CsmSchema 7.68.0')
        $validate | Should -Be @('Test-CsmEvent ./samples/linux/newer-agent.jsonl -IgnoreAdditionalProperties', 'Test-CsmEvent ./samples/linux/newer-agent.jsonl -Summary')
        Push-Location $script:RepoRoot
        try {
            $saved = Invoke-Expression $fetch[0]
            $saved.Name | Should -Be @('backend_linux@7.68.0', 'backend_windows@7.68.0')
            Invoke-Expression $validate[0] | Should -Be @($true, $true, $true)
            $summary = Invoke-Expression $validate[1]
            $summary.Invalid, $summary.Groups.Count | Should -Be @(3, 7)
        }
        finally { Pop-Location }
    }

    It 'fetches what the README line needs, and validation then works without a request' {
        Push-Location $script:RepoRoot
        try {
            Save-CsmSchema 7.68.0 | Out-Null
            $requests = $mirror.Requests.Count
            # The README one-liner, as written.
            Test-CsmEvent ./samples/linux/newer-agent.jsonl -IgnoreAdditionalProperties | Should -Be @($true, $true, $true)
            $mirror.Requests.Count | Should -Be $requests
        }
        finally { Pop-Location }
    }
}

Describe 'Save-CsmSchema documented examples' {
    BeforeAll {
        $mirror = if ($sharedPresent) { Start-SchemaMirror -Versions @('7.64.3', '7.68.0', 'main') }
        Push-Location $script:RepoRoot
    }
    AfterAll {
        Pop-Location
        Stop-SchemaMirror $mirror
    }
    BeforeEach {
        Skip-WithoutSharedSchemas
        # The examples run as written: the default source is the mirror, the cache a fresh folder.
        $env:CSMEVENTS_SCHEMA_CACHE = Join-Path $TestDrive ('docs-' + [guid]::NewGuid().ToString('N'))
        if ($mirror) { $env:CSMEVENTS_SCHEMA_SOURCE = $mirror.Url }
    }

    It 'Example 1: two schemas of 7.68.0' {
        (Save-CsmSchema 7.68.0).Name | Should -Be @('backend_linux@7.68.0', 'backend_windows@7.68.0')
    }

    It 'Example 2: the newer-agent sample validates after one fetch' {
        Save-CsmSchema 7.68.0 | Out-Null
        Test-CsmEvent samples/linux/newer-agent.jsonl -IgnoreAdditionalProperties | Should -Be @($true, $true, $true)
    }

    It 'Example 3: the versions of a set of events' {
        $saved = Get-CsmEvent samples/linux -Recurse | ForEach-Object { $_.Agent.Version } | Sort-Object -Unique | Save-CsmSchema | Select-Object Name, AgentVersion
        $saved.Name | Should -Be @('backend_linux@7.64.3', 'backend_windows@7.64.3', 'backend_linux@7.68.0', 'backend_windows@7.68.0')
    }

    It 'Example 4: -WhatIf names the source and the folder' {
        $text = Invoke-InChildPwsh 'Save-CsmSchema main -WhatIf'
        $text | Should -Match ([regex]::Escape("What if: Performing the operation `"Save backend_linux.schema.json and backend_windows.schema.json`" on target `"agent main from $($mirror.Url)/main/docs/cloud-workload-security/ into "))
    }

    It 'Example 5: where a cached schema came from' {
        Save-CsmSchema 7.64.3 | Out-Null
        $text = Get-CsmSchema backend_linux@7.64.3 | Format-List | Out-String -Width 250
        $text | Should -Match ('Source\s+: ' + [regex]::Escape("$($mirror.Url)/7.64.3/docs/cloud-workload-security/backend_linux.schema.json"))
        $text | Should -Match 'FetchedAt\s+: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC'
        $text | Should -Match "Sha256\s+: $linuxHash"
        $text | Should -Match 'Platform\s+: linux'
    }
}
