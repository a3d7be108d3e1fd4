<#
.SYNOPSIS
    Prints what the docs/cmdlets examples write, in the form the pages show it: the tool for updating a page after a
    view or a message changed. DocumentedExamples.Tests.ps1 then checks the page.

.EXAMPLE
    dotnet pwsh -NoProfile ./tests/Pester/Show-DocumentedExample.ps1 -Filter 'Get-CsmEvent Example 2*'

    Runs the examples whose "<page> <title>" matches the filter (build the module first: dotnet build -c Release).
#>
param([string] $Filter = '*')

. (Join-Path $PSScriptRoot 'TestHelpers.ps1')
. (Join-Path $PSScriptRoot 'ExampleRunner.ps1')
Import-CsmEventsModule
foreach ($example in Get-DocumentedExample | Where-Object { ($_.Page + ' ' + $_.Title) -like $Filter }) {
    "### $($example.Page) $($example.Title)"
    $steps = @(Get-ExampleStep $example.Block)
    $session = New-DocumentedExampleSession -Steps $steps
    try {
        foreach ($step in $steps) {
            'PS> ' + $step.Command
            if ($step.Command.Trim().Length -eq 0) { continue }
            $text = ConvertTo-ComparableText -Lines (Invoke-ExampleStep -Session $session -Command $step.Command).Lines -Folder $session.Folder -Cache $session.Cache
            if ($text.Length -gt 0) { $text }
        }
    }
    finally { Close-ExampleSession $session }
    ''
}
