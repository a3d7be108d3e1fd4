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

Describe 'ConvertFrom-CsmEvent -As (timeline exports, read back by Python''s csv and json modules)' {
    BeforeAll {
        $python = Get-Command python3, python -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        # Independent parsers: what Python's own csv and json modules read from the files, as JSON. Dates stay text
        # (PowerShell 7.5+ would turn ISO strings into DateTime objects; 5.1 never does).
        $asText = @{}
        if ((Get-Command ConvertFrom-Json).Parameters.ContainsKey('DateKind')) { $asText.DateKind = 'String' }
        function Read-WithPython([string] $Script, [string] $File) {
            if (-not $python) { throw 'Python is missing: the export tests parse with Python''s csv and json modules (apt-get install python3)' }
            $json = & $python.Source -c $Script $File
            $LASTEXITCODE | Should -Be 0 -Because 'Python must parse the file'
            , ($json | ConvertFrom-Json @asText)
        }
        $readCsv = "import csv, json, sys`nwith open(sys.argv[1], newline='', encoding='utf-8') as f: json.dump(list(csv.reader(f, strict=True)), sys.stdout)"
        $readJsonLines = "import json, sys`nfrom datetime import datetime`nrows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]`n" +
            "for r in rows: r['_parsed'] = datetime.fromisoformat(r['datetime']).isoformat()`njson.dump(rows, sys.stdout)"
        Push-Location $script:RepoRoot
    }

    AfterAll {
        Pop-Location
    }

    It 'Example 5: writes Timesketch JSON lines with the required fields' {
        $file = Join-Path $TestDrive 'web01.jsonl'
        Get-CsmEvent ./samples/datadog/logs-search-page.json | ConvertFrom-CsmEvent -As Timesketch | Set-Content $file
        $first = (Get-Content $file)[0] | ConvertFrom-Json
        $first.timestamp | Should -Be 1748943667484120
        $first.timestamp_desc | Should -BeExactly 'Event Time'
        $first.host | Should -BeExactly 'web-01'
        $first.message | Should -BeLike "shell_spawned_by_webserver: exec sh (24311) sh -c 'mkdir -p /tmp/.x && curl *"
        $rows = Read-WithPython $readJsonLines $file
        $rows.Count | Should -Be 8
        $rows[0].datetime | Should -BeExactly '2025-06-03T09:41:07.484120+00:00'
        $rows[0]._parsed | Should -BeExactly '2025-06-03T09:41:07.484120+00:00'
        $rows[0].time_utc | Should -BeExactly '2025-06-03T09:41:07.484120966Z'
        @($rows | ForEach-Object rule_id) | Should -Be @(Get-CsmEvent ./samples/datadog/logs-search-page.json | ForEach-Object RuleId)
        foreach ($row in $rows) { $row.message | Should -Not -BeNullOrEmpty; $row.pid | Should -BeOfType long }
    }

    It 'Example 6: writes a CSV timeline with the documented columns' {
        $file = Join-Path $TestDrive 'ws01.csv'
        Get-CsmEvent ./samples/windows/incident-ws01.jsonl | ConvertFrom-CsmEvent -As Csv | Set-Content $file -Encoding utf8
        @(Import-Csv $file | Where-Object event_type -EQ set_key_value | ForEach-Object { '{0} {1}' -f $_.time_utc, $_.process_name }) |
            Should -Be @('2025-06-03T08:47:55.8139105Z WINWORD.EXE', '2025-06-03T08:48:07.1893317Z reg.exe')
        $rows = Read-WithPython $readCsv $file
        $rows[0] | Should -Be @('time_utc', 'host', 'platform', 'rule_id', 'event_type', 'category', 'outcome', 'process_name', 'pid', 'ppid', 'user', 'command_line', 'target', 'source')
        $rows.Count | Should -Be 25
        $events = @(Get-CsmEvent ./samples/windows/incident-ws01.jsonl)
        for ($i = 0; $i -lt $events.Count; $i++) {
            $rows[$i + 1][3] | Should -BeExactly $events[$i].RuleId
            $rows[$i + 1][11] | Should -BeExactly $events[$i].Process.CommandLine
            $rows[$i + 1][13] | Should -BeExactly $events[$i].Source.ToString()
        }
    }

    It 'neutralises formulas in CSV cells and keeps commas, quotes and line breaks' {
        $event = '{"agent":{"rule_id":"=1+1","os":"linux"},"evt":{"name":"exec"},"date":"2025-06-03T09:00:00Z","process":{"pid":9,"comm":"@x","argv0":"-sh","args":["a,b","say \"hi\"\nbye"]}}' | ConvertTo-CsmEvent
        $file = Join-Path $TestDrive 'formula.csv'
        $event | ConvertFrom-CsmEvent -As Csv | Set-Content $file -Encoding utf8
        $row = (Read-WithPython $readCsv $file)[1]
        $row[3] | Should -BeExactly "'=1+1"
        $row[7] | Should -BeExactly "'@x"
        $row[11] | Should -BeExactly ("'-sh a,b 'say `"hi`"" + "`n" + "bye'")
    }

    It 'reports an event without time for Timesketch and writes the next one' {
        $events = '{"evt":{"name":"open"}}', '{"evt":{"name":"open"},"date":"2025-06-03T09:00:00Z"}' | ConvertTo-CsmEvent
        $output = @($events | ConvertFrom-CsmEvent -As Timesketch -ErrorVariable errors -ErrorAction SilentlyContinue)
        $output.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "MissingTimestamp,$class"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'keeps its default (lossless JSON lines) and refuses -Indented with a timeline format' {
        $line = Get-Content ./samples/linux/newer-agent.jsonl -TotalCount 1
        $line | Get-CsmEvent | ConvertFrom-CsmEvent | Should -BeExactly $line
        $line | Get-CsmEvent | ConvertFrom-CsmEvent -As Json | Should -BeExactly $line
        { $line | Get-CsmEvent | ConvertFrom-CsmEvent -As Csv -Indented } |
            Should -Throw -ErrorId "InvalidParameterValue,$class" -ExpectedMessage '-Indented applies to JSON only; Csv output is one line per event'
        { $line | Get-CsmEvent | ConvertFrom-CsmEvent -As Xml } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,CsmEvents.Commands.ConvertFromCsmEventCommand'
        $completion = 'ConvertFrom-CsmEvent -As T'
        (TabExpansion2 -inputScript $completion -cursorColumn $completion.Length).CompletionMatches.CompletionText | Should -Be @('Timesketch')
    }
}

Describe 'ConvertFrom-CsmEvent -As DatadogLog (events saved with their Datadog log records)' {
    BeforeAll {
        Push-Location $script:RepoRoot
    }

    AfterAll {
        Pop-Location
    }

    It 'Example 7: saved log records read back with the same events and envelopes' {
        $file = Join-Path $TestDrive 'web01-logs.jsonl'
        Get-CsmEvent ./samples/datadog/logs-search-page.json | ConvertFrom-CsmEvent -As DatadogLog | Set-Content $file
        $original = @(Get-CsmEvent ./samples/datadog/logs-search-page.json)
        $back = @(Get-CsmEvent $file)
        $back.Count | Should -Be 8
        for ($i = 0; $i -lt $original.Count; $i++) {
            ($back[$i] | ConvertFrom-CsmEvent) | Should -BeExactly ($original[$i] | ConvertFrom-CsmEvent)
            $a = $original[$i].Source.Envelope
            $b = $back[$i].Source.Envelope
            $b.Host | Should -BeExactly 'web-01'
            $b.Id | Should -BeExactly $a.Id
            $b.Message | Should -BeExactly $a.Message
            $b.Status | Should -BeExactly $a.Status
            $b.TimestampText | Should -BeExactly $a.TimestampText
            $b.Tags | Should -Be $a.Tags
            $back[$i].HostName | Should -BeExactly 'web-01'
            $back[$i].Source.Line | Should -Be ($i + 1)
        }
        $original[0].Source.Envelope.Message | Should -Not -BeNullOrEmpty
    }

    It 'keeps the hosts of two logs apart in a process tree of the saved file' {
        function LogOn([string] $Id, [string] $HostName, [string] $Comm) {
            '{"id":"' + $Id + '","type":"log","attributes":{"attributes":{"agent":{"rule_id":"r","os":"linux"},"evt":{"name":"exec"},' +
            '"date":"2024-05-01T12:00:00Z","process":{"pid":4242,"ppid":100,"comm":"' + $Comm + '","parent":{"pid":100,"ppid":1,"comm":"bash"}}},' +
            '"host":"' + $HostName + '","timestamp":"2024-05-01T12:00:00.000Z"}}'
        }
        $file = Join-Path $TestDrive 'two-hosts.jsonl'
        @((LogOn 'A1' 'web-1' 'id'), (LogOn 'A2' 'web-2' 'curl')) | ConvertTo-CsmEvent | ConvertFrom-CsmEvent -As DatadogLog | Set-Content $file
        @(Get-CsmProcessTree -LiteralPath $file | ForEach-Object { '{0}:{1}:{2}' -f $_.Host, $_.Pid, $_.Depth }) |
            Should -Be @('web-1:100:0', 'web-1:4242:1', 'web-2:100:0', 'web-2:4242:1')
        # The same events as plain JSON lines have no host: the file is the one host, with one root.
        $plain = Join-Path $TestDrive 'plain.jsonl'
        Get-CsmEvent $file | ConvertFrom-CsmEvent | Set-Content $plain
        $nodes = @(Get-CsmProcessTree -LiteralPath $plain -WarningVariable warnings -WarningAction SilentlyContinue)
        @($nodes | ForEach-Object Host | Select-Object -Unique) | Should -Be @($plain)
        @($nodes | Where-Object Depth -EQ 0).Count | Should -Be 1
        # Without times, the two pids 4242 of one host are two processes (curl and id), which the tree says.
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*: pid 4242 (curl, id)'
        @($nodes | Where-Object Pid -EQ 4242).Count | Should -Be 2
    }

    It 'refuses -Indented and completes the format name' {
        { '{"a":1}' | ConvertTo-CsmEvent | ConvertFrom-CsmEvent -As DatadogLog -Indented } |
            Should -Throw -ErrorId "InvalidParameterValue,$class" -ExpectedMessage '-Indented applies to JSON only; DatadogLog output is one line per event'
        '{"a":1}' | ConvertTo-CsmEvent | ConvertFrom-CsmEvent -As DatadogLog | Should -BeExactly '{"type":"log","attributes":{"attributes":{"a":1}}}'
        $completion = 'ConvertFrom-CsmEvent -As D'
        (TabExpansion2 -inputScript $completion -cursorColumn $completion.Length).CompletionMatches.CompletionText | Should -Be @('DatadogLog')
    }
}
