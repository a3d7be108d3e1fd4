using System.Threading;

namespace CsmEvents.Commands;

/// <summary>
/// What a host (a cmdlet, the CLI, a test) offers a runner: emit results as soon as they exist, report errors,
/// warnings, verbose text and progress, and a token that is cancelled when the user stops the command.
/// Runners decide everything a user observes; hosts only translate these calls.
/// </summary>
public interface ICommandSink
{
    /// <summary>Writes one result object to the output (WriteObject). May throw when the host stops the
    /// pipeline; runners let that exception through.</summary>
    void Emit(object item);

    /// <summary>Reports one non-terminating error (WriteError).</summary>
    void Error(CsmError error);

    void Warning(string message);

    void Verbose(string message);

    void Progress(CsmProgress progress);

    CancellationToken Cancellation { get; }
}

/// <summary>Error categories, mirroring the PowerShell ErrorCategory values the module uses.</summary>
public enum CsmErrorCategory
{
    NotSpecified,
    ReadError,
    InvalidData,
    ObjectNotFound,
    InvalidArgument,
    ParserError,
    PermissionDenied,
    ResourceUnavailable,
    ConnectionError,
    AuthenticationError,
    LimitsExceeded,
    OperationTimeout,
    InvalidResult,
    WriteError,
    ResourceExists,
    SecurityError,
}

/// <summary>One error: a stable id, a category, the <c>path:line: reason</c> message and what it concerns.</summary>
public sealed class CsmError
{
    public CsmError(string errorId, CsmErrorCategory category, string message, object? target = null, System.Exception? exception = null)
    {
        ErrorId = errorId;
        Category = category;
        Message = message;
        Target = target;
        Exception = exception;
    }

    public string ErrorId { get; }
    public CsmErrorCategory Category { get; }
    public string Message { get; }
    public object? Target { get; }
    public System.Exception? Exception { get; }

    public override string ToString() => Message;
}

/// <summary>A progress update: activity 1 is the command, activity 2 (child of 1) the current file.</summary>
public sealed class CsmProgress
{
    public CsmProgress(int activityId, string activity, string status, int percentComplete, int parentActivityId = -1, bool completed = false)
    {
        ActivityId = activityId;
        Activity = activity;
        Status = status;
        PercentComplete = percentComplete;
        ParentActivityId = parentActivityId;
        Completed = completed;
    }

    public int ActivityId { get; }
    public int ParentActivityId { get; }
    public string Activity { get; }
    public string Status { get; }
    public int PercentComplete { get; }
    public bool Completed { get; }
}
