namespace AsyncLab.Tests.Support;

/// <summary>A SynchronizationContext that queues posted work until the test runs it, like a UI thread would.</summary>
public sealed class QueueingSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();

    public int Posted { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_queue)
        {
            Posted++;
            _queue.Enqueue((d, state));
        }
    }

    /// <summary>Runs queued work, on this thread and within this context, until <paramref name="task"/> has completed.</summary>
    public void RunUntilCompleted(Task task)
    {
        SynchronizationContext? previous = Current;
        SetSynchronizationContext(this);
        try
        {
            while (!task.IsCompleted)
            {
                (SendOrPostCallback Callback, object? State) next;
                lock (_queue)
                {
                    next = _queue.Dequeue();
                }

                next.Callback(next.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
