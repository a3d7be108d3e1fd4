using System.Management.Automation;
using CsmEvents.Conversion;
using CsmEvents.Model;
using CsmEvents.Reading;

namespace CsmEvents.Commands;

/// <summary>
/// <para type="synopsis">Converts CsmEvent objects to their JSON text.</para>
/// <para type="description">Writes each event as compact JSON on one line (so the output saved with Set-Content is
/// a valid JSON-lines file), or indented with -Indented. The text is lossless: unknown fields, exact numbers and
/// original timestamps are kept, and an edited property is written with its new value.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "CsmEvent")]
[OutputType(typeof(string))]
[ErrorIds(ConversionErrorIds.UnsupportedValue, ReadErrorIds.NestingTooDeep, ReadErrorIds.DuplicateProperty)]
public sealed class ConvertFromCsmEventCommand : CsmCmdlet
{
    /// <summary>The events to write.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public CsmEvent[] InputObject { get; set; } = System.Array.Empty<CsmEvent>();

    /// <summary>Write indented JSON over several lines, for reading.</summary>
    [Parameter]
    public SwitchParameter Indented { get; set; }

    private ConvertFromEventsRunner? _runner;

    protected override void BeginProcessing() => _runner = new ConvertFromEventsRunner(Indented, Sink, HostObjects);

    protected override void ProcessRecord() => Run(() => _runner!.Convert(InputObject));

    protected override void EndProcessing() => Run(() => _runner!.Complete());
}
