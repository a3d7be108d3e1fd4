#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The release artifacts of out/packages/ (build.ps1 -Task Package) installed the way users install them: the module
# with PSResourceGet into a fresh PowerShell whose user folders are temporary, the CLI with `dotnet tool install`.
# build.ps1 -Task Test makes the packages first and sets CSMEVENTS_REQUIRE_PACKAGES, so that a missing or stale
# package (one that does not hold the files of out/CsmEvents) fails there; in the quick loop (-Task Pester) these
# tests say they are skipped and why.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $manifest = Import-PowerShellDataFile -Path $script:ModuleManifest
    $version = $manifest.ModuleVersion
    $packages = Join-Path $script:RepoRoot 'out/packages'
    $modulePackage = Join-Path $packages "CsmEvents.$version.nupkg"
    $toolPackage = Join-Path $packages "csm-events.$version.nupkg"
    $layout = Split-Path -Parent $script:ModuleManifest
    $temp = Join-Path ([System.IO.Path]::GetTempPath()) ('csmevents-install-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $temp | Out-Null

    # The files of a package (its NuGet bookkeeping left out), as relative path -> bytes.
    function Get-PackageContent([string] $Path) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $content = @{}
            foreach ($entry in $zip.Entries) {
                if ($entry.FullName -match '^(_rels/|package/|\[Content_Types\]\.xml$|[^/]+\.nuspec$)') { continue }
                $stream = $entry.Open()
                $memory = New-Object System.IO.MemoryStream
                try { $stream.CopyTo($memory) } finally { $stream.Dispose() }
                $content[[uri]::UnescapeDataString($entry.FullName)] = $memory.ToArray()
            }
            $content
        }
        finally { $zip.Dispose() }
    }

    function Get-Nuspec([string] $Path) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $entry = $zip.Entries | Where-Object { $_.FullName -like '*.nuspec' -and $_.FullName -notlike '*/*' }
            $reader = New-Object System.IO.StreamReader ($entry.Open())
            try { [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }

    # The files of out/CsmEvents, as paths relative to it with "/".
    function Get-LayoutFile {
        Get-ChildItem -LiteralPath $layout -Recurse -File | ForEach-Object { $_.FullName.Substring($layout.Length + 1).Replace('\', '/') } | Sort-Object
    }

    # Skips the test, saying why, when the package is missing or was made from another build; under -Task Test that
    # is a failure instead.
    function Assert-PackageOfThisBuild([string] $Path) {
        $problem = $null
        if (-not (Test-Path -LiteralPath $Path)) { $problem = "there is no $Path" }
        elseif ($Path -eq $modulePackage) {
            $content = Get-PackageContent $Path
            foreach ($file in Get-LayoutFile) {
                if (-not $content.ContainsKey($file) -or [Convert]::ToBase64String($content[$file]) -ne [Convert]::ToBase64String([System.IO.File]::ReadAllBytes((Join-Path $layout $file)))) {
                    $problem = "$Path does not hold the $file of out/CsmEvents (made from another build)"
                    break
                }
            }
        }
        if (-not $problem) { return }
        if ($env:CSMEVENTS_REQUIRE_PACKAGES) { throw "$problem (build.ps1 -Task Package makes it)" }
        Set-ItResult -Skipped -Because "${problem}: run ./build.ps1 -Task Package first (build.ps1 -Task Test does)"
    }

    # Output lines of a native command as plain text (no colour escapes, which the test report cannot hold).
    function ConvertTo-PlainLine([object[]] $Output) {
        @($Output | ForEach-Object { "$_" -replace '\x1b\[[0-9;?]*[A-Za-z]', '' })
    }

    # Runs a script in a fresh pwsh (the one of $PSHOME), in the temporary folder, with the given environment
    # variables set for it only.
    function Invoke-FreshPwsh([string] $Script, [hashtable] $Environment) {
        $saved = @{}
        foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        Push-Location -LiteralPath $temp
        try {
            $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
            $output = & (Get-PwshPath) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @(ConvertTo-PlainLine $output) }
        }
        finally {
            Pop-Location
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
}

AfterAll {
    Remove-Item -LiteralPath $temp -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The module package' {
    It 'holds the module folder exactly as built' {
        Assert-PackageOfThisBuild $modulePackage
        $content = Get-PackageContent $modulePackage
        $files = @(Get-LayoutFile)
        @($content.Keys | Sort-Object) | Should -Be $files
        # Exactly these beside Dependencies/ (no compiler XML documentation files: PowerShell never reads them).
        $moduleFiles = 'CsmEvents.psd1', 'LICENSE', 'CsmEvents.dll', 'CsmEvents.Core.dll', 'CsmEvents.Format.ps1xml', 'CsmEvents.Types.ps1xml', 'en-US/CsmEvents.dll-Help.xml', 'en-US/about_CsmEvents.help.txt'
        @($files | Where-Object { $_ -notlike 'Dependencies/*' }) | Should -Be @($moduleFiles | Sort-Object)
        $files | Should -Contain 'Dependencies/System.Text.Json.dll'
        foreach ($file in $files) {
            [Convert]::ToBase64String($content[$file]) | Should -BeExactly ([Convert]::ToBase64String([System.IO.File]::ReadAllBytes((Join-Path $layout $file)))) -Because "$file in the package should be the built one"
        }
    }

    It 'carries the manifest and its PSData as the package metadata the gallery shows' {
        Assert-PackageOfThisBuild $modulePackage
        $metadata = (Get-Nuspec $modulePackage).package.metadata
        $metadata.id | Should -BeExactly 'CsmEvents'
        $metadata.version | Should -BeExactly $version
        $metadata.authors | Should -BeExactly $manifest.Author
        $metadata.description | Should -BeExactly $manifest.Description
        $metadata.projectUrl | Should -BeExactly $manifest.PrivateData.PSData.ProjectUri
        $metadata.licenseUrl | Should -BeExactly $manifest.PrivateData.PSData.LicenseUri
        $metadata.releaseNotes | Should -BeExactly $manifest.PrivateData.PSData.ReleaseNotes
        $tags = $metadata.tags -split ' '
        $tags | Should -Contain 'PSModule'
        foreach ($tag in $manifest.PrivateData.PSData.Tags) { $tags | Should -Contain $tag }
    }

    It 'installs by name with Install-PSResource into a fresh PowerShell, imports, reads, shows help and uninstalls' {
        if ($PSVersionTable.PSEdition -ne 'Core') { Set-ItResult -Skipped -Because 'it runs once, from PowerShell 7, which ships PSResourceGet; Windows PowerShell 5.1 reads the same module in Module.Tests.ps1' }
        if ($IsWindows) { Set-ItResult -Skipped -Because 'Install-PSResource -Scope CurrentUser installs into the Documents folder, which cannot be redirected to a temporary folder on Windows; it runs on Linux and macOS' }
        Assert-PackageOfThisBuild $modulePackage
        # A user whose home is temporary: Install-PSResource -Scope CurrentUser, its repository list and pwsh's user
        # module path all live under it, and PSModulePath names no other folder with CsmEvents (not out/).
        # The folders must exist: .NET does not report a special folder that does not (PSResourceGet would then keep
        # its repository list in the current folder).
        $userHome = Join-Path $temp 'home'
        $data = Join-Path $userHome '.local/share'
        foreach ($folder in $data, (Join-Path $userHome '.config'), (Join-Path $userHome '.cache')) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }
        $sample = Join-Path $script:SamplesFolder 'windows/incident-ws01.jsonl'
        $childScript = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Register-PSResourceRepository -Name CsmEventsBuilt -Uri '$packages' -Trusted
Install-PSResource -Name CsmEvents -Repository CsmEventsBuilt -Scope CurrentUser
`$installed = Get-InstalledPSResource -Name CsmEvents
Import-Module CsmEvents
`$module = Get-Module CsmEvents
`$events = @(Get-CsmEvent -LiteralPath '$sample')
`$help = Get-Help Get-CsmEvent
`$examples = @((Get-Help Get-CsmEvent -Examples).Examples.Example).Count
`$tested = Test-ModuleManifest -Path (Join-Path `$module.ModuleBase 'CsmEvents.psd1') -ErrorVariable manifestErrors -WarningVariable manifestWarnings
Remove-Module CsmEvents
Uninstall-PSResource -Name CsmEvents -Scope CurrentUser
[pscustomobject]@{
    Installed = `$installed.InstalledLocation
    Version = `$installed.Version.ToString()
    ModuleBase = `$module.ModuleBase
    Events = `$events.Count
    FirstRule = `$events[0].RuleId
    Synopsis = `$help.Synopsis
    Examples = `$examples
    ManifestVersion = `$tested.Version.ToString()
    ManifestProblems = @(`$manifestErrors).Count + @(`$manifestWarnings).Count
    LeftAfterUninstall = @(Get-InstalledPSResource -Name CsmEvents -ErrorAction SilentlyContinue).Count
    FolderAfterUninstall = Test-Path -LiteralPath `$module.ModuleBase
} | ConvertTo-Json -Compress
"@
        $run = Invoke-FreshPwsh -Script $childScript -Environment @{
            HOME = $userHome; XDG_DATA_HOME = $data; XDG_CONFIG_HOME = (Join-Path $userHome '.config'); XDG_CACHE_HOME = (Join-Path $userHome '.cache')
            PSModulePath = (Join-Path $PSHOME 'Modules'); NO_COLOR = '1'
        }
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        try { $result = $run.Output[-1] | ConvertFrom-Json }
        catch { throw "The last line should be the JSON result; the output was:`n$($run.Output -join "`n")" }
        Test-Path -LiteralPath (Join-Path $data 'PSResourceGet/PSResourceRepository.xml') | Should -BeTrue -Because 'the repository list should be the temporary user''s'
        $modules = Join-Path $data 'powershell/Modules'
        $result.Installed | Should -BeExactly $modules
        $result.Version | Should -BeExactly $version
        $result.ModuleBase | Should -BeExactly (Join-Path $modules "CsmEvents/$version")
        $result.Events | Should -Be 24
        $result.FirstRule | Should -BeExactly (Get-Content -LiteralPath $sample -TotalCount 1 | ConvertFrom-Json).agent.rule_id
        $result.Synopsis | Should -BeExactly (Get-HelpPage -Command Get-CsmEvent).Synopsis
        $result.Examples | Should -Be (Get-HelpPage -Command Get-CsmEvent).Examples.Count
        $result.ManifestVersion | Should -BeExactly $version
        $result.ManifestProblems | Should -Be 0
        $result.LeftAfterUninstall | Should -Be 0
        $result.FolderAfterUninstall | Should -BeFalse
    }
}

Describe 'The CLI tool package' {
    It 'installs with dotnet tool install from out/packages and reads the samples as the built CLI does' {
        if ($PSVersionTable.PSEdition -ne 'Core') { Set-ItResult -Skipped -Because 'it runs once, from PowerShell 7' }
        Assert-PackageOfThisBuild $toolPackage
        $tools = Join-Path $temp 'tools'
        # A package folder of its own, so that a csm-events of the same version cached by an earlier run is not used.
        $saved = $env:NUGET_PACKAGES
        $env:NUGET_PACKAGES = Join-Path $temp 'nuget'
        try { $install = ConvertTo-PlainLine (& dotnet tool install --tool-path $tools --add-source $packages csm-events --version $version 2>&1) }
        finally { $env:NUGET_PACKAGES = $saved }
        $LASTEXITCODE | Should -Be 0 -Because ($install -join "`n")
        $command = Join-Path $tools 'csm-events'
        if ($IsWindows) { $command += '.exe' }
        Push-Location $script:RepoRoot
        try {
            $lines = @(& $command get samples --recurse)
            $installedExit = $LASTEXITCODE
            $built = @(& dotnet (Join-Path $script:RepoRoot 'src/CsmEvents.Cli/bin/Release/net10.0/csm-events.dll') get samples --recurse)
        }
        finally { Pop-Location }
        $installedExit | Should -Be 0
        $lines.Count | Should -Be 110
        $lines | Should -BeExactly $built
        @(& $command version) | Should -Match ([regex]::Escape($version))
    }
}
