#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# One rule for every time parameter (issue 10 section 2 item 9): text without an offset is UTC, in -After/-Before as in
# -From/-To and the CLI; a [datetime] that does not say its zone is UTC too; a Get-Date value is its instant. Run in a
# child pwsh with TZ=America/New_York (UTC-4 in June), where a local reading would move every bound by four hours.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $samplesPresent = Test-Path -LiteralPath (Join-Path $script:SamplesFolder 'linux/incident-web01.jsonl')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule

    # Runs a script in a fresh pwsh whose time zone is New York; it gets the module imported and TestHelpers.ps1
    # dot-sourced, and returns its output as JSON (one object).
    function Invoke-InNewYork([string] $Script) {
        $helpers = Join-Path $PSScriptRoot 'TestHelpers.ps1'
        $full = "`$ErrorActionPreference = 'Stop'; . '$helpers'; Import-Module '$($script:ModuleManifest)'; Set-Location '$($script:RepoRoot)'; " +
            "& { $Script } | ConvertTo-Json -Depth 5 -Compress"
        $saved = $env:TZ
        try {
            $env:TZ = 'America/New_York'
            $json = & (Get-PwshPath) -NoProfile -NonInteractive -Command $full
        }
        finally {
            $env:TZ = $saved
        }
        $json | ConvertFrom-Json
    }
}

Describe 'Time parameters in a New York session' -Skip:(-not $samplesPresent) {
    It 'runs the child session in New York' {
        (Invoke-InNewYork '[TimeZoneInfo]::Local.GetUtcOffset([datetime]::new(2025, 6, 3, 9, 41, 0, [DateTimeKind]::Utc)).TotalHours') | Should -Be -4
    }

    It '-After and -Before read text without an offset as UTC, like text with Z' {
        $counts = Invoke-InNewYork @'
$file = 'samples/linux/incident-web01.jsonl'
[pscustomobject]@{
    Z           = @(Get-CsmEvent $file -After '2025-06-03T09:41:00Z' -Before '2025-06-03T09:42:00Z').Count
    NoOffset    = @(Get-CsmEvent $file -After '2025-06-03T09:41:00' -Before '2025-06-03T09:42:00').Count
    Unspecified = @(Get-CsmEvent $file -After ([datetime]'2025-06-03T09:41:00') -Before (Get-Date '2025-06-03T09:42:00')).Count
    LocalDates  = @(Get-CsmEvent $file -After (Get-Date '2025-06-03T05:41:00-04:00') -Before ([datetimeoffset]'2025-06-03T05:42:00-04:00')).Count
    Tree        = @(Get-CsmProcessTree -InputObject (Get-CsmEvent $file -After '2025-06-03T09:41:00' -Before '2025-06-03T09:42:00') -AsText).Count
}
'@
        $counts.Z | Should -Be 13
        $counts.NoOffset | Should -Be 13
        $counts.Unspecified | Should -Be 13
        $counts.LocalDates | Should -Be 13
        $counts.Tree | Should -BeGreaterThan 1
    }

    It '-From and -To send text without an offset, and dates that do not say their zone, as UTC' {
        $sent = Invoke-InNewYork @'
$empty = '{"data":[],"meta":{"page":{},"status":"done"}}'
$stub = Start-DatadogStub -Pages @($empty, $empty, $empty)
try {
    $key = ConvertTo-SecureString 'stubApiKeySECRET0001' -AsPlainText -Force
    Get-CsmEvent -Query 'x' -From '2025-06-03T09:41:00' -To '2025-06-03T09:42:00' -ApiUrl $stub.Url -ApiKey $key -ApplicationKey $key
    Get-CsmEvent -Query 'x' -From ([datetime]'2025-06-03T09:41:00') -To (Get-Date '2025-06-03T09:42:00') -ApiUrl $stub.Url -ApiKey $key -ApplicationKey $key
    Get-CsmEvent -Query 'x' -From (Get-Date '2025-06-03T05:41:00-04:00') -To '2025-06-03T05:42:00-04:00' -ApiUrl $stub.Url -ApiKey $key -ApplicationKey $key
    @($stub.Requests.ToArray() | ForEach-Object { [regex]::Match($_, '"from":"[^"]*","to":"[^"]*"').Value })
}
finally { Stop-DatadogStub $stub }
'@
        $sent | Should -Be @(
            '"from":"2025-06-03T09:41:00.000Z","to":"2025-06-03T09:42:00.000Z"',
            '"from":"2025-06-03T09:41:00.000Z","to":"2025-06-03T09:42:00.000Z"',
            '"from":"2025-06-03T09:41:00.000Z","to":"2025-06-03T09:42:00.000Z"')
    }

    It 'refuses text that is no time, saying the rule' {
        { Get-CsmEvent samples -After 'yesterday' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,CsmEvents.Commands.GetCsmEventCommand'
        try { Get-CsmEvent samples -After 'yesterday' } catch { $message = $_.Exception.Message }
        $message | Should -BeExactly "Cannot process argument transformation on parameter 'After'. 'yesterday' is not a time (use RFC 3339 such as 2026-11-20T10:00:00Z, a date, or now-6h; a time without an offset is UTC)."
    }
}

Describe 'Help of the time parameters' {
    It 'states the rule for <Command> -<Name>' -ForEach @(
        @{ Command = 'Get-CsmEvent'; Name = 'After' }, @{ Command = 'Get-CsmEvent'; Name = 'Before' }, @{ Command = 'Get-CsmEvent'; Name = 'From' },
        @{ Command = 'Get-CsmEvent'; Name = 'To' }, @{ Command = 'Test-CsmEvent'; Name = 'From' }, @{ Command = 'Test-CsmEvent'; Name = 'To' }) {
        (Get-Help $Command -Parameter $Name | Out-String -Width 200) -replace '\s+', ' ' | Should -Match 'Text without an offset \(`2025-06-03T09:41:00`\) is UTC'
    }
}
