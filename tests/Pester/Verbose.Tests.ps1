#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# -Verbose says what each cmdlet does (issue 10 §2.8): files opened, schema chosen per file, records read and bad
# per file and in all, Datadog pages fetched. The verbose stream is captured with 4>&1.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $windows = '{"agent":{"rule_id":"w","os":"windows"},"title":"t","evt":{"name":"exec"},"date":"2025-06-03T08:48:07Z","process":{"pid":4,"executable":{"name":"a.exe","path":"C:\\a.exe"}}}'
    $legacy = '{"evt":{"name":"open","category":"File Activity"},"process":{"pid":5,"comm":"cat"},"date":"2025-06-03T08:48:07Z"}'
    $folder = Join-Path $TestDrive 'case'
    New-Item -ItemType Directory -Path $folder | Out-Null
    $file = New-ScenarioFile -Folder $folder -FileName 'e.jsonl' -Lines @($windows, '{bad', $legacy)
    $size = (Get-Item -LiteralPath $file).Length

    # The verbose messages of a command, in order; its other output is dropped.
    function Get-VerboseText {
        param([scriptblock] $Command)
        @(& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    }
}

Describe 'Verbose output of every cmdlet' {
    It 'Get-CsmEvent names the folder and the file, and counts records and bad ones per file and in all' {
        $lines = Get-VerboseText { Get-CsmEvent -LiteralPath $folder -Verbose -ErrorAction SilentlyContinue }
        $lines | Should -Be @(
            "Folder ${folder}: 1 event file."
            "Reading $file ($size bytes)."
            "${file}: 3 records read, 1 bad."
            'Done: 1 file read, 3 records, 1 bad, 2 events written.'
        )
    }

    It 'Get-CsmEvent with pipeline text counts the text' {
        $lines = Get-VerboseText { $windows, '{bad' | Get-CsmEvent -Verbose -ErrorAction SilentlyContinue }
        $lines | Should -Be @('<pipeline>: 2 records read, 1 bad.', 'Done: 2 records, 1 bad, 1 event written.')
    }

    It 'Get-ChildItem -Recurse | Get-CsmEvent says which folders are left to their piped files' {
        $lines = Get-VerboseText { Get-ChildItem -LiteralPath $TestDrive -Recurse | Get-CsmEvent -Verbose -ErrorAction SilentlyContinue }
        $lines | Should -Contain "Folder ${folder}: not read as a whole; the pipeline delivered files from it, and those are what is read."
        $lines[-1] | Should -BeExactly 'Done: 1 file read, 3 records, 1 bad, 2 events written.'
    }

    It 'Test-CsmEvent names the schema choice and, per file, the schemas chosen and the verdicts' {
        $lines = Get-VerboseText { Test-CsmEvent -LiteralPath $file -Verbose -ErrorAction SilentlyContinue }
        $lines | Should -Be @(
            'Schema: auto, chosen per event (windows for Windows events, linux or base for old-format events, the cached Datadog schema of the agent version for current Linux events).'
            "Reading $file ($size bytes)."
            "${file}: 3 records read, 1 bad; schema windows 1, linux 1; 1 valid, 1 invalid, 0 not validated."
            'Done: 1 file read, 3 records, 1 bad, 1 valid, 1 invalid, 0 not validated.'
        )
    }

    It 'Get-CsmProcessTree counts records, events and processes' {
        $lines = Get-VerboseText { Get-CsmProcessTree -LiteralPath $file -Verbose -ErrorAction SilentlyContinue }
        $lines[-1] | Should -BeExactly 'Done: 1 file read, 3 records, 1 bad; 2 events in the tree, 2 processes merged.'
    }

    It 'ConvertTo-CsmEvent and ConvertFrom-CsmEvent count what they converted' {
        Get-VerboseText { $windows | ConvertTo-CsmEvent -Verbose } | Should -Be @(
            '<pipeline>: 1 record read, 0 bad.'
            'Done: 1 input converted to 1 event (0 already events), 0 errors.'
        )
        Get-VerboseText { $windows | ConvertTo-CsmEvent | ConvertFrom-CsmEvent -Verbose } | Should -Be @(
            'Done: 1 event written as JSON, 0 events could not be written.'
        )
    }

    It 'Get-CsmSchema names the schemas it writes' {
        Get-VerboseText { Get-CsmSchema -Name 'w*' -Verbose } | Should -Be @('Embedded and cached schemas matching w*: windows.')
    }

    It 'Get-CsmEvent -Query names each Datadog page fetched' {
        $page1 = '{"data":[{"id":"a","attributes":{"attributes":' + $windows + ',"host":"ws-01"}}],"meta":{"page":{"after":"c1"},"request_id":"r1","status":"done"}}'
        $page2 = '{"data":[],"meta":{"page":{},"request_id":"r2","status":"done"}}'
        $stub = Start-DatadogStub -Pages @($page1, $page2)
        try {
            $key = ConvertTo-SecureString 'stubApiKeySECRET0001' -AsPlainText -Force
            $lines = Get-VerboseText { Get-CsmEvent -Query '' -ApiUrl $stub.Url -ApiKey $key -ApplicationKey $key -Verbose }
            $lines | Should -Contain 'Page 1: 1 events, request id r1, more pages follow.'
            $lines | Should -Contain 'Page 2: 0 events, request id r2, last page.'
            $lines[-1] | Should -BeExactly 'Done: 1 record, 0 bad, 1 event written.'
        }
        finally {
            Stop-DatadogStub $stub
        }
    }

    It 'without -Verbose nothing is written to the verbose stream' {
        Get-VerboseText { Get-CsmEvent -LiteralPath $file -ErrorAction SilentlyContinue } | Should -BeNullOrEmpty
    }
}
