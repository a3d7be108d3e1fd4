#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# Numbers keep the text they were written with in every writer of event JSON (issue 10 §2.5, issue 12 item 9):
# ConvertFrom-CsmEvent (compact and -Indented), Get-CsmProcessTree -Format Json -IncludeEvents, ConvertTo-CsmEvent.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $line = '{"agent":{"rule_id":"r"},"process":{"pid":7,"comm":"sh","ppid":-0},"n":1.25e3,"z":-0,"zd":-0.0,"e":2E+5,"d":1.50}'
}

Describe 'Number text survives every writer' {
    It 'Get-CsmEvent | ConvertFrom-CsmEvent writes 1.25e3 and -0 as read' {
        $line | Get-CsmEvent | ConvertFrom-CsmEvent | Should -BeExactly $line
    }

    It 'a file read by Get-CsmEvent comes back byte for byte, as csm-events get writes it' {
        $path = New-ScenarioFile -Folder $TestDrive -FileName 'numbers.jsonl' -Lines @($line)
        Get-CsmEvent -LiteralPath $path | ConvertFrom-CsmEvent | Should -BeExactly $line
    }

    It 'ConvertFrom-CsmEvent -Indented keeps the number text' {
        $text = $line | Get-CsmEvent | ConvertFrom-CsmEvent -Indented
        $text | Should -Match '"n": 1\.25e3,'
        $text | Should -Match '"z": -0,'
        $text | Should -Match '"zd": -0\.0,'
        $text | Should -Match '"e": 2E\+5,'
        $text | Should -Match '"ppid": -0\r?\n'
    }

    It 'Get-CsmProcessTree -Format Json -IncludeEvents keeps the number text of the events' {
        $json = $line | Get-CsmEvent | Get-CsmProcessTree -Format Json -IncludeEvents
        $json | Should -Match '"n": 1\.25e3'
        $json | Should -Match '"z": -0,'
    }

    It 'ConvertTo-CsmEvent from JSON text keeps the number text' {
        $line | ConvertTo-CsmEvent | ConvertFrom-CsmEvent | Should -BeExactly $line
    }

    It 'an untyped number read as 1.25e3 compares and sorts by value' {
        $evt = $line | Get-CsmEvent
        $evt.AdditionalProperties['n'] -gt 1000 | Should -BeTrue
        $evt.AdditionalProperties['n'] -lt 2000 | Should -BeTrue
        [double] $evt.AdditionalProperties['n'] | Should -Be 1250
        "$($evt.AdditionalProperties['n'])" | Should -BeExactly '1.25e3'
    }

    It 'ConvertTo-CsmEvent from objects writes a [double] -0.0 as -0 and a [double] 1250 as 1250' {
        # ConvertFrom-Json has already turned 1.25e3 into [double] 1250: the text is gone, the value is written.
        $fromJson = '{"n":1.25e3,"zd":-0.0}' | ConvertFrom-Json
        $fromJson.zd | Should -BeOfType [double]
        $fromJson | ConvertTo-CsmEvent | ConvertFrom-CsmEvent | Should -BeExactly '{"n":1250,"zd":-0}'
        [ordered]@{ z = [double]'-0.0' } | ConvertTo-CsmEvent | ConvertFrom-CsmEvent | Should -BeExactly '{"z":-0}'
    }
}
