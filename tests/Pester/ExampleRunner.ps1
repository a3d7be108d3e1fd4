# Runs documented PowerShell (docs/cmdlets examples, README one-liners) as a user would type it, and renders what
# the user would see. Dot-sourced by DocumentedExamples.Tests.ps1 and Readme.Tests.ps1, after TestHelpers.ps1.
# Windows PowerShell 5.1 syntax (no ?? / ?. operators, no ternaries).
#
# How a command runs: every example (or README line) gets a fresh folder holding a copy of samples/ (so commands
# that write files, such as Set-Content curl.mmd, never touch the repository) and a fresh runspace with the built
# module imported, its location in that folder. The commands of one example run one after the other in that
# runspace's global scope, so a variable one command sets is there for the next, as at a prompt. Each command is
# its own script block, so an error shows as at a prompt ("Cmdlet: message", PowerShell's ConciseView).
#
# How output is rendered: the command's output, error, warning and information streams are merged in the order
# they were written; runs of objects go through Out-String at the width of a 120-column console
# ($script:ConsoleWidth120, $PSStyle.OutputRendering PlainText), errors through their default view, warnings as
# "WARNING: message".
#
# Datadog: a command that searches Datadog (-Query, or the Logs API URL https://api.datadoghq.com/) runs against
# the loopback stub of TestHelpers.ps1 serving samples/datadog/logs-search-page.json and then an empty last page.
# Get-CsmEvent gets -ApiUrl, -ApiKey and -ApplicationKey through $PSDefaultParameterValues (values a command gives
# itself win); the text https://api.datadoghq.com/ (Invoke-RestMethod examples) is replaced by the stub's URL;
# DD_API_KEY and DD_APP_KEY hold placeholder keys while it runs; Read-Host -AsSecureString (a person typing a key)
# answers a placeholder key.
#
# Schemas: every example starts with an empty schema cache of its own (CSMEVENTS_SCHEMA_CACHE), so what one example
# fetched is not there for the next. A command that fetches (Save-CsmSchema, csm-events schemas --fetch) fetches
# from a loopback stand-in of Datadog's repository (Start-SchemaMirror, CSMEVENTS_SCHEMA_SOURCE) that serves
# ../shared/datadog-agent-schemas for the agent versions the pages use; without ../shared it is skipped, saying so.

$script:EllipsisPrefix = [string][char]0x2026    # '…', which the pages write for the folder that holds samples/
$script:DatadogApiBase = 'https://api.datadoghq.com/'
$script:SharedSchemaFolder = Join-Path $script:RepoRoot '../shared/datadog-agent-schemas'
$script:ExampleSessionStates = @{}
# The host of the example runspaces (ExampleHost.cs): what a command writes to the host, such as -WhatIf's lines.
if (-not ('CsmEvents.Tests.Examples.ExampleHost' -as [type])) {
    Add-Type -Path (Join-Path $PSScriptRoot 'ExampleHost.cs')
}
# The agent versions the pages and README fetch (the samples' agents are 7.64.3 and 7.68.0).
$script:MirroredAgentVersions = @('7.64.3', '7.68.0', 'main')
# What a console of 120 columns shows is what Out-String -Width 119 lays out: PowerShell leaves a console's last
# column empty (so that a full line does not wrap), while Out-String -Width 120 gives a column it cuts one character
# more. Checked by hand: pwsh in a terminal set to 120 columns (stty cols 120) prints the same lines as -Width 119.
$script:ConsoleWidth120 = 119

# The commands of a ```powershell block: each "PS> " line starts a command; lines after it belong to the command
# while the PowerShell parser says the input is incomplete (an open hashtable, a trailing pipe), then to the output
# shown. A bare "PS>" is a prompt with nothing typed.
function Get-ExampleStep {
    param([string[]] $Lines)
    $i = 0
    while ($i -lt $Lines.Count) {
        if ($Lines[$i] -notmatch '^PS>\s?(.*)$') { throw "Text before the first PS> prompt: '$($Lines[$i])'" }
        $command = $Matches[1]
        $i++
        while ($command.Trim().Length -gt 0 -and (Test-IncompleteInput $command) -and $i -lt $Lines.Count -and $Lines[$i] -notmatch '^PS>') {
            $command += "`n" + $Lines[$i]
            $i++
        }
        $shown = New-Object System.Collections.Generic.List[string]
        while ($i -lt $Lines.Count -and $Lines[$i] -notmatch '^PS>') {
            $shown.Add($Lines[$i])
            $i++
        }
        [pscustomobject]@{ Command = $command; Shown = $shown.ToArray() }
    }
}

function Test-IncompleteInput {
    param([string] $Text)
    $tokens = $null
    $errors = $null
    $null = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref] $tokens, [ref] $errors)
    @($errors | Where-Object { $_.IncompleteInput }).Count -gt 0
}

# Every "### Example N: title" of every docs/cmdlets page, with the commands of its ```powershell block.
function Get-DocumentedExample {
    param([string] $Folder = (Join-Path $script:RepoRoot 'docs/cmdlets'))
    foreach ($page in Get-ChildItem -LiteralPath $Folder -Filter '*-*.md' | Sort-Object Name) {
        $lines = @(Get-Content -LiteralPath $page.FullName -Encoding UTF8)
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -notmatch '^### (Example \d+.*)$') { continue }
            $title = $Matches[1]
            $block = $null
            for ($j = $i + 1; $j -lt $lines.Count -and $lines[$j] -notmatch '^#'; $j++) {
                if ($lines[$j] -eq '```powershell') {
                    $end = $j + 1
                    while ($end -lt $lines.Count -and $lines[$end] -ne '```') { $end++ }
                    $block = @($lines[($j + 1)..($end - 1)])
                    break
                }
            }
            @{ Page = $page.BaseName; Title = $title; Block = $block }
        }
    }
}

# True when a command talks to Datadog: it searches (-Query) or calls the Logs API itself.
function Test-DatadogCommand {
    param([string] $Command)
    ($Command -match '(?i)-Query\b') -or ($Command.IndexOf($script:DatadogApiBase, [System.StringComparison]::OrdinalIgnoreCase) -ge 0)
}

function Test-SchemaFetch {
    param([string] $Command)
    $Command -match '(?i)Save-CsmSchema|--fetch\b'
}

function Test-SharedSchemaFolder { Test-Path -LiteralPath (Join-Path $script:SharedSchemaFolder 'backend_linux.schema.json') }

# A fresh folder with a copy of samples/ and, when asked, Datadog's backend_linux.schema.json from ../shared (which
# the pages tell the user to download). The folder's name is long, so that a path the views shorten from its start
# never shows a part of it: the text shown starts at .../samples/ or later.
function New-ExampleFolder {
    param([switch] $WithLinuxSchema)
    $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('csmevents-example-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $folder
    Copy-Item -LiteralPath $script:SamplesFolder -Destination (Join-Path $folder 'samples') -Recurse
    if ($WithLinuxSchema) {
        Copy-Item -LiteralPath (Join-Path $script:SharedSchemaFolder 'backend_linux.schema.json') -Destination $folder
    }
    (Resolve-Path -LiteralPath $folder).ProviderPath
}

# A runspace with the built module, located in $Folder, plain-text rendering, and the Datadog stand-ins when a stub
# is given. Dispose with Close-ExampleSession.
# -WithoutModule: a session that has not imported the module (to run Import-Module itself); -KeepFolder: a folder
# that Close-ExampleSession must not delete (the repository).
function New-ExampleSession {
    param([string] $Folder, $Stub, $Mirror, [switch] $WithoutModule, [switch] $KeepFolder)
    # One initial state for every runspace (building it is the slow part); each runspace still starts fresh.
    $key = 'module'
    if ($WithoutModule) { $key = 'none' }
    if (-not $script:ExampleSessionStates.ContainsKey($key)) {
        $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        if (-not $WithoutModule) { $state.ImportPSModule(@($script:ModuleManifest)) }
        $script:ExampleSessionStates[$key] = $state
    }
    $exampleHost = New-Object CsmEvents.Tests.Examples.ExampleHost
    $runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace($exampleHost, $script:ExampleSessionStates[$key])
    $runspace.Open()
    $cache = Join-Path ([System.IO.Path]::GetTempPath()) ('csmevents-example-cache-' + [guid]::NewGuid().ToString('N'))
    $session = [pscustomobject]@{ Runspace = $runspace; Host = $exampleHost; Folder = $Folder; Stub = $Stub; Mirror = $Mirror; Cache = $cache; SavedEnvironment = @{}; KeepFolder = [bool] $KeepFolder }
    $schemaEnvironment = @{ CSMEVENTS_SCHEMA_CACHE = $cache }
    if ($null -ne $Mirror) { $schemaEnvironment['CSMEVENTS_SCHEMA_SOURCE'] = $Mirror.Url }
    foreach ($name in $schemaEnvironment.Keys) {
        $session.SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $schemaEnvironment[$name])
    }
    $setup = @'
param($Folder, $StubUrl)
Set-Location -LiteralPath $Folder
if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
if ($StubUrl) {
    $key = ConvertTo-SecureString 'placeholder-key' -AsPlainText -Force
    foreach ($command in 'Get-CsmEvent', 'Test-CsmEvent') {
        $global:PSDefaultParameterValues[$command + ':ApiUrl'] = $StubUrl
        $global:PSDefaultParameterValues[$command + ':ApiKey'] = $key
        $global:PSDefaultParameterValues[$command + ':ApplicationKey'] = $key
    }
    function global:Read-Host {
        param([Parameter(Position = 0)] $Prompt, [switch] $AsSecureString, [switch] $MaskInput)
        if ($AsSecureString) { ConvertTo-SecureString 'placeholder-key' -AsPlainText -Force } else { 'placeholder' }
    }
}
'@
    $stubUrl = $null
    if ($null -ne $Stub) {
        $stubUrl = $Stub.Url
        foreach ($name in 'DD_API_KEY', 'DD_APP_KEY') {
            $session.SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, 'placeholder-key')
        }
    }
    $shell = [PowerShell]::Create()
    try {
        $shell.Runspace = $runspace
        $null = $shell.AddScript($setup).AddArgument($Folder).AddArgument($stubUrl)
        $null = $shell.Invoke()
    }
    finally { $shell.Dispose() }
    $session
}

# The session for one documented example (its steps from Get-ExampleStep): the Datadog stub when a step searches
# Datadog, the schema mirror when a step fetches schemas, backend_linux.schema.json in the folder when the example
# names it.
function New-DocumentedExampleSession {
    param([object[]] $Steps)
    $text = ($Steps | ForEach-Object { $_.Command }) -join "`n"
    $stub = $null
    $searches = @($Steps | Where-Object { Test-DatadogCommand $_.Command }).Count
    if ($searches -gt 0) {
        # The sample page and an empty last page, for each step that searches.
        $pages = @()
        for ($i = 0; $i -lt $searches; $i++) { $pages += Get-StubPage }
        $stub = Start-DatadogStub -Pages $pages
    }
    $mirror = $null
    if (@($Steps | Where-Object { Test-SchemaFetch $_.Command }).Count -gt 0) { $mirror = Start-SchemaMirror -Versions $script:MirroredAgentVersions }
    $withSchema = $text -match 'backend_linux\.schema\.json'
    New-ExampleSession -Folder (New-ExampleFolder -WithLinuxSchema:$withSchema) -Stub $stub -Mirror $mirror
}

function Close-ExampleSession {
    param($Session)
    $Session.Runspace.Dispose()
    foreach ($name in $Session.SavedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $Session.SavedEnvironment[$name]) }
    if ($null -ne $Session.Stub) { Stop-DatadogStub $Session.Stub }
    if ($null -ne $Session.Mirror) { Stop-SchemaMirror $Session.Mirror }
    Remove-Item -LiteralPath $Session.Cache -Recurse -Force -ErrorAction SilentlyContinue
    if (-not $Session.KeepFolder) { Remove-Item -LiteralPath $Session.Folder -Recurse -Force -ErrorAction SilentlyContinue }
}

# The pages the stub serves for a Datadog command: the sample page (8 events of web-01, with a cursor), then an
# empty last page.
function Get-StubPage {
    @(
        (Get-Content -LiteralPath (Join-Path $script:SamplesFolder 'datadog/logs-search-page.json') -Raw -Encoding UTF8)
        '{"data":[],"meta":{"page":{}}}'
    )
}

# Runs one command in the session. Returns the items it wrote (all streams, in order) and the lines a user sees.
function Invoke-ExampleStep {
    param($Session, [string] $Command)
    if ($null -ne $Session.Stub) { $Command = $Command.Replace($script:DatadogApiBase, $Session.Stub.Url) }
    # Global names nobody types: the command's own variables live in the same scope.
    # Items are added as they are written (not after the command ends), so that host lines (-WhatIf) keep their
    # place among them.
    $run = @'
$global:__csmExampleItems = $args[1]
try {
    . ([scriptblock]::Create($args[0])) *>&1 | ForEach-Object { $global:__csmExampleItems.Add($_) }
}
catch { $global:__csmExampleItems.Add($_) }
'@
    $render = @'
$__csmWidth = $args[0]
$__csmLines = New-Object System.Collections.Generic.List[string]
$__csmObjects = New-Object System.Collections.Generic.List[object]
function __csmAddText([string] $text, [switch] $TrimEnd) {
    $text = $text -replace "`r`n", "`n"
    if ($text.EndsWith("`n")) { $text = $text.Substring(0, $text.Length - 1) }
    if ($TrimEnd) { $text = $text.TrimEnd("`n") }
    foreach ($line in $text.Split("`n")) { $__csmLines.Add($line) }
}
function __csmFlush {
    if ($__csmObjects.Count -gt 0) { __csmAddText ($__csmObjects | Out-String -Width $__csmWidth); $__csmObjects.Clear() }
}
foreach ($__csmItem in $global:__csmExampleItems) {
    if ($__csmItem -is [CsmEvents.Tests.Examples.HostLine]) { __csmFlush; $__csmLines.Add($__csmItem.Text) }
    elseif ($__csmItem -is [System.Management.Automation.WarningRecord]) { __csmFlush; $__csmLines.Add('WARNING: ' + $__csmItem.Message) }
    elseif ($__csmItem -is [System.Management.Automation.VerboseRecord]) { __csmFlush; $__csmLines.Add('VERBOSE: ' + $__csmItem.Message) }
    elseif ($__csmItem -is [System.Management.Automation.ErrorRecord]) { __csmFlush; __csmAddText ($__csmItem | Out-String -Width $__csmWidth) -TrimEnd }
    elseif ($__csmItem -is [System.Management.Automation.InformationRecord]) { __csmFlush; $__csmLines.Add([string] $__csmItem.MessageData) }
    else { $__csmObjects.Add($__csmItem) }
}
__csmFlush
, $__csmLines.ToArray()
'@
    $shell = [PowerShell]::Create()
    try {
        $shell.Runspace = $Session.Runspace
        $collected = New-Object 'System.Collections.Generic.List[object]'
        $Session.Host.Sink = $collected
        $null = $shell.AddScript($run).AddArgument($Command).AddArgument($collected)
        $null = $shell.Invoke()
        $items = @($collected.ToArray())
        $shell.Commands.Clear()
        $null = $shell.AddScript($render).AddArgument($script:ConsoleWidth120)
        $lines = @($shell.Invoke() | ForEach-Object { $_ })
    }
    finally { $shell.Dispose() }
    [pscustomobject]@{ Items = $items; Lines = $lines }
}

# Text for comparing what a page shows with what ran: the folder that holds samples/ (the example's working folder)
# written as "…" (as the pages write it), trailing spaces and leading/trailing blank lines removed, lines joined with "\n". Schemas: the
# example's own cache folder is written as a user's default cache (~/.local/share/csm-events/schemas), the loopback
# mirror as Datadog's repository (the default source), and the time of a fetch is not compared (on both sides).
function ConvertTo-ComparableText {
    param([string[]] $Lines, [string] $Folder, [string] $Cache)
    $text = ($Lines | ForEach-Object { $_ }) -join "`n"
    if ($Folder) {
        $text = $text.Replace($Folder + [System.IO.Path]::DirectorySeparatorChar + 'samples' + [System.IO.Path]::DirectorySeparatorChar, $script:EllipsisPrefix + '/samples/')
        # Files an example writes beside samples/ (a report, a CSV): "…/ws01.html".
        $text = $text.Replace($Folder + [System.IO.Path]::DirectorySeparatorChar, $script:EllipsisPrefix + '/')
    }
    if ($Cache) { $text = $text.Replace($Cache, '~/.local/share/csm-events/schemas') }
    $text = $text -replace 'http://127\.0\.0\.1:\d+', 'https://raw.githubusercontent.com/DataDog/datadog-agent'
    $text = $text -replace '(?<=(fetched|FetchedAt\s*:) )\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? UTC', '(fetch time) UTC'
    $text = (($text -split "`n") | ForEach-Object { $_.TrimEnd() }) -join "`n"
    $text.Trim("`n")
}

# The commands of README.md's code blocks: each statement of a ```powershell block (comment lines before it are its
# claim; a statement goes on over lines while the parser says it is incomplete) and each line of a ```sh block (its
# trailing "# comment" is its claim).
function Get-ReadmeCommand {
    param([string] $Path = (Join-Path $script:RepoRoot 'README.md'))
    $lines = @(Get-Content -LiteralPath $Path -Encoding UTF8)
    $kind = $null
    $claim = @()
    $afterCommand = $false
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($null -eq $kind) {
            if ($line -eq '```powershell') { $kind = 'powershell' } elseif ($line -eq '```sh') { $kind = 'sh' }
            $claim = @()
            # A block that is a script file (its first line a #! line, or a comment naming a .ps1 file) is one
            # command: the whole file, as a scheduler runs it.
            if ($null -ne $kind -and $i + 1 -lt $lines.Count -and $lines[$i + 1] -match '^(#!|# \S+\.ps1\b)') {
                $end = $i + 1
                while ($end -lt $lines.Count -and $lines[$end] -ne '```') { $end++ }
                @{ Kind = $kind; Command = ($lines[($i + 1)..($end - 1)] -join "`n"); Claim = $lines[$i + 1]; Name = $lines[$i + 1]; Script = $true }
                $i = $end
                $kind = $null
            }
            continue
        }
        if ($line -eq '```') { $kind = $null; continue }
        if ($line.Trim().Length -eq 0) { $claim = @(); continue }
        if ($line -match '^\s*#\s?(.*)$') {
            # A comment after a command starts the claim of the next ones.
            if ($afterCommand) { $claim = @(); $afterCommand = $false }
            $claim += $Matches[1]
            continue
        }
        $afterCommand = $true
        if ($kind -eq 'sh') {
            $command = $line
            $comment = ''
            if ($line -match '^(.*?\S)\s+#\s*(.*)$') { $command = $Matches[1]; $comment = $Matches[2] }
            @{ Kind = 'sh'; Command = $command; Claim = $comment; Name = $command; Script = $false }
            continue
        }
        $command = $line
        while ((Test-IncompleteInput $command) -and $i + 1 -lt $lines.Count -and $lines[$i + 1] -ne '```') {
            $i++
            $command += "`n" + $lines[$i]
        }
        @{ Kind = 'powershell'; Command = $command; Claim = ($claim -join ' '); Name = $command; Script = $false }
    }
}
