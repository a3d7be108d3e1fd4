@{
    RootModule           = 'CsmEvents.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core', 'Desktop')
    GUID                 = '6f0b8f4e-5d1c-4d0e-9a43-2c8e1b7d9a51'
    Author               = 'CsmEvents contributors'
    CompanyName          = 'CsmEvents contributors'
    Copyright            = '(c) CsmEvents contributors. Apache-2.0.'
    Description          = 'Typed pipeline objects, schema validation and process trees for Datadog CSM Threats (Workload Protection) security events.'
    PowerShellVersion    = '5.1'
    CmdletsToExport      = @('Get-CsmEvent')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    FormatsToProcess     = @()
    TypesToProcess       = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Datadog', 'CSM', 'CWS', 'WorkloadProtection', 'Security', 'JSON', 'JsonSchema', 'IncidentResponse', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux')
            ProjectUri   = 'https://github.com/csmevents/CsmEvents'
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = '0.1.0: first release: Get-CsmEvent.'
        }
    }
}
