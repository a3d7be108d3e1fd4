#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $class = 'CsmEvents.Commands.ExportCsmReportCommand'
    $samples = $script:SamplesFolder
    # The examples of docs/cmdlets/Export-CsmReport.md run from the repository root, as a reader would.
    Push-Location $script:RepoRoot
}

AfterAll {
    Pop-Location
}

Describe 'Export-CsmReport' {
    It 'Example 1: writes the report of every sample event from the pipeline' {
        $page = Join-Path $TestDrive 'report.html'
        $output = @(Get-CsmEvent ./samples -Recurse | Export-CsmReport $page)
        $output.Count | Should -Be 0
        (Get-Item -LiteralPath $page).Length | Should -BeLessThan 300KB
        $html = Get-Content -LiteralPath $page -Raw
        $html | Should -Match '^<!DOCTYPE html>'
        $html | Should -Match '<title>CSM events report</title>'
        $html | Should -Match '<p class="meta">110 events from 9 inputs, 9 hosts\.'
        $html | Should -Match "<meta http-equiv=""Content-Security-Policy"" content=""default-src 'none'; script-src 'sha256-"
    }

    It 'Example 2: reads files itself, takes a title and passes the file on' {
        $page = Join-Path $TestDrive 'ws01.html'
        $file = Export-CsmReport -Path ./samples/windows -Recurse -OutFile $page -Title 'ws-01: macro document' -PassThru
        $file | Should -BeOfType System.IO.FileInfo
        $file.FullName | Should -Be $page
        $file.Name | Should -Be 'ws01.html'
        Get-Content -LiteralPath $page -Raw | Should -Match '<h1>ws-01: macro document</h1>'
        Get-Content -LiteralPath $page -Raw | Should -Match '<p class="meta">29 events from 3 inputs, 3 hosts\.'
    }

    It 'Example 3: validates and says what it wrote with -Verbose' {
        $page = Join-Path $TestDrive 'ws01-checked.html'
        $verbose = Export-CsmReport -Path ./samples/windows/incident-ws01.jsonl -OutFile $page -Validate -Verbose 4>&1
        $sample = (Resolve-Path -LiteralPath ./samples/windows/incident-ws01.jsonl).ProviderPath
        @($verbose | ForEach-Object Message) | Should -Be @(
            "Performing the operation ""Write the HTML report"" on target ""$page"".",
            'Schema: auto, chosen per event (windows for Windows events, linux or base for old-format events, the cached Datadog schema of the agent version for current Linux events).',
            "Reading $sample (89.5 KB).",
            "${sample}: 24 records read, 0 bad.",
            "${page}: 24 events, 1 host, 12 processes, 24 rules, $((Get-Item -LiteralPath $page).Length) bytes")
        Get-Content -LiteralPath $page -Raw | Should -Match '<p>Schema: <code>auto</code>\. 24 valid, 0 invalid\.</p>'
    }

    It 'Example 4: -NoClobber keeps an existing report, -WhatIf writes nothing' {
        $page = Join-Path $TestDrive 'kept.html'
        Set-Content -LiteralPath $page -Value 'old'
        { Get-CsmEvent ./samples/windows/single-event.json | Export-CsmReport $page -NoClobber } |
            Should -Throw -ErrorId "OutputFileExists,$class" -ExpectedMessage "${page}: the file exists (-NoClobber); remove it or choose another name"
        Get-Content -LiteralPath $page | Should -Be 'old'
        $other = Join-Path $TestDrive 'other.html'
        Get-CsmEvent ./samples/windows/single-event.json | Export-CsmReport $other -WhatIf
        Test-Path -LiteralPath $other | Should -BeFalse
    }

    It 'README: an HTML incident report of one host''s files, with the validation results' {
        Push-Location $TestDrive
        try {
            Export-CsmReport -Path (Join-Path $samples 'windows') -Recurse -OutFile ./ws01.html -Validate
            Get-Content -LiteralPath (Join-Path $TestDrive 'ws01.html') -Raw | Should -Match '<p>Schema: <code>auto</code>\. 29 valid, 0 invalid\.</p>'
        }
        finally {
            Pop-Location
        }
    }

    It 'binds <Case>' -ForEach @(
        @{ Case = 'piped events and the output as the first argument'; Command = { param($p) Get-CsmEvent ./samples/windows/events-array.json | Export-CsmReport $p } }
        @{ Case = '-Path then the output as the second argument'; Command = { param($p) Export-CsmReport ./samples/windows/events-array.json $p -Recurse } }
        @{ Case = 'Get-ChildItem output as -LiteralPath'; Command = { param($p) Get-ChildItem ./samples/windows -Filter events-array.json | Export-CsmReport $p } }
        @{ Case = 'named -Path and -OutFile'; Command = { param($p) Export-CsmReport -Path ./samples/windows/events-*.json -OutFile $p } }
    ) {
        $page = Join-Path $TestDrive 'bound.html'
        Remove-Item -LiteralPath $page -ErrorAction SilentlyContinue
        & $Command $page
        Get-Content -LiteralPath $page -Raw | Should -Match '<p class="meta">4 events from 1 input, 1 host\.'
    }

    It 'replaces an existing file, a read-only one only with -Force' {
        $page = Join-Path $TestDrive 'readonly.html'
        Set-Content -LiteralPath $page -Value 'old'
        (Get-Item -LiteralPath $page).IsReadOnly = $true
        { Export-CsmReport -Path ./samples/windows/single-event.json -OutFile $page } |
            Should -Throw -ErrorId "OutputFileReadOnly,$class" -ExpectedMessage "${page}: the file is read-only; use -Force to replace it"
        Get-Content -LiteralPath $page | Should -Be 'old'
        Export-CsmReport -Path ./samples/windows/single-event.json -OutFile $page -Force
        Get-Content -LiteralPath $page -Raw | Should -Match '<p class="meta">1 event from 1 input, 1 host\.'
        @(Get-ChildItem -LiteralPath $TestDrive -Force -Filter '*.tmp').Count | Should -Be 0
    }

    It 'stops before reading when the output cannot be written: <Case>' -ForEach @(
        @{ Case = 'missing folder'; Out = 'no/such/folder/r.html'; Id = 'OutputFolderNotFound' }
        @{ Case = 'a folder'; Out = '.'; Id = 'OutputPathIsFolder' }
        @{ Case = 'another provider'; Out = 'Env:/report'; Id = 'NotFileSystemPath' }
    ) {
        $target = if ($Out -like 'Env:*' -or $Out -eq '.') { $Out } else { Join-Path $TestDrive $Out }
        { Export-CsmReport -Path ./samples/windows/single-event.json -OutFile $target -ErrorAction Stop } | Should -Throw -ErrorId "$Id,$class"
    }

    It 'refuses validation options without -Validate, and an unknown schema' {
        $page = Join-Path $TestDrive 'v.html'
        { Export-CsmReport -Path ./samples/windows -OutFile $page -Schema windows } |
            Should -Throw -ErrorId "InvalidParameterValue,$class" -ExpectedMessage '-Schema, -SchemaPath and -IgnoreAdditionalProperties apply to validation: add -Validate'
        { Export-CsmReport -Path ./samples/windows -OutFile $page -Validate -Schema nope } | Should -Throw -ErrorId "UnknownSchema,$class"
        { Export-CsmReport -Path ./samples/windows -OutFile $page -Validate -SchemaPath (Join-Path $TestDrive 'none.json') } | Should -Throw -ErrorId "SchemaLoadFailed,$class"
        Test-Path -LiteralPath $page | Should -BeFalse
    }

    It 'reports bad records and unresolvable paths as errors, and still writes the report' {
        $events = Join-Path $TestDrive 'bad.jsonl'
        Set-Content -LiteralPath $events -Value @((Get-Content ./samples/linux/incident-web01.jsonl -TotalCount 1), '{oops')
        $page = Join-Path $TestDrive 'bad.html'
        Export-CsmReport -Path $events, (Join-Path $TestDrive 'missing.jsonl') -OutFile $page -ErrorVariable errors -ErrorAction SilentlyContinue
        @($errors | ForEach-Object FullyQualifiedErrorId) | Should -Be @("PathNotFound,$class", "InvalidJson,$class")
        $errors[1].Exception.Message | Should -BeLike "${events}:2: invalid JSON*"
        $html = Get-Content -LiteralPath $page -Raw
        $html | Should -Match '<p class="meta">1 event from 1 input, 1 host\.'
        $html | Should -Match '<h3>1 record or input could not be read \(not in this report\)</h3>'
    }

    It 'completes -Schema with the embedded schema names' {
        $line = 'Export-CsmReport report.html -Validate -Schema w'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('windows')
    }
}
