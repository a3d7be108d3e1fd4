#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# Hostile input through the cmdlets (issue 12 and issue 10 §2.2/§2.3): what xunit proves in the core, seen in real
# PowerShell: error ids and messages, -ErrorAction, -MaxRecordSize binding, warnings, stopping.

BeforeDiscovery {
    $onLinux = $IsLinux -eq $true
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $utf8 = New-Object System.Text.UTF8Encoding $false

    function New-BytesFile([string] $Name, [byte[]] $Bytes) {
        $path = Join-Path $TestDrive $Name
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $path)
        [System.IO.File]::WriteAllBytes($path, $Bytes)
        $path
    }
    function New-TextFile([string] $Name, [string] $Text) { New-BytesFile $Name $utf8.GetBytes($Text) }
    function Join-Bytes { param([Parameter(ValueFromRemainingArguments)] $Parts) [byte[]] @($Parts | ForEach-Object { if ($_ -is [string]) { $utf8.GetBytes($_) } else { $_ } }) }
    function Get-Gzip([byte[]] $Bytes) {
        $output = New-Object System.IO.MemoryStream
        $gzip = New-Object System.IO.Compression.GZipStream($output, [System.IO.Compression.CompressionLevel]::Fastest, $true)
        $gzip.Write($Bytes, 0, $Bytes.Length)
        $gzip.Dispose()
        $output.ToArray()
    }
}

Describe 'Strings that are not text (issue 12 items 1, 10, 11; issue 10 §2.3)' {
    It 'Test-CsmEvent gives one InvalidUtf8 error exactly as Get-CsmEvent, and the run goes on' {
        # The issue's repro: printf '{"title":"bad \xff"}\n{"title":"ok"}\n' > b.jsonl
        $b = New-BytesFile 'b.jsonl' (Join-Bytes '{"title":"bad ' ([byte[]] @(0xFF)) ("`"}`n" + '{"title":"ok"}' + "`n"))
        $verdicts = @(Test-CsmEvent $b -Schema windows -ErrorAction SilentlyContinue -ErrorVariable testErrors)
        $verdicts | Should -Be @($false)
        @(Get-CsmEvent $b -ErrorAction SilentlyContinue -ErrorVariable getErrors).Count | Should -Be 1
        $testErrors.Count | Should -Be 1
        $testErrors[0].FullyQualifiedErrorId | Should -Be 'InvalidUtf8,CsmEvents.Commands.TestCsmEventCommand'
        $testErrors[0].Exception.Message | Should -BeExactly "${b}:1: invalid UTF-8 at column 15: byte 0xFF, which never occurs in UTF-8"
        $getErrors[0].Exception.Message | Should -BeExactly $testErrors[0].Exception.Message
        $getErrors[0].FullyQualifiedErrorId | Should -Be 'InvalidUtf8,CsmEvents.Commands.GetCsmEventCommand'
    }

    It 'a lone surrogate escape is a LoneSurrogate error for both cmdlets, named with its column' {
        $text = '{"title":"first"}' + "`n" + '{"title":"\ud800"}' + "`n" + '{"title":"last"}' + "`n"
        @($text | Get-CsmEvent -ErrorAction SilentlyContinue -ErrorVariable getErrors).Title | Should -Be @('first', 'last')
        @($text | Test-CsmEvent -Schema base -ErrorAction SilentlyContinue -ErrorVariable testErrors).Count | Should -Be 2
        $getErrors[0].FullyQualifiedErrorId | Should -Be 'LoneSurrogate,CsmEvents.Commands.GetCsmEventCommand'
        $getErrors[0].Exception.Message | Should -BeExactly '<pipeline>:2: lone surrogate U+D800 at column 11: half of a UTF-16 surrogate pair is not a character, so the string cannot be read as text'
        $testErrors[0].Exception.Message | Should -BeExactly $getErrors[0].Exception.Message
    }

    It 'Test-CsmEvent no longer calls repeated members valid' {
        @('{"a":1,"a":2}' | Test-CsmEvent -Schema base -ErrorAction SilentlyContinue -ErrorVariable errors).Count | Should -Be 0
        $errors[0].FullyQualifiedErrorId | Should -Be 'DuplicateProperty,CsmEvents.Commands.TestCsmEventCommand'
        $errors[0].Exception.Message | Should -BeExactly '<pipeline>:1: duplicate property "a" in one object at column 8 (it cannot be kept without losing one of the values)'
    }

    It 'every keyword of a user schema survives bad strings: <Keyword>' -ForEach @(
        @{ Keyword = 'maxLength'; Schema = '{"properties":{"s":{"maxLength":3}}}' }
        @{ Keyword = 'pattern'; Schema = '{"properties":{"s":{"pattern":"^e"}}}' }
        @{ Keyword = 'enum'; Schema = '{"properties":{"s":{"enum":["ok"]}}}' }
        @{ Keyword = 'const'; Schema = '{"properties":{"s":{"const":"ok"}}}' }
        @{ Keyword = 'propertyNames'; Schema = '{"propertyNames":{"maxLength":1}}' }
        @{ Keyword = 'false'; Schema = '{"properties":{"s":false}}' }
    ) {
        $schemaFile = New-TextFile "$Keyword.schema.json" $Schema
        $data = New-BytesFile "$Keyword.jsonl" (Join-Bytes '{"s":"ok"}' "`n" '{"s":"ex' ([byte[]] @(0xFF)) "ec`"}`n" '{"s":"\udc00"}' "`n" '{"s":"ok"}' "`n")
        $results = @(Test-CsmEvent $data -SchemaPath $schemaFile -Detailed -ErrorAction SilentlyContinue -ErrorVariable errors)
        $results.Source.Line | Should -Be @(1, 4)
        @($errors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) | Should -Be @('InvalidUtf8', 'LoneSurrogate')
    }
}

Describe 'Record-size limit (issue 12 item 2)' {
    It '-MaxRecordSize skips a larger record with one RecordTooLarge error and reads the next' {
        $path = New-TextFile 'big.jsonl' ('{"title":"before"}' + "`n" + '{"title":"' + ('x' * 70000) + '"}' + "`n" + '{"title":"after"}' + "`n")
        @(Get-CsmEvent $path -MaxRecordSize 64KB -ErrorAction SilentlyContinue -ErrorVariable errors).Title | Should -Be @('before', 'after')
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'RecordTooLarge,CsmEvents.Commands.GetCsmEventCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $errors[0].Exception.Message | Should -BeExactly "${path}:2: record larger than the record-size limit of 64 KiB: skipped up to the end of its line, and reading goes on after it (a larger limit: --max-record-size, -MaxRecordSize)"
        @(Test-CsmEvent $path -Schema base -MaxRecordSize 64KB -ErrorAction SilentlyContinue -ErrorVariable testErrors).Count | Should -Be 2
        $testErrors[0].FullyQualifiedErrorId | Should -Be 'RecordTooLarge,CsmEvents.Commands.TestCsmEventCommand'
        @(Get-CsmProcessTree $path -MaxRecordSize 64KB -ErrorAction SilentlyContinue -ErrorVariable treeErrors) | Out-Null
        $treeErrors[0].FullyQualifiedErrorId | Should -Be 'RecordTooLarge,CsmEvents.Commands.GetCsmProcessTreeCommand'
    }

    It 'refuses limits outside 1KB to 1GB at binding, and documents the parameter' {
        { Get-CsmEvent -LiteralPath $TestDrive -MaxRecordSize 2GB } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CsmEvents.Commands.GetCsmEventCommand'
        foreach ($name in 'Get-CsmEvent', 'Test-CsmEvent', 'Get-CsmProcessTree') {
            (Get-Command $name).Parameters['MaxRecordSize'].ParameterType | Should -Be ([long])
            Get-Content -Raw (Join-Path $script:RepoRoot "docs/cmdlets/$name.md") | Should -Match '### -MaxRecordSize'
        }
    }
}

Describe 'Inputs that are not JSON (issue 10 §2.2)' {
    It 'samples/README.md piped from Get-ChildItem is one NotJson error naming the file' {
        $readme = Get-Item (Join-Path $script:SamplesFolder 'README.md')
        @($readme | Get-CsmEvent -ErrorAction SilentlyContinue -ErrorVariable errors).Count | Should -Be 0
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'NotJson,CsmEvents.Commands.GetCsmEventCommand'
        $first = [System.IO.File]::ReadAllText($readme.FullName).Substring(0, 32).Replace("`n", '\n')
        $errors[0].Exception.Message | Should -BeExactly "$($readme.FullName):1: not JSON events: the input begins with `"$first...`" and none of its lines begins with '{' or '[', so it was not read"
    }

    It 'a folder without event files is a warning, not an error' {
        $empty = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'no-events')
        Set-Content -LiteralPath (Join-Path $empty 'notes.txt') -Value 'hello'
        @(Get-CsmEvent $empty -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errors).Count | Should -Be 0
        $errors.Count | Should -Be 0
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "$($empty.FullName): no event files (.json, .jsonl, *) in it; subfolders are read with -Recurse (--recurse)"
    }
}

Describe 'Damaged files (issue 12 items 6, 7, 8, 12)' {
    It 'a truncated gzip gives the records before the cut, then one CorruptCompressedStream error' {
        $lines = -join (0..1999 | ForEach-Object { '{"agent":{"rule_id":"r' + $_ + '"}}' + "`n" })
        $gz = Get-Gzip $utf8.GetBytes($lines)
        $path = New-BytesFile 'cut.jsonl.gz' ([byte[]] $gz[0..($gz.Length - 5)])
        $events = @(Get-CsmEvent $path -ErrorAction SilentlyContinue -ErrorVariable errors)
        $events.Count | Should -Be 2000
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'CorruptCompressedStream,CsmEvents.Commands.GetCsmEventCommand'
        $errors[0].Exception.Message | Should -BeLike "${path}: truncated gzip: the input ends inside the gzip trailer after * decompressed bytes; the records before the cut were read, the rest of the file is missing"
    }

    It 'a broken array element costs that element only, and the error names what was skipped' {
        $path = New-TextFile 'arr.json' ("[`n" + '{"agent":{"rule_id":"a"}},' + "`n" + '{"agent": oops},' + "`n" + '{"agent":{"rule_id":"b"}}' + "`n]`n")
        @(Get-CsmEvent $path -ErrorAction SilentlyContinue -ErrorVariable errors).RuleId | Should -Be @('a', 'b')
        $errors[0].Exception.Message | Should -BeExactly "${path}:3: invalid JSON at column 11: 'o' is an invalid start of a value (array element 1); skipped line 3 (bytes 29-45); reading resumes at line 4"
    }

    It 'UTF-16 with a lone surrogate is an error, and gzipped UTF-16 is read' {
        $text = '{"title":"x' + [char] 0xD800 + '"}' + "`n" + '{"title":"fine"}' + "`n"
        $units = [byte[]] @(0xFF, 0xFE) + [byte[]] @($text.ToCharArray() | ForEach-Object { [byte] ([int] $_ -band 0xFF); [byte] ([int] $_ -shr 8) })
        $path = New-BytesFile 'u16.jsonl' $units
        @(Get-CsmEvent $path -ErrorAction SilentlyContinue -ErrorVariable errors).Title | Should -Be @('fine')
        $errors[0].FullyQualifiedErrorId | Should -Be 'LoneSurrogate,CsmEvents.Commands.GetCsmEventCommand'
        $good = New-BytesFile 'u16.jsonl.gz' (Get-Gzip ([System.Text.Encoding]::Unicode.GetPreamble() + [System.Text.Encoding]::Unicode.GetBytes('{"title":"one"}' + "`n" + '{"title":"two"}' + "`n")))
        @(Get-CsmEvent $good).Title | Should -Be @('one', 'two')
    }

    It 'text after the value is named with its column, not as truncation' {
        @('{"id":2} x', '{"id":3}') | Get-CsmEvent -ErrorAction SilentlyContinue -ErrorVariable errors | Out-Null
        $errors[0].Exception.Message | Should -BeExactly "<pipeline>:1: invalid JSON at column 10: text after the end of the event object ('x')"
    }
}

Describe 'Folders, links, FIFOs (issue 12 items 3, 5, 13)' {
    It 'a symbolic-link loop under -Recurse is named and every file is read once' -Skip:(-not $onLinux) {
        $root = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'loop')
        $null = New-TextFile 'loop/a/e.jsonl' ('{"title":"once"}' + "`n")
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $root 'a/back') -Target $root.FullName
        $events = @(Get-CsmEvent $root -Recurse -WarningVariable warnings -WarningAction SilentlyContinue)
        $events.Count | Should -Be 1
        "$($warnings[0])" | Should -BeExactly "$(Join-Path $root.FullName 'a/back'): folder loop: this link leads back to $($root.FullName), which is already being read; not read again"
    }

    It 'a FIFO found by -Recurse is skipped with a warning' -Skip:(-not $onLinux) {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'fifos')
        $null = New-TextFile 'fifos/ok.jsonl' ('{"title":"ok"}' + "`n")
        & mkfifo (Join-Path $folder 'pipe.jsonl')
        @(Get-CsmEvent $folder -Recurse -WarningVariable warnings -WarningAction SilentlyContinue).Title | Should -Be @('ok')
        "$($warnings[0])" | Should -BeExactly "$(Join-Path $folder.FullName 'pipe.jsonl'): a FIFO (named pipe), not a regular file; skipped (give its path to read it)"
    }

    It 'a FIFO named directly and never written blocks until the pipeline is stopped, then stops at once' -Skip:(-not $onLinux) {
        $fifo = Join-Path $TestDrive 'nobody.jsonl'
        & mkfifo $fifo
        # One script, not two statements: PowerShell runs a batch of statements on a worker thread that reports
        # the stop on the error stream after Stop() has returned, and a Dispose() in between closed that stream and
        # crashed the whole test process (seen once in CI).
        $shell = [PowerShell]::Create()
        $null = $shell.AddScript({ param($Manifest, $Path) Import-Module $Manifest; Get-CsmEvent -LiteralPath $Path }).AddArgument($script:ModuleManifest).AddArgument($fifo)
        $running = $shell.BeginInvoke()
        try {
            Start-Sleep -Milliseconds 800
            $running.IsCompleted | Should -BeFalse
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            Stop-BackgroundShell $shell $running
        }
    }

    It 'an unreadable subfolder is one FileReadError and the rest is read' -Skip:(-not $onLinux) {
        $root = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'perm')
        $null = New-TextFile 'perm/a/ok.jsonl' ('{"title":"a"}' + "`n")
        $null = New-TextFile 'perm/locked/x.jsonl' ('{"title":"x"}' + "`n")
        $null = New-TextFile 'perm/z/ok.jsonl' ('{"title":"z"}' + "`n")
        & chmod 000 (Join-Path $root 'locked')
        try {
            # As root, drop the capabilities that let root read anything, so that the permission is real.
            $script = "Import-Module '$($script:ModuleManifest)'; @(Get-CsmEvent '$($root.FullName)' -Recurse -ErrorVariable e -ErrorAction SilentlyContinue).Title -join ','; `$e | ForEach-Object { `$_.FullyQualifiedErrorId + '|' + `$_.Exception.Message }"
            $pwsh = Get-PwshPath
            if ((& id -u) -eq '0') { $lines = & setpriv '--bounding-set=-dac_override,-dac_read_search' '--inh-caps=-dac_override,-dac_read_search' -- $pwsh -NoProfile -NonInteractive -Command $script }
            else { $lines = & $pwsh -NoProfile -NonInteractive -Command $script }
            $lines[0] | Should -Be 'a,z'
            $lines[1] | Should -BeLike "FileReadError,CsmEvents.Commands.GetCsmEventCommand|$(Join-Path $root.FullName 'locked'): cannot list the folder: *; the rest is read"
        }
        finally {
            & chmod 755 (Join-Path $root 'locked')
        }
    }
}
