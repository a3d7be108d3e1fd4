#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# Text the module formats for display escapes terminal controls: "$event" and the ToString of every object the
# cmdlets write, not only the default views. Values stay exact in properties and in JSON (issue 10 §2.10).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $esc = [char]0x1b
    $line = '{"agent":{"rule_id":"evil\u001b[2Jrule","os":"windows"},"title":"t","evt":{"name":"exec"},"date":"2025-06-03T08:48:07Z","process":{"pid":9036,"executable":{"name":"re\u001b]0;x\u0007g.exe","path":"C:\\re.exe"},"cmdline":"reg"}}'
    # A folder whose name holds an escape sequence (ESC c resets a terminal): an attacker can name the files of a
    # folder a responder collects. No wildcard characters, so that Pester can remove TestDrive.
    $folder = Join-Path $TestDrive "case$($esc)c"
    New-Item -ItemType Directory -Path $folder | Out-Null
    $path = New-ScenarioFile -Folder $folder -FileName 'e.jsonl' -Lines @($line)
}

Describe 'Display text escapes terminal controls' {
    It '"$event" prints the rule and type escaped, the properties stay exact' {
        $evt = $line | Get-CsmEvent
        "$evt" | Should -BeExactly '2025-06-03T08:48:07Z exec evil\x1b[2Jrule'
        $evt.RuleId | Should -BeExactly "evil$esc[2Jrule"
        ($evt | ConvertFrom-CsmEvent | ConvertFrom-Json).agent.rule_id | Should -BeExactly "evil$esc[2Jrule"
    }

    It '"$($event.Process)" and "$($event.Source)" print escaped text' {
        $evt = Get-CsmEvent -LiteralPath $path
        "$($evt.Process)" | Should -BeExactly 're\x1b]0;x\x07g.exe (9036)'
        "$($evt.Source)" | Should -BeExactly ($path.Replace("$esc", '\x1b') + ':1')
        $evt.Source.Path | Should -BeExactly $path
    }

    It '"$result" of Test-CsmEvent -Detailed prints the source escaped' {
        $result = Test-CsmEvent -LiteralPath $path -Detailed
        "$result" | Should -Not -Match ([regex]::Escape("$esc"))
        "$result" | Should -BeExactly ($path.Replace("$esc", '\x1b') + ':1: valid')
    }

    It '"$node" of Get-CsmProcessTree prints the name escaped' {
        $nodes = @($line | Get-CsmEvent | Get-CsmProcessTree)
        ($nodes | ForEach-Object { "$_" }) -join "`n" | Should -Not -Match ([regex]::Escape("$esc"))
        "$($nodes[-1])" | Should -Match ([regex]::Escape('re\x1b]0;x\x07g.exe (9036)'))
    }

    It 'the default views and error messages print no control character' {
        $evt = Get-CsmEvent -LiteralPath $path
        ($evt | Out-String -Width 200) + ($evt | Format-List | Out-String -Width 200) | Should -Not -Match ([regex]::Escape("$esc"))
        $null = "{`"a`":1}`n{bad" | Set-Content -LiteralPath (Join-Path $folder 'bad.jsonl') -PassThru
        Get-CsmEvent -LiteralPath (Join-Path $folder 'bad.jsonl') -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
        $errors.Count | Should -Be 1
        $errors[0].Exception.Message | Should -Not -Match ([regex]::Escape("$esc"))
    }
}
