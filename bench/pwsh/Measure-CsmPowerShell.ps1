#Requires -Version 7.2
<#
.SYNOPSIS
    The PowerShell benchmark: CsmEvents cmdlets against PowerShell's own JSON cmdlets on the same generated events.

.DESCRIPTION
    Run from the repository root after `dotnet build -c Release` (module in out/CsmEvents):

        dotnet pwsh -NoProfile bench/pwsh/Measure-CsmPowerShell.ps1

    Generates bench/data/windows-100000.jsonl (100,000 Windows events, 5% with one schema violation; bench/data is
    not committed) with the bench console, then measures, each pair alternating run by run:
      1. Reading as whole processes (a fresh pwsh each run, module import included):
         `Get-CsmEvent FILE | Measure-Object` against `Get-Content FILE | ConvertFrom-Json | Measure-Object`:
         wall time, CPU time (user + system) and peak memory of the process, through /usr/bin/time.
      2. Reading in this one warm pwsh process: the same two pipelines, rounds alternating, thread-independent
         wall time (both pipelines run on this thread, so the ratio is what a user waits for).
      3. Start-up: the first Get-CsmEvent in a fresh pwsh (import + one event) against a fresh pwsh that only
         starts (`$null`), so the difference is what the module adds.
      4. Validation: `Test-CsmEvent -Schema windows` against `Test-Json -SchemaFile` (the embedded Windows schema
         exported with Get-CsmSchema) on the first -ValidationEvents events, in this process; both invalid counts.
      5. With -MemoryFiles: peak memory of `Get-CsmEvent FILE | Measure-Object` as a whole process on a 200 MB and a
         2 GB file (streamed generation; about 2.2 GB of disk in bench/data).
    Prints every figure and the ratios; the numbers in bench/RESULTS.md come from this script.
#>
[CmdletBinding()]
param(
    [int] $Events = 100000,
    [int] $Runs = 3,
    [int] $Rounds = 3,
    [int] $ValidationEvents = 5000,
    # Which of the steps 1-4 to run (all by default); step 5 runs with -MemoryFiles.
    [ValidateSet('read', 'warm', 'startup', 'validate')]
    [string[]] $Steps = @('read', 'warm', 'startup', 'validate'),
    [switch] $MemoryFiles
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$module = Join-Path $root 'out/CsmEvents'
$data = Join-Path $root 'bench/data'
$bench = Join-Path $root 'bench/CsmEvents.Bench/bin/Release/net10.0/CsmEvents.Bench.dll'
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
if (-not (Test-Path (Join-Path $module 'CsmEvents.psd1'))) { throw "Build the module first: dotnet build -c Release" }
if (-not (Test-Path $bench)) { & dotnet build (Join-Path $root 'bench/CsmEvents.Bench') -c Release -nologo | Out-Host }
if (-not (Test-Path '/usr/bin/time')) { throw '/usr/bin/time is needed for whole-process figures (Debian package time)' }
New-Item -ItemType Directory -Force -Path $data | Out-Null

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count % 2) { $sorted[[int][math]::Floor($sorted.Count / 2)] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}

# One whole pwsh process under /usr/bin/time: wall seconds, CPU seconds, peak MB, and what the script printed.
function Measure-Process([string] $Script) {
    $report = [IO.Path]::GetTempFileName()
    try {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $output = & /usr/bin/time -f '%e %U %S %M' -o $report $pwsh -NoProfile -NonInteractive -Command $Script
        $watch.Stop()
        if ($LASTEXITCODE -ne 0) { throw "pwsh -Command '$Script' failed with exit code $LASTEXITCODE" }
        $fields = (Get-Content -LiteralPath $report | Select-Object -Last 1).Split(' ')
        [pscustomobject]@{
            Wall = $watch.Elapsed.TotalSeconds
            Cpu = [double]$fields[1] + [double]$fields[2]
            PeakMB = [double]$fields[3] / 1024
            Output = ($output -join "`n")
        }
    }
    finally { Remove-Item -LiteralPath $report -ErrorAction SilentlyContinue }
}

function Compare-Processes([string] $Title, [string] $Subject, [string] $Baseline, [int] $Count) {
    Write-Host "`n$Title"
    $first = @((Measure-Process $Subject), (Measure-Process $Baseline)) # warm-up (file cache) and the outputs
    $mine = @(); $theirs = @()
    for ($i = 0; $i -lt $Count; $i++) { $mine += Measure-Process $Subject; $theirs += Measure-Process $Baseline }
    foreach ($pair in @(@('CsmEvents', $Subject, $mine), @('baseline', $Baseline, $theirs))) {
        $runs = $pair[2]
        Write-Host ("  {0,-9} wall median {1,7:F2} s  CPU median {2,7:F2} s  peak {3,7:F0} MB  walls: {4}   [{5}]" -f $pair[0],
            (Get-Median $runs.Wall), (Get-Median $runs.Cpu), ($runs.PeakMB | Measure-Object -Maximum).Maximum,
            (($runs.Wall | ForEach-Object { $_.ToString('F2') }) -join ' '), $pair[1])
    }
    $wall = (Get-Median $theirs.Wall) / (Get-Median $mine.Wall)
    $cpu = (Get-Median $theirs.Cpu) / (Get-Median $mine.Cpu)
    $memory = ($theirs.PeakMB | Measure-Object -Maximum).Maximum / ($mine.PeakMB | Measure-Object -Maximum).Maximum
    Write-Host ("  ratio baseline / CsmEvents: wall {0:F1}x, CPU {1:F1}x, peak memory {2:F1}x less" -f $wall, $cpu, $memory)
    Write-Host ("  outputs: CsmEvents '{0}', baseline '{1}'" -f $first[0].Output.Trim(), $first[1].Output.Trim())
    [pscustomobject]@{ Wall = $wall; Cpu = $cpu; Mine = $mine; Theirs = $theirs }
}

$file = Join-Path $data "windows-$Events.jsonl"
if (-not (Test-Path $file)) { & dotnet $bench generate $file --windows-events $Events | Out-Host }
$sizeMB = (Get-Item $file).Length / 1e6
Write-Host ("input: {0} ({1:F1} MB, {2:N0} events); PowerShell {3}; load average {4}" -f $file, $sizeMB, $Events, $PSVersionTable.PSVersion,
    (((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3) -join ' '))

$import = "Import-Module '$module';"
$quoted = "'" + $file.Replace("'", "''") + "'"

# 1. Reading as whole processes.
if ($Steps -contains 'read') {
$read = Compare-Processes 'reading, whole processes' "$import (Get-CsmEvent -LiteralPath $quoted | Measure-Object).Count" `
    "(Get-Content -LiteralPath $quoted | ConvertFrom-Json | Measure-Object).Count" $Runs
Write-Host ("  target: reading >= 5x as whole processes (wall): {0}" -f ($read.Wall -ge 5 ? 'met' : 'NOT met'))
}

# 2. Reading in this warm process.
Import-Module $module
if ($Steps -contains 'warm') {
Write-Host "`nreading, one warm pwsh process ($Rounds rounds, alternating, after one warm-up each)"
$null = Get-CsmEvent -LiteralPath $file | Select-Object -First 1000 | Measure-Object
$null = Get-Content -LiteralPath $file -TotalCount 1000 | ConvertFrom-Json | Measure-Object
$ours = @(); $theirs = @()
for ($i = 0; $i -lt $Rounds; $i++) {
    $ours += (Measure-Command { $script:ourCount = (Get-CsmEvent -LiteralPath $file | Measure-Object).Count }).TotalSeconds
    $theirs += (Measure-Command { $script:theirCount = (Get-Content -LiteralPath $file | ConvertFrom-Json | Measure-Object).Count }).TotalSeconds
}
Write-Host ("  Get-CsmEvent | Measure-Object                    median {0,6:F2} s ({1:N0} events/s, {2} objects)" -f (Get-Median $ours), ($Events / (Get-Median $ours)), $ourCount)
Write-Host ("  Get-Content | ConvertFrom-Json | Measure-Object  median {0,6:F2} s ({1:N0} events/s, {2} objects)" -f (Get-Median $theirs), ($Events / (Get-Median $theirs)), $theirCount)
Write-Host ("  ratio: {0:F1}x" -f ((Get-Median $theirs) / (Get-Median $ours)))
}

# 3. Start-up: a fresh pwsh with the first event, against a fresh pwsh doing nothing.
$one = Join-Path $root 'samples/windows/single-event.json'
if ($Steps -contains 'startup') {
$startup = Compare-Processes 'start-up: fresh pwsh, import + first Get-CsmEvent (CsmEvents) vs a fresh pwsh alone (baseline)' `
    "$import (Get-CsmEvent -LiteralPath '$one').EventType" '$null' ($Runs * 2)
$added = (Get-Median $startup.Mine.Wall) - (Get-Median $startup.Theirs.Wall)
Write-Host ("  the module import and first event add {0:F0} ms of wall time and {1:F0} ms of CPU" -f ($added * 1000), (((Get-Median $startup.Mine.Cpu) - (Get-Median $startup.Theirs.Cpu)) * 1000))
}

# 4. Validation in this process: Test-CsmEvent against Test-Json -SchemaFile on the same events.
if ($Steps -contains 'validate') {
$schemaFile = Join-Path $data 'windows.schema.json'
(Get-CsmSchema windows).Text | Set-Content -LiteralPath $schemaFile -NoNewline
$subset = Join-Path $data "windows-$ValidationEvents-subset.jsonl"
Get-Content -LiteralPath $file -TotalCount $ValidationEvents | Set-Content -LiteralPath $subset
Write-Host "`nvalidation, one warm pwsh process, the first $ValidationEvents events (Test-CsmEvent -Schema windows vs Test-Json -SchemaFile)"
$null = Test-CsmEvent -LiteralPath $one -Schema windows
$null = Test-Json -Json (Get-Content -LiteralPath $one -Raw) -SchemaFile $schemaFile -ErrorAction SilentlyContinue
$ourTime = (Measure-Command { $script:ourVerdicts = @(Test-CsmEvent -LiteralPath $subset -Schema windows) }).TotalSeconds
$theirTime = (Measure-Command {
        $script:theirVerdicts = @(Get-Content -LiteralPath $subset | ForEach-Object { Test-Json -Json $_ -SchemaFile $schemaFile -ErrorAction SilentlyContinue })
    }).TotalSeconds
$ourInvalid = @($ourVerdicts | Where-Object { -not $_ }).Count
$theirInvalid = @($theirVerdicts | Where-Object { -not $_ }).Count
$sameLines = $true
for ($i = 0; $i -lt $ourVerdicts.Count; $i++) { if ($ourVerdicts[$i] -ne $theirVerdicts[$i]) { $sameLines = $false; break } }
Write-Host ("  Test-CsmEvent   {0,7:F2} s ({1:N0} events/s), invalid {2}" -f $ourTime, ($ValidationEvents / $ourTime), $ourInvalid)
Write-Host ("  Test-Json       {0,7:F2} s ({1:N0} events/s), invalid {2}" -f $theirTime, ($ValidationEvents / $theirTime), $theirInvalid)
Write-Host ("  ratio: {0:F1}x; same verdict for every event: {1}" -f ($theirTime / $ourTime), ($sameLines -and $ourVerdicts.Count -eq $theirVerdicts.Count))
# Where the verdicts differ, what Test-CsmEvent found (Test-Json's JsonSchema.Net treats `format` as an annotation by
# default under draft 2020-12, so a malformed date-time passes it).
$lines = Get-Content -LiteralPath $subset
for ($i = 0; $i -lt [math]::Min($ourVerdicts.Count, $theirVerdicts.Count); $i++) {
    if ($ourVerdicts[$i] -ne $theirVerdicts[$i]) {
        $detail = $lines[$i] | Test-CsmEvent -Schema windows -Detailed
        Write-Host ("  line {0}: Test-CsmEvent {1}, Test-Json {2}; {3}" -f ($i + 1), $ourVerdicts[$i], $theirVerdicts[$i], (($detail.Errors | ForEach-Object { "$($_.Keyword) at $($_.InstancePath): $($_.Message)" }) -join '; '))
    }
}
}

# 5. Peak memory against input size.
if ($MemoryFiles) {
    Write-Host "`npeak memory of Get-CsmEvent FILE | Measure-Object (whole process) against file size"
    foreach ($size in @(200MB, 2GB)) {
        $big = Join-Path $data "mixed-$([long]($size / 1MB))MB.jsonl"
        if (-not (Test-Path $big)) { & dotnet $bench generate $big --bytes $size | Out-Host }
        $run = Measure-Process "$import (Get-CsmEvent -LiteralPath '$big' | Measure-Object).Count"
        Write-Host ("  {0,6:F0} MB: {1} events in {2:F1} s, CPU {3:F1} s, peak {4:F0} MB" -f ((Get-Item $big).Length / 1MB), $run.Output.Trim(), $run.Wall, $run.Cpu, $run.PeakMB)
    }
}
