# Every example of every docs/cmdlets page runs here, and what it shows must be what the module writes: a new
# example is tested as soon as it is written. How a command runs and how its output is rendered (a copy of samples/,
# a fresh runspace, Out-String at the width a 120-column console shows, the Datadog stub): see ExampleRunner.ps1.
#
# What the comparison forgives, and nothing else:
# - the folder that holds samples/ is written "…" in the pages ("…/samples/linux/incident-web01.jsonl");
# - trailing spaces, and blank lines before and after the output of each command;
# - a last shown line "..." means the output goes on: the lines shown before it must be the first lines written.
#   (ConvertFrom-CsmEvent Example 2, whose page says so.)
# Examples that need Datadog run against the stub (ExampleRunner.ps1): they must show the stub's events. An example
# that names backend_linux.schema.json, which the user downloads, gets the copy in ../shared; one that fetches schemas
# (Save-CsmSchema) fetches them from a loopback mirror of ../shared; both are skipped, saying so, where ../shared is
# absent.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ExampleRunner.ps1')
    $examples = @(Get-DocumentedExample)
    $pages = @(Get-ChildItem -LiteralPath (Join-Path $script:RepoRoot 'docs/cmdlets') -Filter '*-*.md' | Sort-Object Name | ForEach-Object {
            @{ Page = $_.BaseName; Path = $_.FullName }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ExampleRunner.ps1')
    Import-CsmEventsModule
}

Describe 'Documented examples: <Page>' -ForEach $pages {
    It 'has examples, each with a PowerShell block of PS> commands' {
        $found = @(Get-DocumentedExample | Where-Object { $_.Page -eq $Page })
        $headings = @(Get-Content -LiteralPath $Path -Encoding UTF8 | Where-Object { $_ -match '^### Example \d+' })
        $found.Count | Should -Be $headings.Count
        $found.Count | Should -BeGreaterThan 1 -Because 'every cmdlet page shows at least two examples'
        foreach ($example in $found) {
            $example.Block | Should -Not -BeNullOrEmpty -Because "$($example.Title) needs a ``````powershell block"
            @(Get-ExampleStep $example.Block | Where-Object { $_.Command.Trim().Length -gt 0 }).Count | Should -BeGreaterThan 0 -Because "$($example.Title) needs a PS> command"
        }
    }
}

Describe 'Documented example: <Page> <Title>' -ForEach $examples {
    It 'shows what the module writes' {
        if ($PSVersionTable.PSEdition -eq 'Desktop') {
            Set-ItResult -Skipped -Because 'the pages show PowerShell 7 output (ConciseView errors); Windows PowerShell 5.1 renders errors differently'
            return
        }
        $text = $Block -join "`n"
        $needsSchema = $text -match 'backend_linux\.schema\.json'
        if ($needsSchema -and -not (Test-SharedSchemaFolder)) {
            Set-ItResult -Skipped -Because "it needs Datadog's backend_linux.schema.json, served from ../shared/datadog-agent-schemas, which is absent"
            return
        }
        $steps = @(Get-ExampleStep $Block)
        $fetches = @($steps | Where-Object { Test-SchemaFetch $_.Command }).Count -gt 0
        if ($fetches -and -not (Test-SharedSchemaFolder)) {
            Set-ItResult -Skipped -Because "it fetches Datadog's published schemas, served in tests from ../shared/datadog-agent-schemas, which is absent"
            return
        }
        $session = New-DocumentedExampleSession -Steps $steps
        $stub = $session.Stub
        try {
            foreach ($step in $steps) {
                if ($step.Command.Trim().Length -eq 0) {
                    # A prompt with nothing typed shows nothing.
                    (ConvertTo-ComparableText $step.Shown) | Should -BeExactly '' -Because "an empty PS> prompt in $Title shows no output"
                    continue
                }
                $result = Invoke-ExampleStep -Session $session -Command $step.Command
                $actual = ConvertTo-ComparableText -Lines $result.Lines -Folder $session.Folder -Cache $session.Cache
                $shown = @($step.Shown)
                $nonBlank = @($shown | Where-Object { $_.Trim().Length -gt 0 })
                $elided = $nonBlank.Count -gt 0 -and $nonBlank[-1].Trim() -eq '...'
                if ($elided) {
                    $lastShown = [array]::LastIndexOf($shown, @($shown | Where-Object { $_.Trim() -eq '...' })[-1])
                    $expected = ConvertTo-ComparableText ($shown[0..($lastShown - 1)])
                    $actualStart = (($actual -split "`n") | Select-Object -First (($expected -split "`n").Count)) -join "`n"
                    $actualStart | Should -BeExactly $expected -Because "the page shows the start of the output of: $($step.Command)"
                }
                else {
                    $actual | Should -BeExactly (ConvertTo-ComparableText $shown) -Because "the page shows this output for: $($step.Command)"
                }
            }
            if ($null -ne $stub) {
                @($stub.Requests.ToArray()).Count | Should -BeGreaterThan 0 -Because 'the example searches Datadog (here the loopback stub)'
            }
        }
        finally {
            Close-ExampleSession $session
        }
    }
}
