using System;
using CsmEvents.Schema;

namespace CsmEvents.Tests.Schema;

/// <summary>The valid path builds no error details: counted in bytes allocated, not in time.</summary>
public class AllocationTests
{
    [Fact]
    public void ValidEventsAreValidatedWithoutAllocatingWhenFormatsAreNotAsserted()
    {
        var schema = EmbeddedSchemas.Get("windows");
        var evt = SampleEvents.Parse(SampleEvents.WindowsExec);
        Assert.True(schema.Validate(evt).IsValid);
        Assert.True(schema.IsValid(evt));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            schema.Validate(evt);
            schema.IsValid(evt);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void AssertedDateTimesCostOnlyTheirStrings()
    {
        var schema = EmbeddedSchemas.Get("windows");
        var evt = SampleEvents.Parse(SampleEvents.WindowsExec);
        Assert.True(schema.IsValid(evt, SchemaValidationOptions.Events));

        long before = GC.GetAllocatedBytesForCurrentThread();
        schema.IsValid(evt, SchemaValidationOptions.Events);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // The sample has 6 date-times (about 90 bytes each as .NET strings).
        Assert.InRange(allocated, 1, 6 * 100);
    }
}
