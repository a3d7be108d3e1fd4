using System;
using System.Management.Automation;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Commands;

/// <summary>
/// <para type="synopsis">Downloads Datadog's published event schemas of an agent version into the schema cache.</para>
/// <para type="description">Fetches backend_linux.schema.json and backend_windows.schema.json of an agent version
/// (7.64.3, 7.64.3-rc.1, or main for the newest) from SOURCE/VERSION/docs/cloud-workload-security/, checks that each
/// is a usable JSON schema and puts it into the per-user schema cache atomically, recording address, time and
/// SHA-256. Test-CsmEvent -Schema auto then validates current Linux events against the cached schema of their
/// agent.version, without touching the network. Writes one CachedSchemaInfo per saved file.</para>
/// </summary>
[Cmdlet(VerbsData.Save, "CsmSchema", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(CachedSchemaInfo))]
[ErrorIds(SchemaErrorIds.InvalidAgentVersion, SchemaErrorIds.InvalidSchemaSource, SchemaErrorIds.SchemaDownloadFailed, SchemaErrorIds.SchemaCacheUnavailable)]
public sealed class SaveCsmSchemaCommand : CsmCmdlet
{
    /// <summary>Agent versions whose schemas to fetch: releases such as 7.64.3 or 7.64.3-rc.1 (the tags of
    /// DataDog/datadog-agent), or main for the newest.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] AgentVersion { get; set; } = Array.Empty<string>();

    /// <summary>The base address under which VERSION/docs/cloud-workload-security/FILE is read (a mirror, or a
    /// local server); default $env:CSMEVENTS_SCHEMA_SOURCE, else https://raw.githubusercontent.com/DataDog/datadog-agent.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Source { get; set; }

    private SaveSchemaRunner? _runner;

    protected override void BeginProcessing()
    {
        var options = new SaveSchemaOptions
        {
            Cache = SchemaCache.FromEnvironment(Environment.GetEnvironmentVariable),
            Source = Source ?? SchemaCache.SourceFromEnvironment(Environment.GetEnvironmentVariable),
        };
        try
        {
            _runner = new SaveSchemaRunner(options, Sink);
        }
        catch (SchemaSaveException ex)
        {
            ThrowTerminating(ex.Error);
        }
    }

    protected override void ProcessRecord()
    {
        foreach (string version in AgentVersion)
        {
            try
            {
                var (target, action) = _runner!.Describe(version);
                if (!ShouldProcess(target, action)) continue;
                Run(() => _runner.Save(version));
            }
            catch (SchemaSaveException ex)
            {
                ThrowTerminating(ex.Error);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _runner?.Dispose();
    }
}
