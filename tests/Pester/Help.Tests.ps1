#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Get-Help as a user sees it, for every cmdlet: the built en-US/CsmEvents.dll-Help.xml read by real PowerShell,
# compared with the page in docs/cmdlets (the texts) and with Get-Command (the facts the code decides), so that help
# and code cannot drift apart. Windows PowerShell 5.1 compatible.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $commands = @('ConvertFrom-CsmEvent', 'ConvertTo-CsmEvent', 'Get-CsmEvent', 'Get-CsmProcessTree', 'Get-CsmSchema', 'Test-CsmEvent') | ForEach-Object { @{ Command = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-CsmEventsModule
    if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Get-Help <Command>' -ForEach $commands {
    BeforeAll {
        $page = Get-HelpPage -Command $Command
        $cmdlet = Get-Command $Command
        $parameterNames = @($cmdlet.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)
        $facts = @{}
        foreach ($name in $parameterNames) { $facts[$name] = Get-ParameterFact $cmdlet.Parameters[$name] }
        $help = Get-Help $Command -Full
        $full = Get-Help $Command -Full | ConvertTo-PlainText
        # The facts a parameter block shows, in Get-Help's words; Windows PowerShell 5.1's view has no Aliases line
        # (it came with PowerShell 6), so that line is expected on PowerShell 7 only.
        function Get-ExpectedParameterBlock([string] $Name, [string] $Indent) {
            $fact = $facts[$Name]
            $header = "-$Name <$($fact.Type)>"
            if ($fact.Type -eq 'SwitchParameter') { $header = "-$Name [<SwitchParameter>]" }
            $lines = @("$Indent$header")
            foreach ($paragraph in $page.Parameters[$Name].Description) { $lines += "$Indent    $paragraph"; $lines += '' }
            $lines += "$Indent    Required?                    $($fact.Required)"
            $lines += "$Indent    Position?                    $($fact.Position)"
            $lines += "$Indent    Default value                $($page.Parameters[$Name].DefaultValue)"
            $lines += "$Indent    Accept pipeline input?       $($fact.PipelineInput)"
            if ($PSVersionTable.PSEdition -eq 'Core') { $lines += "$Indent    Aliases                      $($fact.Aliases)" }
            $lines += "$Indent    Accept wildcard characters?  $($fact.Wildcards)"
            $lines -join "`n"
        }
    }

    It 'shows the synopsis and the description of its page' {
        $help.Synopsis | Should -BeExactly $page.Synopsis
        $full | Should -Match ('(?m)^SYNOPSIS\n    ' + [regex]::Escape($page.Synopsis) + '$')
        # PowerShell ends a paragraph that another follows with a line break.
        $help.Description[0].Text.TrimEnd() | Should -BeExactly $page.Description[0]
        $full | Should -Match ('(?m)^DESCRIPTION\n    ' + [regex]::Escape($page.Description[0]) + '$')
    }

    It 'documents exactly the parameters of the cmdlet' {
        @($help.Parameters.Parameter | ForEach-Object { $_.Name } | Sort-Object) | Should -Be $parameterNames
        @($page.Parameters.Keys | Sort-Object) | Should -Be $parameterNames
    }

    It 'shows in -Full every parameter with its text, type and facts' {
        foreach ($name in $parameterNames) {
            $block = Get-ExpectedParameterBlock -Name $name -Indent '    '
            $full.Contains($block) | Should -BeTrue -Because "Get-Help -Full should show`n$block"
        }
    }

    It 'answers Get-Help -Parameter for every parameter' {
        # One Get-Help call for all of them (-Parameter *): each answer is the object -Parameter Name writes.
        $answers = @(Get-Help $Command -Parameter *)
        @($answers | ForEach-Object { $_.name } | Sort-Object) | Should -Be $parameterNames
        $shown = "`n" + ($answers | ConvertTo-PlainText) + "`n"
        foreach ($name in $parameterNames) {
            $block = Get-ExpectedParameterBlock -Name $name -Indent ''
            $shown.Contains("`n$block`n") | Should -BeTrue -Because "Get-Help $Command -Parameter $name should show`n$block"
            $parameter = $answers | Where-Object name -EQ $name
            $fact = $facts[$name]
            $parameter.type.name | Should -BeExactly $fact.Type
            $parameter.aliases | Should -BeExactly $fact.Aliases
        }
    }

    It 'has one syntax per parameter set of Get-Command, with its parameters and what each set requires' {
        $items = @($help.Syntax.SyntaxItem)
        $sets = @($cmdlet.ParameterSets)
        $items.Count | Should -Be $sets.Count
        foreach ($set in $sets) {
            $expected = @($set.Parameters | Where-Object { $_.Name -notin $common } | Sort-Object Name)
            $match = @($items | Where-Object { (@($_.Parameter | ForEach-Object { $_.Name } | Sort-Object) -join ',') -eq (@($expected | ForEach-Object { $_.Name }) -join ',') })
            $match.Count | Should -Be 1 -Because "one syntax should show the parameters of the set $($set.Name)"
            foreach ($parameter in $expected) {
                ($match[0].Parameter | Where-Object Name -EQ $parameter.Name).required | Should -BeExactly $parameter.IsMandatory.ToString().ToLowerInvariant() -Because "-$($parameter.Name) in $($set.Name)"
            }
        }
        $full | Should -Match ('(?m)^SYNTAX\n    ' + [regex]::Escape($Command) + ' ')
    }

    It 'shows the inputs and outputs of its page' {
        @($help.inputTypes.inputType | ForEach-Object { $_.type.name }) | Should -Be $page.Inputs
        @($help.returnValues.returnValue | ForEach-Object { $_.type.name }) | Should -Be $page.Outputs
        foreach ($type in $page.Inputs + $page.Outputs) { $full | Should -Match ('(?m)^    ' + [regex]::Escape($type) + '$') }
    }

    It 'lists in NOTES every error id the cmdlet can write, and no other' {
        $declared = $cmdlet.ImplementingType.GetCustomAttributes([CsmEvents.Commands.ErrorIdsAttribute], $false)[0].Ids
        $notes = @($help.alertSet.alert | ForEach-Object { $_.Text }) -join "`n"
        $listed = @([regex]::Matches($notes, '(?m)^(\w+) \(\w+\): ') | ForEach-Object { $_.Groups[1].Value })
        @($listed | Sort-Object) | Should -Be @($declared | Sort-Object)
        foreach ($id in $declared) { $full | Should -Match ('(?m)^        ' + $id + ' \(\w+\): \S') }
    }

    It 'shows every example of its page with its code and remarks, in -Full and -Examples' {
        $examplesText = Get-Help $Command -Examples | ConvertTo-PlainText
        $shown = @((Get-Help $Command -Examples).Examples.Example)
        $shown.Count | Should -Be $page.Examples.Count
        $shown.Count | Should -BeGreaterOrEqual 2
        for ($i = 0; $i -lt $shown.Count; $i++) {
            $expected = $page.Examples[$i]
            $shown[$i].Title | Should -Match ('^-+ ' + [regex]::Escape($expected.Title) + ' -+$')
            $shown[$i].Code | Should -BeExactly $expected.Code
            # PowerShell ends every remark paragraph but the last with a line break: compare the paragraphs' text.
            @($shown[$i].Remarks | ForEach-Object { $_.Text.TrimEnd() } | Where-Object { $_ }) | Should -Be $expected.Remarks
            foreach ($text in @($examplesText, $full)) {
                $text | Should -Match ('(?m)^    -+ ' + [regex]::Escape($expected.Title) + ' -+$')
                $code = (($expected.Code -split "`n") | ForEach-Object { ('    ' + $_).TrimEnd() }) -join "`n"
                $text.Contains("`n" + $code + "`n") | Should -BeTrue -Because "the code of $($expected.Title) should be shown as written"
                foreach ($remark in $expected.Remarks) { $text | Should -Match ('(?m)^    ' + [regex]::Escape($remark) + '$') }
            }
        }
    }

    It 'opens no broken address with Get-Help -Online' {
        # No cmdlet declares a HelpUri and no page an online version: Get-Help -Online says so, rather than opening a
        # relative link such as Get-CsmEvent.md as an address.
        $cmdlet.HelpUri | Should -BeNullOrEmpty
        @($help.relatedLinks.navigationLink | Where-Object { $_.uri }) | Should -BeNullOrEmpty
        $failure = $null
        try { Get-Help $Command -Online -ErrorAction Stop } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeExactly 'InvalidOperation,Microsoft.PowerShell.Commands.GetHelpCommand'
        $failure.Exception.Message | Should -BeLike '*the Internet address (URI) of the Help topic is not specified*'
    }
}

Describe 'Get-Help about_CsmEvents' {
    It 'shows the conceptual topic shipped in en-US' {
        $topic = Get-Help about_CsmEvents
        $topic.Category | Should -BeExactly 'HelpFile'
        $text = $topic | ConvertTo-PlainText
        $file = [System.IO.File]::ReadAllText((Join-Path $script:RepoRoot 'docs/cmdlets/about_CsmEvents.help.txt')).Replace("`r`n", "`n")
        $text | Should -Match '(?m)^TOPIC\n    about_CsmEvents$'
        $text.Contains(($file -split "`n")[4]) | Should -BeTrue
        (Get-Help about_CsmEvents -Full | ConvertTo-PlainText).Contains('DatadogUnexpectedStatus  Any other HTTP status.') | Should -BeTrue
    }
}
