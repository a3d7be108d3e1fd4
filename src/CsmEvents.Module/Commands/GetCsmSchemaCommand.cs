using System;
using System.Management.Automation;
using CsmEvents.Completers;
using CsmEvents.Schema;
using CsmEvents.Schema.Cache;

namespace CsmEvents.Commands;

/// <summary>
/// <para type="synopsis">Lists the event JSON schemas embedded in CsmEvents and the ones in the schema cache.</para>
/// <para type="description">Writes one EmbeddedSchemaInfo per embedded schema (windows, linux, base): its name,
/// title, JSON Schema dialect and the events it fits. The Text property holds the schema's JSON, to export it
/// with Set-Content; Documents holds every file of a multi-file schema. Then one CachedSchemaInfo per schema
/// Save-CsmSchema fetched (backend_linux@7.64.3, ...): agent version, source address, time and SHA-256.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "CsmSchema")]
[OutputType(typeof(EmbeddedSchemaInfo), typeof(CachedSchemaInfo))]
[ErrorIds(SchemaErrorIds.SchemaNotFound, ParameterErrorIds.InvalidParameterValue)]
public sealed class GetCsmSchemaCommand : CsmCmdlet
{
    /// <summary>Names of the schemas to get (wildcards): windows, linux, base, or cached names such as
    /// backend_linux@7.64.3; all when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(EmbeddedSchemaCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            GetSchemasRunner.Run(Name, SchemaCache.FromEnvironment(Environment.GetEnvironmentVariable), Sink);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminating(new CsmError(ParameterErrorIds.InvalidParameterValue, CsmErrorCategory.InvalidArgument, ex.Message, Name, ex));
        }
    }
}
