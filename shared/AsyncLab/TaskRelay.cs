namespace AsyncLab;

/// <summary>Hands a task's outcome over to a <see cref="TaskCompletionSource{TResult}"/>, whose awaiters may then resume elsewhere.</summary>
internal static class TaskRelay
{
    /// <summary>Completes <paramref name="target"/> as <paramref name="task"/> ends: with its result, its exceptions, or canceled.</summary>
    public static void RelayTo<T>(this Task<T> task, TaskCompletionSource<T> target) =>
        task.ContinueWith(
            ended =>
            {
                if (ended.IsCanceled)
                {
                    target.SetCanceled();
                }
                else if (ended.Exception is { } failure)
                {
                    target.SetException(failure.InnerExceptions);
                }
                else
                {
                    target.SetResult(ended.Result);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
