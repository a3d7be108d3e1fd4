using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsmEvents.Commands;
using CsmEvents.Conversion;
using CsmEvents.Model;
using CsmEvents.Schema;
using CsmEvents.Tests.Module.Conversion;
using CsmEvents.Tests.Support;

namespace CsmEvents.Tests.Commands;

/// <summary>Test-CsmEvent's pipeline input: strings form one text, events are validated through their JSON,
/// anything else is refused (at binding, and as an error if it gets through).</summary>
public class EventOrTextInputTests
{
    private const string Windows = "{\"agent\":{\"rule_id\":\"r1\",\"os\":\"windows\"},\"title\":\"t\",\"evt\":{\"name\":\"exec\",\"category\":\"Process Activity\"},\"date\":\"2025-06-03T08:48:07Z\"}";
    private const string Invalid = "{\"agent\":{\"rule_id\":\"r2\",\"os\":\"windows\"},\"title\":\"t\",\"evt\":{\"name\":\"exec\",\"category\":5},\"date\":\"2025-06-03T08:48:07Z\"}";

    private static (RecordingSink Sink, EventOrTextInput Input) Create(bool detailed = false)
    {
        var sink = new RecordingSink();
        var runner = new TestEventsRunner(new TestEventsOptions { Detailed = detailed }, sink);
        var input = new EventOrTextInput(() => runner.BeginText(ConvertToEventsRunner.PipelineTextPath), runner.TestEvent, sink, FakeHostAdapter.Instance);
        return (sink, input);
    }

    [Fact]
    public void StringsFormOneTextSpreadOverPieces()
    {
        var (sink, input) = Create();
        input.Add(Windows.Substring(0, 20));
        input.Add(new FakeWrapper(Windows.Substring(20)));
        input.Add(Invalid);
        input.Complete();
        Assert.Equal(new object[] { true, false }, sink.Emitted);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public void EventsGetTheVerdictOfTheirTextAndKeepTheirSource()
    {
        var (fromText, textInput) = Create(detailed: true);
        textInput.Add(Windows);
        textInput.Add(Invalid);
        textInput.Complete();

        var read = new RecordingSink();
        using (var text = new GetEventsRunner(new GetEventsOptions(), read).BeginText("events.jsonl"))
        {
            text.Append(Windows);
            text.Append(Invalid);
            text.Complete();
        }
        var (fromEvents, eventInput) = Create(detailed: true);
        eventInput.Add(new FakeWrapper(read.EmittedOf<CsmEvent>().ToArray()));
        eventInput.Complete();

        var textResults = fromText.EmittedOf<CsmValidationResult>();
        var eventResults = fromEvents.EmittedOf<CsmValidationResult>();
        Assert.Equal(new[] { "<pipeline>:1: valid", "<pipeline>:2: 1 error(s)" }, textResults.Select(r => r.ToString()));
        Assert.Equal(new[] { "events.jsonl:1: valid", "events.jsonl:2: 1 error(s)" }, eventResults.Select(r => r.ToString()));
        Assert.Equal(textResults[1].Errors.Single().Message, eventResults[1].Errors.Single().Message);
    }

    [Fact]
    public void OtherObjectsAreOneErrorEach()
    {
        var (sink, input) = Create();
        input.Add(new FileInfo("/tmp/x.jsonl"));
        input.Add(Windows);
        input.Add(42);
        input.Complete();
        Assert.Equal(new object[] { true }, sink.Emitted);
        Assert.Equal(new[] { ConversionErrorIds.UnsupportedValue, ConversionErrorIds.UnsupportedValue }, sink.ErrorIds);
        Assert.Equal("<input 1>: a System.IO.FileInfo is neither a CsmEvent nor JSON text; convert objects with ConvertTo-CsmEvent, and pass files with -Path or -LiteralPath", sink.ErrorMessages[0]);
        Assert.Equal("<input 3>: a System.Int32 is neither a CsmEvent nor JSON text; convert objects with ConvertTo-CsmEvent, and pass files with -Path or -LiteralPath", sink.ErrorMessages[1]);
        Assert.Equal(CsmErrorCategory.InvalidArgument, sink.Errors[0].Category);
    }

    [Fact]
    public void NullIsIgnoredAndNoTextMeansNoTextSource()
    {
        var (sink, input) = Create();
        input.Add(null);
        input.Complete();
        // Only the runner's schema line: no output, no error, and no text source (which would say "<pipeline>: ...").
        Assert.Equal(new[] { "verbose" }, sink.Log.Select(entry => entry.Kind));
        Assert.StartsWith("Schema: ", sink.VerboseMessages.Single());
    }

    [Fact]
    public void AcceptsDecidesWhatBindsToInputObject()
    {
        var adapter = FakeHostAdapter.Instance;
        Assert.True(EventOrTextInput.Accepts("{}", adapter));
        Assert.True(EventOrTextInput.Accepts(new FakeWrapper("{}"), adapter));
        Assert.True(EventOrTextInput.Accepts(null, adapter));
        Assert.True(EventOrTextInput.Accepts(CsmEvent.Parse(Windows), adapter));
        Assert.True(EventOrTextInput.Accepts(new object[] { "{}", new FakeWrapper(CsmEvent.Parse(Windows)) }, adapter));
        Assert.False(EventOrTextInput.Accepts(new FakeWrapper(new FileInfo("/tmp/a.jsonl")), adapter));
        Assert.False(EventOrTextInput.Accepts(new object[] { "{}", 1 }, adapter));
        Assert.False(EventOrTextInput.Accepts(new Dictionary<string, object>(), adapter));
        Assert.False(EventOrTextInput.Accepts(new FakeWrapper(new FakeBag().Add("title", "x")), adapter));
    }

    [Fact]
    public void StoppingCancelsBeforeTheNextInput()
    {
        var (sink, input) = Create();
        sink.Cancel();
        Assert.ThrowsAny<System.OperationCanceledException>(() => input.Add(Windows));
    }
}
