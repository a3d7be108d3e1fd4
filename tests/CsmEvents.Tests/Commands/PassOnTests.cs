using CsmEvents.Commands;
using CsmEvents.Model;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Commands;

/// <summary>Events piped into Get-CsmEvent (-InputEvent) are filtered and passed on, not read again.</summary>
public class PassOnTests
{
    [Fact]
    public void EventsAlreadyReadAreFilteredCountedAndPassedOnAsTheSameObjects()
    {
        var exec = CsmEvent.Parse("""{"evt":{"name":"exec"},"title":"a"}""");
        var open = CsmEvent.Parse("""{"evt":{"name":"open"},"title":"b"}""");
        var sink = new RecordingSink();
        var runner = new GetEventsRunner(new GetEventsOptions { Filter = new EventFilter { EventTypes = new[] { "open" } } }, sink);
        runner.PassOn(exec);
        runner.PassOn(open);
        runner.ReportTotals();
        Assert.Same(open, Assert.Single(sink.Emitted));
        Assert.Equal("Done: 2 records, 0 bad, 1 event written.", sink.VerboseMessages[^1]);
    }
}
