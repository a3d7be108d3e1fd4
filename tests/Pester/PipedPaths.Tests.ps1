#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# Files and folders from the pipeline (issue 10 §2.1 and §2.7): each file is read once per command; a piped folder
# is read unless the pipeline also delivered files from inside it; objects that carry a path in FullName bind as paths.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $samplesPresent = Test-Path -LiteralPath (Join-Path $script:SamplesFolder 'windows/incident-ws01.jsonl')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $samples = $script:SamplesFolder
    function Get-EventCount { param([scriptblock] $Pipeline) @(& $Pipeline).Count }
    # The events of every sample file, read once: the reference every pipeline form must give.
    $all = @(Get-CsmEvent -LiteralPath $samples -Recurse).Count
    $windows = @(Get-CsmEvent -LiteralPath (Join-Path $samples 'windows')).Count
}

Describe 'Piped folders and files are read once' -Skip:(-not $samplesPresent) {
    It 'the samples hold events (reference count)' {
        $all | Should -Be 110
        $windows | Should -Be 29
    }

    It 'Get-ChildItem -Recurse | Get-CsmEvent gives each event once, like Get-CsmEvent -Recurse' {
        # README.md is piped too: it is read (and is not events); the point here is the count of events.
        @(Get-ChildItem -LiteralPath $samples -Recurse | Get-CsmEvent -ErrorAction SilentlyContinue).Count | Should -Be $all
    }

    It 'Get-ChildItem -Recurse | Get-CsmEvent -Recurse gives each event once' {
        @(Get-ChildItem -LiteralPath $samples -Recurse | Get-CsmEvent -Recurse -ErrorAction SilentlyContinue).Count | Should -Be $all
    }

    It 'Get-ChildItem -Recurse | Get-CsmProcessTree counts each event once' {
        $piped = Get-ChildItem -LiteralPath $samples -Recurse | Get-CsmProcessTree -ErrorAction SilentlyContinue | Measure-Object EventCount -Sum
        $direct = Get-CsmProcessTree -LiteralPath $samples -Recurse | Measure-Object EventCount -Sum
        $piped.Sum | Should -Be $direct.Sum
        $piped.Count | Should -Be $direct.Count
    }

    It 'Get-ChildItem -Recurse | Test-CsmEvent gives one verdict per event' {
        @(Get-ChildItem -LiteralPath $samples -Recurse | Test-CsmEvent -ErrorAction SilentlyContinue -WarningAction SilentlyContinue).Count | Should -Be $all
    }

    It 'a file left out by Where-Object stays out although its folder is piped' {
        $left = @(Get-CsmEvent -LiteralPath (Join-Path $samples 'windows/incident-ws01.jsonl')).Count
        $count = @(Get-ChildItem -LiteralPath $samples -Recurse | Where-Object Name -ne 'incident-ws01.jsonl' | Get-CsmEvent -ErrorAction SilentlyContinue).Count
        $count | Should -Be ($all - $left)
    }

    It 'Get-Item FOLDER | Get-CsmEvent -Recurse reads the folder like Get-CsmEvent FOLDER -Recurse' {
        @(Get-Item -LiteralPath $samples | Get-CsmEvent -Recurse).Count | Should -Be $all
        @(Get-Item -LiteralPath (Join-Path $samples 'windows') | Get-CsmEvent).Count | Should -Be $windows
    }

    It 'Get-ChildItem FOLDER | Get-CsmEvent reads the listed folders (their event files) and files' {
        @(Get-ChildItem -LiteralPath $samples -Directory | Get-CsmEvent).Count | Should -Be $all
        @(Get-ChildItem -LiteralPath $samples -Directory -Recurse | Get-CsmEvent -Recurse).Count | Should -Be $all
    }

    It 'a file named twice is read once' {
        $file = Join-Path $samples 'windows/incident-ws01.jsonl'
        @(Get-CsmEvent -LiteralPath $file, $file, (Join-Path $samples 'windows')).Count | Should -Be $windows
    }
}

Describe 'Objects that carry a path in FullName bind as paths' -Skip:(-not $samplesPresent) {
    It 'Get-ChildItem | Select-Object FullName | <Command>' -ForEach @(
        @{ Command = 'Get-CsmEvent' }
        @{ Command = 'Test-CsmEvent' }
    ) {
        $output = @(Get-ChildItem -LiteralPath (Join-Path $samples 'windows') | Select-Object FullName | & $Command -ErrorVariable errors)
        $errors.Count | Should -Be 0
        $output.Count | Should -Be $windows
    }

    It 'Get-ChildItem | Select-Object FullName | Get-CsmProcessTree' {
        $nodes = Get-ChildItem -LiteralPath (Join-Path $samples 'windows') | Select-Object FullName | Get-CsmProcessTree -ErrorVariable errors
        $errors.Count | Should -Be 0
        ($nodes | Measure-Object EventCount -Sum).Sum | Should -Be $windows
    }

    It 'Import-Csv of a file list with a FullName column' {
        $csv = Join-Path $TestDrive 'files.csv'
        Get-ChildItem -LiteralPath (Join-Path $samples 'windows') | Select-Object FullName, Length | Export-Csv -LiteralPath $csv
        @(Import-Csv -LiteralPath $csv | Get-CsmEvent).Count | Should -Be $windows
    }

    It 'a PSCustomObject with event members and a FullName names a file; ConvertTo-CsmEvent converts it' {
        $file = Join-Path $samples 'windows/single-event.json'
        $object = [pscustomobject]@{ agent = [pscustomobject]@{ rule_id = 'from_object' }; FullName = $file }
        (@($object | Get-CsmEvent)[0].Source.Path) | Should -BeExactly $file
        ($object | ConvertTo-CsmEvent).RuleId | Should -BeExactly 'from_object'
    }
}
