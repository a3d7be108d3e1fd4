using System;
using System.Threading;
using System.Threading.Tasks;

namespace CsmEvents.Datadog;

/// <summary>
/// Blocks the calling thread on an async operation but returns the moment the token is cancelled, even if the
/// operation itself ignores the token (an injected delay, a server that never answers). Hosts call
/// synchronously, and Ctrl+C must unblock them at once.
/// </summary>
internal static class SyncWait
{
    public static T Run<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Task<T> task = operation(cancellationToken);
        WaitOrCancel(task, cancellationToken);
        return task.GetAwaiter().GetResult();
    }

    public static void Run(Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Task task = operation(cancellationToken);
        WaitOrCancel(task, cancellationToken);
        task.GetAwaiter().GetResult();
    }

    private static void WaitOrCancel(Task task, CancellationToken cancellationToken)
    {
        if (task.IsCompleted) return;
        try
        {
            task.Wait(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The abandoned task may still fail later; observe that so it is not reported as unobserved.
            task.ContinueWith(t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        catch (AggregateException)
        {
            // The task failed; GetResult below rethrows its own exception without the AggregateException wrapper.
        }
    }
}
