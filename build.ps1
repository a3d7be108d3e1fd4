#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, documents, tests and packages the CsmEvents module.

.DESCRIPTION
    Steps over dotnet, for machines with PowerShell 7 (CI and developers). Everything except the Pester run and the
    module package also works with dotnet alone: `dotnet build` lays out out/CsmEvents/ with its help,
    `dotnet test` runs the xunit suites, `dotnet pack src/CsmEvents.Cli` makes the tool package.

      Build    dotnet build of the module; lays out out/CsmEvents/ (including en-US/CsmEvents.dll-Help.xml, which
               tools/CsmEvents.HelpBuilder makes from docs/cmdlets/*.md: no PlatyPS needed) and checks that every
               expected file is there.
      Help     Build, then, when PlatyPS is installed (platyPS 0.14 or Microsoft.PowerShell.PlatyPS 1.x), also
               PlatyPS's own MAML of the same pages in out/platyps-help/, to compare with the built help. Never
               needed: the build's help file is the one that ships.
      Package  Build, then the release artifacts in out/packages/: CsmEvents.<version>.nupkg, the module for a
               PowerShell repository (PSResourceGet's Compress-PSResource, else Publish-PSResource to a temporary
               local repository), and the CLI as a .NET tool: csm-events.<version>.nupkg (the package users
               install), which points to csm-events.<rid>.<version>.nupkg (ahead-of-time compiled for this
               machine's RID) and csm-events.any.<version>.nupkg (framework-dependent, for every other machine).
      Test     Package, then the xunit suites (`dotnet test`, TRX in TestResults/), then `csm-events` published ahead
               of time (Native AOT, out/csm-events-<rid>/) and the CLI's xunit tests again against that executable
               (TestResults/xunit-aot*.trx), then the whole Pester suite in a
               fresh child pwsh (the pwsh in $PSHOME; also Windows PowerShell 5.1 where it exists) with out/ first on
               PSModulePath (NUnit 3 XML in TestResults/); Install.Tests.ps1 installs both packages. Both suites
               always run; the task fails if either failed. Pester 5.7.1 comes from the NuGet package folder
               (restored by tests/CsmEvents.Tests).
      Pester   Build, then only Pester (all of tests/Pester, or the files given with -PesterPath). The install tests
               use the packages of the last Package run, and are skipped, saying so, when there are none.
    Each task fails when an expected file is missing.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test

    README's test command: PowerShell 7.6.10 as a local .NET tool, then both suites.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Pester -PesterPath tests/Pester/Get-CsmEvent.Tests.ps1
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Help', 'Package', 'Test', 'Pester')]
    [string] $Task = 'Build',

    # With -Task Pester: the test files or folders to run (default: all of tests/Pester).
    [string[]] $PesterPath,

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # How much Pester prints: Detailed lists every test, Normal only failures and the summary.
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $PesterVerbosity = 'Normal'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$layout = Join-Path $out 'CsmEvents'
$results = Join-Path $root 'TestResults'
$packages = Join-Path $out 'packages'
$pesterVersion = '5.7.1'

# Files an import needs. Dependencies/ must hold System.Text.Json's whole netstandard2.0 closure (checked in
# detail by the xunit contract tests); the names below are the ones whose absence breaks Windows PowerShell 5.1.
$expectedFiles = @(
    'CsmEvents.psd1'
    'CsmEvents.dll'
    'CsmEvents.Core.dll'
    'CsmEvents.Format.ps1xml'
    'CsmEvents.Types.ps1xml'
    'en-US/about_CsmEvents.help.txt'
    'en-US/CsmEvents.dll-Help.xml'
    'Dependencies/System.Text.Json.dll'
    'Dependencies/System.Text.Encodings.Web.dll'
    'Dependencies/System.Memory.dll'
    'Dependencies/System.Buffers.dll'
    'Dependencies/System.Numerics.Vectors.dll'
    'Dependencies/System.Runtime.CompilerServices.Unsafe.dll'
    'Dependencies/System.Threading.Tasks.Extensions.dll'
    'Dependencies/Microsoft.Bcl.AsyncInterfaces.dll'
)

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor Cyan
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command failed with exit code $LASTEXITCODE" }
}

function Assert-Layout {
    param([string[]] $Also = @())
    $missing = @($expectedFiles + $Also | Where-Object { -not (Test-Path -LiteralPath (Join-Path $layout $_)) })
    if ($missing.Count -gt 0) { throw "The module layout $layout is incomplete; missing: $($missing -join ', ')" }
    $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $layout 'CsmEvents.psd1')
    foreach ($file in @($manifest.FormatsToProcess) + @($manifest.TypesToProcess) + @($manifest.RootModule)) {
        if (-not (Test-Path -LiteralPath (Join-Path $layout $file))) { throw "The manifest names $file, which is not in $layout" }
    }
    Write-Host "Module layout complete: $layout" -ForegroundColor Green
}

# Every build of this script fails on a compiler, analyzer or trimming warning: a warning once slipped through
# and was printed by README's first command. (Plain `dotnet build`/`dotnet run` keep warnings as warnings, so that a
# newer SDK's new warning never stops a user.)
$warningsAsErrors = '-p:TreatWarningsAsErrors=true'

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $root 'src/CsmEvents.Module/CsmEvents.Module.csproj'), '-c', $Configuration, '-nologo', $warningsAsErrors)
    Assert-Layout
}

# PlatyPS's MAML of docs/cmdlets, beside the built one, for comparison (the build's file is the one that ships).
function Invoke-Help {
    Invoke-Build
    $docs = Join-Path $root 'docs/cmdlets'
    $platyPSHelp = Join-Path $out 'platyps-help'
    $classic = Get-Module -ListAvailable -Name platyPS | Sort-Object Version -Descending | Select-Object -First 1
    $modern = Get-Module -ListAvailable -Name Microsoft.PowerShell.PlatyPS | Sort-Object Version -Descending | Select-Object -First 1
    Write-Host "Built help: $(Join-Path $layout 'en-US/CsmEvents.dll-Help.xml')" -ForegroundColor Green
    if (-not $classic -and -not $modern) {
        Write-Host 'PlatyPS is not installed (Install-PSResource platyPS or Microsoft.PowerShell.PlatyPS): nothing to compare with.'
        return
    }
    Remove-Item -LiteralPath $platyPSHelp -Recurse -Force -ErrorAction SilentlyContinue
    if ($classic) {
        Import-Module $classic.Path -Force
        New-ExternalHelp -Path $docs -OutputPath $platyPSHelp -Force | Out-Null
    }
    else {
        Import-Module $modern.Path -Force
        $commandHelp = foreach ($page in Get-ChildItem -LiteralPath $docs -Filter '*-*.md') { Import-MarkdownCommandHelp -Path $page.FullName }
        $commandHelp | Export-MamlCommandHelp -OutputFolder $platyPSHelp -Force | Out-Null
    }
    Write-Host "PlatyPS's help: $platyPSHelp" -ForegroundColor Green
}

# Both release artifacts in out/packages/, replacing those of the same version.
function Invoke-Package {
    Invoke-Build
    New-Item -ItemType Directory -Path $packages -Force | Out-Null
    $version = (Import-PowerShellDataFile -LiteralPath (Join-Path $layout 'CsmEvents.psd1')).ModuleVersion
    $modulePackage = Join-Path $packages "CsmEvents.$version.nupkg"
    $toolPackage = Join-Path $packages "csm-events.$version.nupkg"
    Remove-Item -LiteralPath $modulePackage -ErrorAction SilentlyContinue
    Remove-Item -Path (Join-Path $packages 'csm-events*.nupkg') -ErrorAction SilentlyContinue

    # The module: PSResourceGet (shipped with PowerShell 7.4+) reads the manifest for the package's id, version,
    # description and PSData (tags, project and license addresses, release notes).
    if (Get-Command Compress-PSResource -ErrorAction SilentlyContinue) {
        Write-Host "> Compress-PSResource $layout" -ForegroundColor Cyan
        Compress-PSResource -Path $layout -DestinationPath $packages
    }
    elseif (Get-Command Publish-PSResource -ErrorAction SilentlyContinue) {
        Write-Host "> Publish-PSResource $layout (to a temporary repository in $packages)" -ForegroundColor Cyan
        $repositoryName = 'CsmEventsLocal' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Register-PSResourceRepository -Name $repositoryName -Uri $packages -Trusted
        try { Publish-PSResource -Path $layout -Repository $repositoryName }
        finally { Unregister-PSResourceRepository -Name $repositoryName }
    }
    else {
        throw 'Packaging the module needs Microsoft.PowerShell.PSResourceGet (shipped with PowerShell 7.4+; else Install-Module Microsoft.PowerShell.PSResourceGet).'
    }

    # The CLI as a .NET tool in RID-specific packages (.NET 10): the package users install (csm-events), the native
    # one for this machine's RID (ahead-of-time compiled: needs gcc or clang) and the framework-dependent one (any).
    $project = Join-Path $root 'src/CsmEvents.Cli/CsmEvents.Cli.csproj'
    $rid = Get-HostRid
    $listed = ([xml](Get-Content -LiteralPath $project -Raw)).SelectSingleNode('//ToolPackageRuntimeIdentifiers').InnerText
    $rids = @(($listed -split ';') | Where-Object { $_ -eq $rid -or $_ -eq 'any' })
    if ($rids -notcontains $rid) { Write-Warning "No native csm-events package for ${rid}: its RID is not in ToolPackageRuntimeIdentifiers (src/CsmEvents.Cli/CsmEvents.Cli.csproj)" }
    Invoke-Native dotnet @('pack', $project, '-c', $Configuration, '-nologo', '-o', $packages)
    foreach ($packageRid in $rids) { Invoke-Native dotnet @('pack', $project, '-c', $Configuration, '-nologo', '-o', $packages, '-r', $packageRid) }
    $toolPackages = @($rids | ForEach-Object { Join-Path $packages "csm-events.$_.$version.nupkg" })

    foreach ($package in @($modulePackage, $toolPackage) + $toolPackages) {
        if (-not (Test-Path -LiteralPath $package)) { throw "No package at $package" }
        Write-Host "Package: $package" -ForegroundColor Green
    }
}

# The NuGet package folder where `dotnet restore` put Pester (tests/CsmEvents.Tests restores it with PackageDownload).
function Get-PesterManifest {
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = & dotnet nuget locals global-packages --list | Select-Object -Last 1
        $packages = ($line -replace '^\s*global-packages:\s*', '').Trim()
    }
    $manifest = Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) {
        Invoke-Native dotnet @('restore', (Join-Path $root 'tests/CsmEvents.Tests/CsmEvents.Tests.csproj'), '-nologo')
    }
    if (-not (Test-Path -LiteralPath $manifest)) { throw "Pester $pesterVersion is not at $manifest after restore" }
    $manifest
}

# Runs the whole Pester suite in a fresh child process of the given shell, with out/ first on PSModulePath. Returns
# $true when every test passed; the NUnit 3 result file is what CI counts.
function Invoke-Pester5 {
    # -RequirePackages: the install tests fail, rather than skip, when out/packages has no package of this version.
    param([string] $Shell, [string] $Name, [switch] $RequirePackages)
    $resultFile = Join-Path $results "Pester-$Name.xml"
    Remove-Item -LiteralPath $resultFile -ErrorAction SilentlyContinue
    $pester = Get-PesterManifest
    # "a,b" from a shell (pwsh -File passes it as one string) names two paths too.
    $paths = if ($PesterPath) { @($PesterPath | ForEach-Object { $_ -split ',' } | ForEach-Object { (Resolve-Path -LiteralPath $_).ProviderPath }) } else { @(Join-Path $root 'tests/Pester') }
    $pesterPaths = ($paths | ForEach-Object { "'" + $_.Replace("'", "''") + "'" }) -join ', '
    $script = @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$out' + [IO.Path]::PathSeparator + `$env:PSModulePath
`$env:CSMEVENTS_REQUIRE_PACKAGES = '$(if ($RequirePackages) { '1' } else { '' })'
Import-Module '$pester'
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = @($pesterPaths)
`$configuration.Run.Exit = `$true
`$configuration.Output.Verbosity = '$PesterVerbosity'
`$configuration.TestResult.Enabled = `$true
`$configuration.TestResult.OutputFormat = 'NUnit3'
`$configuration.TestResult.OutputPath = '$resultFile'
Invoke-Pester -Configuration `$configuration
"@
    Write-Host "> $Shell (Pester $pesterVersion on tests/Pester)" -ForegroundColor Cyan
    # Out-Host: the child's output is shown, never returned as this function's result.
    & $Shell -NoProfile -NonInteractive -Command $script | Out-Host
    $exitCode = $LASTEXITCODE
    if (-not (Test-Path -LiteralPath $resultFile)) { Write-Warning "Pester wrote no result file $resultFile"; return $false }
    $exitCode -eq 0
}

# The pwsh that runs this script, found through $PSHOME: when pwsh runs as a .NET tool, the process is `dotnet`.
function Get-CurrentPwsh {
    $name = if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
    $shell = Join-Path $PSHOME $name
    if (-not (Test-Path -LiteralPath $shell)) { throw "No $name in `$PSHOME ($PSHOME)" }
    $shell
}

function Invoke-Test {
    # The install tests (tests/Pester/Install.Tests.ps1) install the packages of this run, and fail without them.
    Invoke-Package
    Remove-Item -LiteralPath $results -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Path $results -Force | Out-Null
    # Both suites always run, so that one failure does not hide the other's results; the task fails after both.
    Write-Host "> dotnet test (xunit)" -ForegroundColor Cyan
    & dotnet test (Join-Path $root 'tests/CsmEvents.Tests/CsmEvents.Tests.csproj') -c $Configuration -nologo $warningsAsErrors `
        --logger 'trx;LogFilePrefix=xunit' --results-directory $results | Out-Host
    $failures = @()
    if ($LASTEXITCODE -ne 0) { $failures += "xunit (exit code $LASTEXITCODE)" }
    $failures += @(Invoke-NativeCliTest)
    if (-not (Invoke-Pester5 -Shell (Get-CurrentPwsh) -Name 'pwsh' -RequirePackages)) { $failures += 'Pester in pwsh' }
    $windowsPowerShell = Get-Command powershell.exe -CommandType Application -ErrorAction SilentlyContinue
    if ($IsWindows -and $windowsPowerShell) {
        if (-not (Invoke-Pester5 -Shell $windowsPowerShell.Source -Name 'WindowsPowerShell' -RequirePackages)) { $failures += 'Pester in Windows PowerShell' }
    }
    if ($failures.Count -gt 0) { throw "Tests failed: $($failures -join ', '). Results in $results" }
    Write-Host "All tests passed. Results in $results" -ForegroundColor Green
}

# The runtime identifier of this machine, for the ahead-of-time compiled CLI (which is built for the machine it runs on).
function Get-HostRid {
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    "$os-$arch"
}

# Publishes `csm-events` as a Native AOT executable into out/csm-events-<rid>/ and returns its path.
function Invoke-PublishNativeCli {
    $rid = Get-HostRid
    $folder = Join-Path $out "csm-events-$rid"
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/CsmEvents.Cli/CsmEvents.Cli.csproj'), '-c', $Configuration, '-r', $rid, '-o', $folder, '-nologo', $warningsAsErrors) | Out-Host
    $name = if ($IsWindows) { 'csm-events.exe' } else { 'csm-events' }
    $executable = Join-Path $folder $name
    if (-not (Test-Path -LiteralPath $executable)) { throw "dotnet publish produced no $executable" }
    $executable
}

# The CLI's end-to-end xunit tests (tests/CsmEvents.Tests/Cli) again, against the ahead-of-time compiled executable
# (CliRun starts the file named by CSM_EVENTS_CLI). Results in TestResults/xunit-aot*.trx. Returns the failures.
function Invoke-NativeCliTest {
    try { $executable = Invoke-PublishNativeCli }
    catch { Write-Warning "$_"; return "the native (AOT) CLI build: $_" }
    Write-Host "> dotnet test (xunit, CLI tests against $executable)" -ForegroundColor Cyan
    $env:CSM_EVENTS_CLI = $executable
    try {
        & dotnet test (Join-Path $root 'tests/CsmEvents.Tests/CsmEvents.Tests.csproj') -c $Configuration -nologo --no-build `
            --filter 'FullyQualifiedName~CsmEvents.Tests.Cli.' --logger 'trx;LogFilePrefix=xunit-aot' --results-directory $results | Out-Host
        if ($LASTEXITCODE -ne 0) { "xunit against the native CLI (exit code $LASTEXITCODE)" }
    }
    finally {
        Remove-Item Env:CSM_EVENTS_CLI -ErrorAction SilentlyContinue
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Help' { Invoke-Help }
    'Test' { Invoke-Test }
    'Pester' {
        # Build, then only the Pester suite (or -PesterPath): the quick loop while working on cmdlets.
        Invoke-Build
        New-Item -ItemType Directory -Path $results -Force | Out-Null
        if (-not (Invoke-Pester5 -Shell (Get-CurrentPwsh) -Name 'pwsh')) { throw "Pester tests failed. Results in $results" }
    }
    'Package' { Invoke-Package }
}
