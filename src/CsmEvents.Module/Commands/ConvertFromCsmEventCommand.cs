using System;
using System.Management.Automation;
using CsmEvents.Conversion;
using CsmEvents.Export;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// <para type="synopsis">Converts CsmEvent objects to their JSON text, to Datadog log records, or to timeline records for Timesketch or a CSV.</para>
/// <para type="description">Writes each event as compact JSON on one line (so the output saved with Set-Content is
/// a valid JSON-lines file), or indented with -Indented. The text is lossless: unknown fields, exact numbers and
/// original timestamps are kept, and an edited property is written with its new value. -As Timesketch writes one
/// Timesketch JSON line per event; -As Csv writes a header line and one flat timeline record per event.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "CsmEvent")]
[OutputType(typeof(string))]
[ErrorIds(ConversionErrorIds.UnsupportedValue, ReadErrorIds.NestingTooDeep, ReadErrorIds.DuplicateProperty,
    ExportErrorIds.MissingTimestamp, ParameterErrorIds.InvalidParameterValue)]
public sealed class ConvertFromCsmEventCommand : CsmCmdlet
{
    /// <summary>The events to write.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public CsmEvent[] InputObject { get; set; } = System.Array.Empty<CsmEvent>();

    /// <summary>Write indented JSON over several lines, for reading.</summary>
    [Parameter]
    public SwitchParameter Indented { get; set; }

    /// <summary>What to write: Json (the event's own JSON, the default), Timesketch (JSON lines for Timesketch's
    /// importer), Csv (a flat timeline CSV with a header line) or DatadogLog (the event's JSON inside the Datadog log
    /// record it came in, so that the events read back keep their hosts).</summary>
    [Parameter]
    public EventTextFormat As { get; set; } = EventTextFormat.Json;

    private ConvertFromEventsRunner? _runner;

    protected override void BeginProcessing()
    {
        try
        {
            _runner = new ConvertFromEventsRunner(As, Indented, Sink, HostObjects);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminating(new CsmError(ParameterErrorIds.InvalidParameterValue, CsmErrorCategory.InvalidArgument, ex.Message, As, ex));
        }
        Run(() => _runner!.Begin());
    }

    protected override void ProcessRecord() => Run(() => _runner!.Convert(InputObject));

    protected override void EndProcessing() => Run(() => _runner!.Complete());
}
