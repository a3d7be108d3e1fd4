#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $commands = @('ConvertFrom-CsmEvent', 'ConvertTo-CsmEvent', 'Export-CsmReport', 'Get-CsmEvent', 'Get-CsmProcessTree', 'Get-CsmSchema', 'Save-CsmSchema', 'Test-CsmEvent') | ForEach-Object { @{ Command = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    # PowerShell 7.2+ may colour list labels; compare plain text.
    if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
    # A script for a child PowerShell that imports the built module and round-trips one event. Encoded, because
    # Windows PowerShell 5.1 mangles double quotes in native arguments.
    function ConvertTo-EncodedCommand([string] $EventText) {
        $commandText = "Import-Module '$($script:ModuleManifest)' -ErrorAction Stop; '$($EventText.Replace("'", "''"))' | Get-CsmEvent | ConvertFrom-CsmEvent"
        [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($commandText))
    }
    $event = '{"agent":{"rule_id":"r1","os":"linux"},"evt":{"name":"open"},"date":"2025-06-03T09:41:15.5Z","process":{"pid":7,"comm":"cat"},"file":{"path":"/etc/shadow"}}'
}

Describe 'CsmEvents module' {
    It 'passes Test-ModuleManifest and exports exactly its cmdlets' {
        $manifest = Test-ModuleManifest -Path $script:ModuleManifest
        @($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be @('ConvertFrom-CsmEvent', 'ConvertTo-CsmEvent', 'Export-CsmReport', 'Get-CsmEvent', 'Get-CsmProcessTree', 'Get-CsmSchema', 'Save-CsmSchema', 'Test-CsmEvent')
        $manifest.ExportedFunctions.Count | Should -Be 0
        $manifest.ExportedAliases.Count | Should -Be 0
        @(Get-Command -Module CsmEvents | Sort-Object Name).Name | Should -Be @('ConvertFrom-CsmEvent', 'ConvertTo-CsmEvent', 'Export-CsmReport', 'Get-CsmEvent', 'Get-CsmProcessTree', 'Get-CsmSchema', 'Save-CsmSchema', 'Test-CsmEvent')
    }

    It 'imports and reads events in a fresh PowerShell session' {
        $shell = Get-PwshPath
        $output = & $shell -NoProfile -NonInteractive -EncodedCommand (ConvertTo-EncodedCommand $event)
        $LASTEXITCODE | Should -Be 0
        $output | Should -BeExactly $event
    }

    It 'imports and reads events in Windows PowerShell 5.1 (System.Text.Json from Dependencies)' {
        $found = Get-Command powershell.exe -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if (-not $found) { Set-ItResult -Skipped -Because 'Windows PowerShell 5.1 (powershell.exe) exists only on Windows' }
        $shell = $found.Source
        $output = & $shell -NoProfile -NonInteractive -EncodedCommand (ConvertTo-EncodedCommand $event)
        $LASTEXITCODE | Should -Be 0
        $output | Should -BeExactly $event
    }

    It 'removes cleanly and imports again' {
        Remove-Module CsmEvents
        Import-CsmEventsModule
        ($event | Get-CsmEvent).RuleId | Should -Be 'r1'
    }

    It 'registers table and list views and the extended members' {
        $views = Get-FormatData -TypeName CsmEvents.Model.CsmEvent
        @($views.FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name }) | Should -Contain 'TableControl'
        @($views.FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name }) | Should -Contain 'ListControl'
        (Get-TypeData CsmEvents.Model.CsmEvent).Members.Keys | Should -Contain 'ProcessName'
        ($event | Get-CsmEvent | Format-List | Out-String) | Should -Match 'Target\s+: /etc/shadow'
    }
}

# The build makes en-US/CsmEvents.dll-Help.xml from docs/cmdlets; Help.Tests.ps1 compares what Get-Help shows in detail.
Describe 'Help of <Command>' -ForEach $commands {
    BeforeAll {
        $help = Get-Help $Command -Full
        $cmdlet = Get-Command $Command
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    }

    It 'has a synopsis, a description and at least two examples' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*Get-|^\s*ConvertT|^\s*ConvertF|^\s*Test-|^\s*Export-' # not the generated syntax
        ($help.Description | Out-String) | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        foreach ($name in $cmdlet.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $parameter = $help.Parameters.Parameter | Where-Object Name -EQ $name
            $parameter | Should -Not -BeNullOrEmpty -Because "-$name needs help"
            ($parameter.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
    }
}
