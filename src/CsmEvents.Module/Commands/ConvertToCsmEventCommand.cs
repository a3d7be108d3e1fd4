using System.Management.Automation;
using CsmEvents.Conversion;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// <para type="synopsis">Converts JSON text, hashtables and PowerShell objects to CsmEvent objects.</para>
/// <para type="description">Accepts JSON text (one object, an array, JSON lines, or a document over several
/// pipeline strings), hashtables and ordered dictionaries, PSCustomObjects (ConvertFrom-Json, Invoke-RestMethod
/// against the Datadog Logs API, whose envelopes are unwrapped with host, service and tags kept) and CsmEvents
/// (passed through). Objects convert completely, however deep. Each input that cannot become an event is one error.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "CsmEvent")]
[OutputType(typeof(CsmEvent))]
[ErrorIds(
    ReadErrorIds.InvalidJson, ReadErrorIds.NotAnObject, ReadErrorIds.NestingTooDeep, ReadErrorIds.DuplicateProperty,
    ReadErrorIds.InvalidUtf8, ReadErrorIds.LoneSurrogate, ReadErrorIds.RecordTooLarge, ReadErrorIds.NotJson,
    ReadErrorIds.InvalidDatadogEnvelope, ConversionErrorIds.UnsupportedValue)]
public sealed class ConvertToCsmEventCommand : CsmCmdlet
{
    /// <summary>What to convert: JSON text, a hashtable or dictionary, a PSCustomObject, a CsmEvent, or an array of those.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    public PSObject? InputObject { get; set; }

    private ConvertToEventsRunner? _runner;

    protected override void BeginProcessing() => _runner = new ConvertToEventsRunner(Sink, HostObjects);

    protected override void ProcessRecord() => Run(() => _runner!.Add(InputObject));

    protected override void EndProcessing() => Run(() => _runner!.Complete());

    protected override void Dispose(bool disposing)
    {
        if (disposing) _runner?.Dispose();
    }
}
