using System;

namespace CsmEvents.Conversion;

/// <summary>A value that cannot become JSON: which error id applies and why, with the place inside the value
/// (<c>process.ancestors[2].executable</c>) already in the reason.</summary>
public sealed class PlainValueException : Exception
{
    public PlainValueException(string errorId, string reason)
        : base(reason)
    {
        ErrorId = errorId;
    }

    /// <summary><see cref="ConversionErrorIds.UnsupportedValue"/>, or a reading id such as NestingTooDeep.</summary>
    public string ErrorId { get; }
}
