using System;

namespace CsmEvents.Hosting;

/// <summary>The exception inside every error record the module writes: its message is the escaped
/// <c>path:line: reason</c> text and its <see cref="ErrorId"/> the stable id of the error.</summary>
public sealed class CsmErrorException : Exception
{
    public CsmErrorException(string errorId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
    }

    /// <summary>The stable error id (also the first part of the record's FullyQualifiedErrorId).</summary>
    public string ErrorId { get; }
}
