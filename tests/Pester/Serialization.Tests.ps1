#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# Events that cross a serialization boundary come back as live CsmEvents (issue 10 §2.6): Export-Clixml and
# Import-Clixml, Start-Job and Receive-Job (the serializer Invoke-Command uses, at depth 1), and PSSerializer at
# depth 1. A responder collecting events from many hosts gets the same JSON lines, views and trees as in one process.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $samplesPresent = Test-Path -LiteralPath (Join-Path $script:SamplesFolder 'datadog/logs-search-page.json')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    $manifest = $script:ModuleManifest
    # Datadog events carry a host (envelope) and file events a source line: both must survive.
    $datadogFile = Join-Path $script:SamplesFolder 'datadog/logs-search-page.json'
    $windowsFile = Join-Path $script:SamplesFolder 'windows/incident-ws01.jsonl'
    $originals = @(Get-CsmEvent -LiteralPath $datadogFile, $windowsFile)

    # What a user sees of a set of events: JSON lines, the default view, the text tree, the verdicts.
    function Get-EventPicture {
        param([object[]] $Events)
        [pscustomobject]@{
            Json     = @($Events | ConvertFrom-CsmEvent)
            View     = ($Events | Out-String -Width 120)
            List     = ($Events | Select-Object -First 3 | Format-List | Out-String -Width 120)
            Tree     = @($Events | Get-CsmProcessTree -AsText)
            Verdicts = @($Events | Test-CsmEvent -WarningAction SilentlyContinue)
            Sources  = @($Events | ForEach-Object { $_.Source.Location })
            Hosts    = @($Events | ForEach-Object { $_.HostName })
        }
    }

    function Assert-SamePicture {
        param([object[]] $Received)
        $Received.Count | Should -Be $originals.Count
        @($Received | Where-Object { $_ -isnot [CsmEvents.Model.CsmEvent] }).Count | Should -Be 0
        $expected = Get-EventPicture $originals
        $actual = Get-EventPicture $Received
        $actual.Json | Should -Be $expected.Json
        $actual.View | Should -BeExactly $expected.View
        $actual.List | Should -BeExactly $expected.List
        $actual.Tree | Should -Be $expected.Tree
        $actual.Verdicts | Should -Be $expected.Verdicts
        $actual.Sources | Should -Be $expected.Sources
        $actual.Hosts | Should -Be $expected.Hosts
    }
}

Describe 'Events across serialization boundaries' -Skip:(-not $samplesPresent) {
    It 'the picture has what the round trips must keep' {
        $picture = Get-EventPicture $originals
        $picture.View | Should -Match '2025-06-03 09:41:07 web-01     exec'
        $picture.View | Should -Match 'sh \(24311\)'
        $picture.Hosts | Should -Contain 'web-01'
        $picture.Tree | Should -Contain 'host: web-01'
    }

    It 'Export-Clixml / Import-Clixml gives live CsmEvents with the same JSON, views, trees and verdicts' {
        $path = Join-Path $TestDrive 'events.xml'
        $originals | Export-Clixml -LiteralPath $path
        Assert-SamePicture @(Import-Clixml -LiteralPath $path)
    }

    It 'Start-Job / Receive-Job (the remoting serializer, depth 1) gives the same events' {
        $job = Start-Job -ScriptBlock {
            param($Manifest, $Paths)
            Import-Module $Manifest
            Get-CsmEvent -LiteralPath $Paths
        } -ArgumentList $manifest, @($datadogFile, $windowsFile)
        try {
            $received = @($job | Wait-Job -Timeout 120 | Receive-Job)
        }
        finally {
            $job | Remove-Job -Force
        }
        Assert-SamePicture $received
    }

    It 'PSSerializer at depth 1, as Invoke-Command serializes, gives the same events' {
        $text = [System.Management.Automation.PSSerializer]::Serialize($originals, 1)
        Assert-SamePicture @([System.Management.Automation.PSSerializer]::Deserialize($text))
    }

    It 'the serialized text carries the event JSON in the hidden SerializedEvent property' {
        $text = [System.Management.Automation.PSSerializer]::Serialize($originals[0], 1)
        $text | Should -Match '<S N="SerializedEvent">'
        @($originals[0] | Get-Member -Name SerializedEvent).Count | Should -Be 0
        @($originals[0] | Get-Member -Name SerializedEvent -Force).Count | Should -Be 1
        ($originals[0] | Format-List * | Out-String) | Should -Not -Match 'SerializedEvent'
    }

    It 'events deserialized before the module was imported are taken by every cmdlet' {
        $path = Join-Path $TestDrive 'late.xml'
        $originals | Export-Clixml -LiteralPath $path
        $script = {
            param($Path, $Manifest)
            $received = @(Import-Clixml -LiteralPath $Path)
            $types = @($received | ForEach-Object { $_.PSObject.TypeNames[0] } | Select-Object -Unique)
            Import-Module $Manifest
            [pscustomobject]@{
                Types     = $types
                Json      = @($received | ConvertFrom-CsmEvent)
                Tree      = @($received | Get-CsmProcessTree -AsText)
                Verdicts  = @($received | Test-CsmEvent -WarningAction SilentlyContinue)
                Converted = @($received | ConvertTo-CsmEvent | ConvertFrom-CsmEvent)
            } | ConvertTo-Json -Depth 3 -Compress
        }
        $output = & (Get-PwshPath) -NoProfile -NonInteractive -Command $script -args $path, $manifest
        $LASTEXITCODE | Should -Be 0
        $late = ($output -join "`n") | ConvertFrom-Json
        $late.Types | Should -Be @('Deserialized.CsmEvents.Model.CsmEvent')
        $expected = Get-EventPicture $originals
        @($late.Json) | Should -Be $expected.Json
        @($late.Tree) | Should -Be $expected.Tree
        @($late.Verdicts) | Should -Be $expected.Verdicts
        @($late.Converted) | Should -Be $expected.Json
    }

    It 'a session without the module still sees the summary properties' {
        $path = Join-Path $TestDrive 'plain.xml'
        $originals[0] | Export-Clixml -LiteralPath $path
        $output = & (Get-PwshPath) -NoProfile -NonInteractive -Command {
            param($Path)
            $e = Import-Clixml -LiteralPath $Path
            '{0}|{1}|{2}|{3}' -f $e.RuleId, $e.EventType, $e.HostName, $e.ProcessName
        } -args $path
        $output | Should -BeExactly ('{0}|{1}|{2}|{3}' -f $originals[0].RuleId, $originals[0].EventType, $originals[0].HostName, $originals[0].ProcessName)
    }
}
