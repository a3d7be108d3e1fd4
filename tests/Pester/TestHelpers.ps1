# Shared by the *.Tests.ps1 files (dot-sourced in BeforeDiscovery and BeforeAll). Works in Windows PowerShell 5.1
# and PowerShell 7: no ?? / ?. operators, no ternaries.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
$script:ModuleManifest = Join-Path $script:RepoRoot 'out/CsmEvents/CsmEvents.psd1'
$script:ScenarioFolder = Join-Path $script:RepoRoot 'tests/Scenarios'
$script:SamplesFolder = Join-Path $script:RepoRoot 'samples'

# The pwsh executable of the running PowerShell, for child sessions. Found through $PSHOME, never through the process
# path: when pwsh runs as a .NET tool (`dotnet pwsh`), the process is `dotnet`.
function Get-PwshPath {
    $name = 'pwsh'
    if ($IsWindows) { $name = 'pwsh.exe' }
    Join-Path $PSHOME $name
}

# The folder of Datadog's published schemas beside the repository (tests that need it skip when it is absent).
$script:SharedSchemaFolder = Join-Path $script:RepoRoot '../shared/datadog-agent-schemas'

# Runs a command in a fresh pwsh that imports the built module (it inherits the environment: cache, source) and
# returns what the host printed, as one string. For output that never reaches a stream, such as -WhatIf messages.
function Invoke-InChildPwsh {
    param([string] $Command)
    $script = "Import-Module '$($script:ModuleManifest)' -ErrorAction Stop; " + $Command
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
    (& (Get-PwshPath) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | Out-String)
}

function Import-CsmEventsModule {
    if (-not (Test-Path -LiteralPath $script:ModuleManifest)) {
        throw "The module is not built: run ./build.ps1 (or dotnet build) first. Missing $script:ModuleManifest"
    }
    # Tests never read or fill the user's schema cache, and never download from the real source: each test file
    # starts with an empty cache of its own, and fetches only from a loopback mirror (Start-SchemaMirror).
    $testDrive = Get-Variable -Name TestDrive -ValueOnly -ErrorAction SilentlyContinue
    if ($testDrive) { $env:CSMEVENTS_SCHEMA_CACHE = Join-Path $testDrive 'schema-cache' }
    else { $env:CSMEVENTS_SCHEMA_CACHE = Join-Path ([System.IO.Path]::GetTempPath()) ('csmevents-pester-' + [guid]::NewGuid().ToString('N')) }
    $env:CSMEVENTS_SCHEMA_SOURCE = 'http://127.0.0.1:9/no-schema-source-in-tests'
    Import-Module $script:ModuleManifest -Force -ErrorAction Stop
}

# The shared scenarios of one cmdlet, as Pester -ForEach data. xunit has proven each of them through the runners
# (tests/CsmEvents.Tests/Module/Scenarios); these tests replay them through the real cmdlets.
function Get-CsmScenario {
    param([Parameter(Mandatory)] [string] $Command)
    foreach ($file in Get-ChildItem -LiteralPath $script:ScenarioFolder -Filter '*.json' | Sort-Object Name) {
        $scenario = Get-Content -LiteralPath $file.FullName -Raw -Encoding UTF8 | ConvertFrom-Json
        if ($scenario.command -eq $Command) {
            @{ Name = $file.BaseName; Description = $scenario.description; Path = $file.FullName; Scenario = $scenario }
        }
    }
}

# Scenario parameters (a PSCustomObject) as a hashtable to splat.
function ConvertTo-ParameterTable {
    param($Parameters)
    $table = @{}
    if ($null -ne $Parameters) {
        foreach ($property in $Parameters.PSObject.Properties) { $table[$property.Name] = $property.Value }
    }
    $table
}

# Writes the lines of a scenario as a UTF-8 file without BOM, lines ended by "\n" (as xunit writes it).
function New-ScenarioFile {
    param([string] $Folder, [string] $FileName, [string[]] $Lines)
    $path = Join-Path $Folder $FileName
    [System.IO.File]::WriteAllText($path, (($Lines -join "`n") + "`n"), (New-Object System.Text.UTF8Encoding $false))
    (Resolve-Path -LiteralPath $path).ProviderPath
}

# The value at a dotted property path ('Source.Envelope.Id'; a number indexes a list: 'Errors.0.Message'), as
# invariant text.
function Get-PropertyPathText {
    param($InputObject, [string] $PropertyPath)
    $value = $InputObject
    foreach ($name in $PropertyPath.Split('.')) {
        if ($null -eq $value) { return $null }
        if ($name -match '^\d+$') { $value = @($value)[[int]$name] } else { $value = $value.$name }
    }
    if ($null -eq $value) { return $null }
    [System.Convert]::ToString($value, [System.Globalization.CultureInfo]::InvariantCulture)
}

# An output object as the scenario files write it (ScenarioTests.Text in xunit): an event as its compact JSON, a
# string as it is (lines ended by \n), anything else ([bool], CsmValidationResult, ProcessNode, EmbeddedSchemaInfo)
# as its ToString() text.
function ConvertTo-ScenarioText {
    param($Item)
    if ($Item -is [string]) { return $Item -replace "`r`n", "`n" }
    if ($Item -is [CsmEvents.Model.CsmEvent]) { return $Item | ConvertFrom-CsmEvent }
    $Item.ToString()
}

# Asserts what xunit asserts for a scenario: the output texts, the errors (id, category, message), the warnings and
# properties. {file} in expected texts stands for the file the scenario was written to (or <pipeline>).
function Assert-ScenarioResult {
    param($Scenario, [object[]] $Output, [object[]] $Errors, [string] $CommandClass, [string] $FilePath, [object[]] $Warnings = @())
    $expected = $Scenario.expected
    $texts = @($Output | ForEach-Object { ConvertTo-ScenarioText $_ })
    $texts.Count | Should -Be @($expected.output).Count
    for ($i = 0; $i -lt $texts.Count; $i++) { $texts[$i] | Should -BeExactly (@($expected.output)[$i].Replace('{file}', $FilePath)) }
    $expectedWarnings = @($expected.warnings | Where-Object { $null -ne $_ })
    @($Warnings).Count | Should -Be $expectedWarnings.Count
    for ($i = 0; $i -lt $expectedWarnings.Count; $i++) { @($Warnings)[$i].Message | Should -BeExactly ($expectedWarnings[$i].Replace('{file}', $FilePath)) }
    $expectedErrors = @($expected.errors)
    @($Errors).Count | Should -Be $expectedErrors.Count
    for ($i = 0; $i -lt $expectedErrors.Count; $i++) {
        $record = @($Errors)[$i]
        $record.FullyQualifiedErrorId | Should -BeExactly ($expectedErrors[$i].id + ',' + $CommandClass)
        $record.CategoryInfo.Category.ToString() | Should -BeExactly $expectedErrors[$i].category
        $record.Exception.Message | Should -BeExactly ($expectedErrors[$i].message.Replace('{file}', $FilePath))
    }
    foreach ($entry in @($expected.properties)) {
        if ($null -eq $entry) { continue }
        foreach ($property in $entry.PSObject.Properties) {
            if ($property.Name -eq 'index') { continue }
            Get-PropertyPathText -InputObject $Output[$entry.index] -PropertyPath $property.Name | Should -BeExactly ($property.Value.Replace('{file}', $FilePath))
        }
    }
}

# An HTTP server on the loopback interface for tests (HttpListener on a free port: no URL reservation needed), serving in
# a runspace of its own so that the test can call the cmdlet meanwhile. $Respond answers one request: it gets the
# request's context, $State, the request's number (from 0) and the queue .Requests, adds what to record of the
# request to that queue BEFORE it writes the response (the client may return as soon as it has the response), then
# writes the response. With -Count the server stops after that many requests. Stop it with Stop-LoopbackServer.
# The Datadog stand-in and the schema mirror below, and the scripted server of the Datadog safety tests, use it.
function Start-LoopbackServer {
    param([Parameter(Mandatory)] [scriptblock] $Respond, $State, [int] $Count = -1, [string] $HostName = '127.0.0.1')
    $probe = New-Object System.Net.Sockets.TcpListener ([System.Net.IPAddress]::Loopback, 0)
    $probe.Start()
    $port = $probe.LocalEndpoint.Port
    $probe.Stop()
    $url = "http://${HostName}:$port/"
    $listener = New-Object System.Net.HttpListener
    $listener.Prefixes.Add($url)
    $listener.Start()
    $requests = New-Object 'System.Collections.Concurrent.ConcurrentQueue[string]'
    $shell = [PowerShell]::Create()
    $null = $shell.AddScript({
        param($Listener, $RespondText, $State, $Count, $Requests)
        # Made again from its text: a script block runs in the runspace that created it, which is busy with the test.
        $respond = [scriptblock]::Create($RespondText)
        for ($served = 0; $Count -lt 0 -or $served -lt $Count; $served++) {
            try { $context = $Listener.GetContext() } catch { break }
            & $respond $context $State $served $Requests
            $context.Response.Close()
        }
    }).AddArgument($listener).AddArgument($Respond.ToString()).AddArgument($State).AddArgument($Count).AddArgument($requests)
    $handle = $shell.BeginInvoke()
    [pscustomobject]@{ Url = $url; Listener = $listener; Shell = $shell; Handle = $handle; Requests = $requests }
}

function Stop-LoopbackServer {
    param($Server)
    if ($null -eq $Server) { return }
    # Closing the listener ends the serving loop (GetContext throws); then the shell is stopped and disposed only
    # once its invocation has finished.
    $Server.Listener.Stop()
    $Server.Listener.Close()
    Stop-BackgroundShell $Server.Shell $Server.Handle
}

# Stops a PowerShell started with BeginInvoke and disposes of it after its invocation has completed. Disposing of
# it while the worker thread was still reporting the stop closed the stream it reports to, and the exception that
# followed on that thread ended the whole test process.
function Stop-BackgroundShell {
    param([Parameter(Mandatory)] [PowerShell] $Shell, [Parameter(Mandatory)] [System.IAsyncResult] $Invocation)
    try {
        if (-not $Invocation.AsyncWaitHandle.WaitOne(5000)) { $Shell.Stop() }
        # EndInvoke waits for the end and rethrows how the invocation ended (stopped, failed): expected here.
        $null = $Shell.EndInvoke($Invocation)
    }
    catch { }
    finally { $Shell.Dispose() }
}

# A Datadog Logs API stand-in for Get-CsmEvent -Query (on localhost): answers each request with the next page and
# keeps the request bodies.
function Start-DatadogStub {
    param([string[]] $Pages)
    Start-LoopbackServer -HostName 'localhost' -Count $Pages.Count -State $Pages -Respond {
        param($Context, $Pages, $Number, $Requests)
        $Requests.Enqueue((New-Object System.IO.StreamReader ($Context.Request.InputStream)).ReadToEnd())
        $bytes = [System.Text.Encoding]::UTF8.GetBytes($Pages[$Number])
        $Context.Response.ContentType = 'application/json'
        $Context.Response.ContentLength64 = $bytes.Length
        $Context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
    }
}

function Stop-DatadogStub {
    param($Stub)
    Stop-LoopbackServer $Stub
}

# What a cmdlet's page (docs/cmdlets/<Command>.md) says, read with plain rules of its own rather than with the build's
# converter, so that the help tests compare Get-Help with the page itself: a paragraph's lines joined by one space,
# **bold** markers dropped. Only the parts read here: synopsis, description, parameter texts and default values,
# examples, inputs and outputs.
function ConvertTo-HelpParagraph {
    param([string] $Markdown)
    foreach ($paragraph in ($Markdown.Trim() -split "\n\s*\n")) {
        if ($paragraph.Trim()) { ((($paragraph -split "\n") | ForEach-Object { $_.Trim() }) -join ' ') -replace '\*\*', '' }
    }
}

function Get-HelpPage {
    param([Parameter(Mandatory)] [string] $Command)
    $text = [System.IO.File]::ReadAllText((Join-Path $script:RepoRoot "docs/cmdlets/$Command.md")).Replace("`r`n", "`n")
    $sections = @{}
    foreach ($match in [regex]::Matches($text, '(?ms)^## (.+?)\n(.*?)(?=^## |\z)')) { $sections[$match.Groups[1].Value] = $match.Groups[2].Value }
    $parameters = @{}
    foreach ($match in [regex]::Matches($sections['PARAMETERS'], '(?ms)^### -(\w+)\n(.*?)```yaml\n(.*?)```')) {
        $parameters[$match.Groups[1].Value] = [pscustomobject]@{
            Description  = @(ConvertTo-HelpParagraph $match.Groups[2].Value)
            DefaultValue = [regex]::Match($match.Groups[3].Value, '(?m)^Default value: *(.*?)\s*$').Groups[1].Value
        }
    }
    $examples = foreach ($match in [regex]::Matches($sections['EXAMPLES'], '(?ms)^### (.+?)\n```powershell\n(.*?)\n```\n(.*?)(?=^### |\z)')) {
        [pscustomobject]@{ Title = $match.Groups[1].Value; Code = $match.Groups[2].Value; Remarks = @(ConvertTo-HelpParagraph $match.Groups[3].Value) }
    }
    [pscustomobject]@{
        Synopsis    = (@(ConvertTo-HelpParagraph $sections['SYNOPSIS']) -join ' ')
        Description = @(ConvertTo-HelpParagraph $sections['DESCRIPTION'])
        Parameters  = $parameters
        Examples    = @($examples)
        Inputs      = @([regex]::Matches($sections['INPUTS'], '(?m)^### (.+)$') | ForEach-Object { $_.Groups[1].Value })
        Outputs     = @([regex]::Matches($sections['OUTPUTS'], '(?m)^### (.+)$') | ForEach-Object { $_.Groups[1].Value })
    }
}

# What the code says about one parameter (Get-Command's metadata), in the words Get-Help uses.
function Get-ParameterFact {
    param([Parameter(Mandatory)] [System.Management.Automation.ParameterMetadata] $Parameter)
    $entries = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $position = @($entries | ForEach-Object { $_.Position } | Select-Object -Unique)
    if ($position.Count -ne 1) { throw "-$($Parameter.Name) has different positions in different sets" }
    $byValue = @($entries | Where-Object { $_.ValueFromPipeline }).Count -gt 0
    $byName = @($entries | Where-Object { $_.ValueFromPipelineByPropertyName }).Count -gt 0
    $pipeline = 'False'
    if ($byValue -and $byName) { $pipeline = 'True (ByPropertyName, ByValue)' }
    elseif ($byValue) { $pipeline = 'True (ByValue)' }
    elseif ($byName) { $pipeline = 'True (ByPropertyName)' }
    $positionText = 'named'
    if ($position[0] -ne [int]::MinValue) { $positionText = [string]$position[0] }
    $aliases = 'none'
    if ($Parameter.Aliases.Count -gt 0) { $aliases = $Parameter.Aliases -join ', ' }
    [pscustomobject]@{
        Type          = $Parameter.ParameterType.Name
        Required      = (@($entries | Where-Object { -not $_.Mandatory }).Count -eq 0).ToString().ToLowerInvariant()
        Position      = $positionText
        PipelineInput = $pipeline
        Aliases       = $aliases
        Wildcards     = (@($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0).ToString().ToLowerInvariant()
    }
}

# Text as a user reads it, without the console's line breaks: wide lines, "\n" line ends, no trailing blanks.
function ConvertTo-PlainText {
    param([Parameter(ValueFromPipeline)] $InputObject)
    # A list of PSObject, not of object: the help objects' view comes from type names kept on their PSObject wrapper.
    begin { $items = New-Object System.Collections.Generic.List[psobject] }
    process { $items.Add($InputObject) }
    end { (($items | Out-String -Width 10000) -replace "`r`n", "`n" -split "`n" | ForEach-Object { $_.TrimEnd() }) -join "`n" }
}

# Inside an It: marks the test skipped, with the reason, when ../shared/datadog-agent-schemas is absent.
function Skip-WithoutSharedSchemas {
    if (-not (Test-Path -LiteralPath (Join-Path $script:SharedSchemaFolder 'backend_linux.schema.json'))) {
        Set-ItResult -Skipped -Because "it serves Datadog's published schemas from ../shared/datadog-agent-schemas, which is not at $script:SharedSchemaFolder"
    }
}

# A stand-in for raw.githubusercontent.com/DataDog/datadog-agent on localhost: answers
# GET /VERSION/docs/cloud-workload-security/FILE with the file of that name from ../shared/datadog-agent-schemas for
# the versions given, and 404 for anything else (a version that does not exist). Serves until Stop-SchemaMirror;
# keeps the request paths. Its Url has no trailing slash (it is a base address the cmdlets add paths to).
function Start-SchemaMirror {
    param([string[]] $Versions, [string] $Folder = $script:SharedSchemaFolder)
    $state = @{ Versions = $Versions; Folder = (Resolve-Path -LiteralPath $Folder).ProviderPath }
    $server = Start-LoopbackServer -State $state -Respond {
        param($Context, $State, $Number, $Requests)
        $path = $Context.Request.Url.AbsolutePath
        $Requests.Enqueue($path)
        $parts = $path.Trim('/').Split('/')
        $status = 404
        $bytes = [System.Text.Encoding]::UTF8.GetBytes('404: Not Found')
        if ($parts.Count -eq 4 -and $parts[1] -eq 'docs' -and $parts[2] -eq 'cloud-workload-security' -and $State.Versions -contains [uri]::UnescapeDataString($parts[0])) {
            $file = Join-Path $State.Folder $parts[3]
            if (Test-Path -LiteralPath $file -PathType Leaf) {
                $status = 200
                $bytes = [System.IO.File]::ReadAllBytes($file)
            }
        }
        $Context.Response.StatusCode = $status
        $Context.Response.ContentLength64 = $bytes.Length
        $Context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
    }
    $server.Url = $server.Url.TrimEnd('/')
    $server
}

function Stop-SchemaMirror {
    param($Mirror)
    Stop-LoopbackServer $Mirror
}
