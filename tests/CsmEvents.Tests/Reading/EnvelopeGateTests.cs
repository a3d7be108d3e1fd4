using CsmEvents.Reading;

namespace CsmEvents.Tests.Reading;

/// <summary>
/// Every record passes a byte search before the Datadog envelope classifier runs: records holding the string
/// "attributes" are classified, all others go straight to the event parser. The search looks for the bare name
/// and checks the quotes around it; these cases pin down what it must and must not find.
/// </summary>
public class EnvelopeGateTests
{
    [Theory]
    [InlineData("""{"attributes":{"attributes":{}}}""")]
    [InlineData("""{"id":"L1","attributes":{"host":"h"}}""")]
    [InlineData("""{"x":"attributes","y":1}""")]                     // a string value: the classifier decides
    [InlineData("""{"attributesX":1,"attributes":{}}""")]            // the first occurrence is not quoted
    [InlineData("""{"a":"attributesattributes","attributes":{}}""")] // overlapping near-misses before the hit
    [InlineData("\"attributes\"")]                                    // at both ends of the record
    public void RecordsHoldingTheQuotedNameAreClassified(string record)
    {
        Assert.True(DatadogEnvelopes.HasQuotedAttributes(System.Text.Encoding.UTF8.GetBytes(record)));
    }

    [Theory]
    [InlineData("""{"evt":{"name":"exec"}}""")]
    [InlineData("""{"attributesX":1}""")]
    [InlineData("""{"xattributes":1}""")]
    [InlineData("""{"x":"file attributes changed"}""")]
    [InlineData("attributes")]
    [InlineData("attributes\"")]
    [InlineData("\"attributes")]
    [InlineData("")]
    public void OtherRecordsGoStraightToTheParser(string record)
    {
        Assert.False(DatadogEnvelopes.HasQuotedAttributes(System.Text.Encoding.UTF8.GetBytes(record)));
    }
}
