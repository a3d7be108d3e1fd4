# Module manifest of CsmEvents. The build copies it into out/CsmEvents/. The contract tests check that
# ModuleVersion equals <Version> in Directory.Build.props, that CmdletsToExport lists exactly the cmdlet classes
# of CsmEvents.dll, and that every file named here exists in the layout. Never list the DLLs of Dependencies/ here
# (RequiredAssemblies would load them before the module's resolve handler runs).
@{
    RootModule             = 'CsmEvents.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Core', 'Desktop')
    GUID                   = '6f0b8f4e-5d1c-4d0e-9a43-2c8e1b7d9a51'
    Author                 = 'CsmEvents contributors'
    CompanyName            = 'CsmEvents contributors'
    Copyright              = '(c) CsmEvents contributors. Apache-2.0.'
    Description            = 'Typed pipeline objects, schema validation, process trees, HTML incident reports and timeline exports for Datadog CSM Threats (Workload Protection) security events.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.6.2'
    CmdletsToExport        = @(
        'ConvertFrom-CsmEvent'
        'ConvertTo-CsmEvent'
        'Export-CsmReport'
        'Get-CsmEvent'
        'Get-CsmProcessTree'
        'Get-CsmSchema'
        'Save-CsmSchema'
        'Test-CsmEvent'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    FormatsToProcess       = @('CsmEvents.Format.ps1xml')
    TypesToProcess         = @('CsmEvents.Types.ps1xml')
    PrivateData            = @{
        PSData = @{
            Tags         = @('Datadog', 'CSM', 'CWS', 'WorkloadProtection', 'Security', 'JSON', 'JsonSchema', 'IncidentResponse', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux')
            ProjectUri   = 'https://github.com/csmevents/CsmEvents'
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = '0.1.0: first release. Get-CsmEvent reads events from files, folders, gzip, Datadog Logs API pages and pipeline text, with filters; ConvertTo-CsmEvent converts JSON text, hashtables and PSCustomObjects (Invoke-RestMethod output included); ConvertFrom-CsmEvent writes lossless JSON lines or indented JSON; Get-CsmEvent -Query searches the Datadog Logs API (keys as SecureString or DD_API_KEY/DD_APP_KEY, -From/-To as dates or now-6h); Test-CsmEvent validates files, events and JSON text against the embedded Windows, old Linux and base schemas or a schema file ([bool] or -Detailed results); Get-CsmSchema lists and exports the embedded and cached schemas; Save-CsmSchema fetches the published schemas of an agent version into a per-user cache, which Test-CsmEvent -Schema auto uses for current Linux events (by agent.version, never online); Test-CsmEvent -Summary groups the problems of a run by schema, keyword and path, -BaselinePath accepts known drift, -JUnitPath writes a JUnit report, and -Query validates a Datadog Logs API search; Get-CsmProcessTree merges event lineages into process trees (nodes, text, Dot, Mermaid, JSON); table and list views with escaped event strings; tab completion of event types, categories and outcomes; Export-CsmReport writes one self-contained HTML incident report (summary, timeline, process trees, event table with the exact JSON, validation); ConvertFrom-CsmEvent -As Timesketch or Csv writes timelines for Timesketch, Timeline Explorer and spreadsheets.'
        }
    }
}
