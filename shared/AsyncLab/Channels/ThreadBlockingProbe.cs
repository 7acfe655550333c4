namespace AsyncLab;

/// <summary>
/// Tells whether code blocks its thread. <see cref="Watch"/> notes the calling thread and looks at it again a
/// little later: a thread that awaits has gone back to its pool (or loop) and is not waiting, while a thread
/// stuck in <c>.Wait()</c>, <c>.Result</c>, <c>Thread.Sleep</c> or a lock is in <see cref="ThreadState.WaitSleepJoin"/>.
/// The verdict does not depend on the number of cores or on how busy the thread pool is.
/// </summary>
internal sealed class ThreadBlockingProbe(TimeProvider time, TimeSpan delay)
{
    private readonly object _gate = new();
    private readonly List<Task> _looks = [];
    private int _samples;
    private int _blocked;

    /// <summary>How many looks have been taken.</summary>
    public int Samples => Volatile.Read(ref _samples);

    /// <summary>How many looks found the thread blocked.</summary>
    public int Blocked => Volatile.Read(ref _blocked);

    /// <summary>Looks at the calling thread after the probe's delay.</summary>
    public void Watch()
    {
        Thread thread = Thread.CurrentThread;
        Task look = LookAsync(thread, SynchronizationContext.Current as AttemptLoop);
        lock (_gate)
        {
            _looks.Add(look);
        }
    }

    /// <summary>Completes when every look has been taken.</summary>
    public Task WhenDoneAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_looks);
        }
    }

    /// <summary>An exercise check's own loop thread waits for work when idle: there, only a wait inside a work item is blocking.</summary>
    private async Task LookAsync(Thread thread, AttemptLoop? loop)
    {
        await Task.Delay(delay, time).ConfigureAwait(false);
        Interlocked.Increment(ref _samples);
        if ((thread.ThreadState & ThreadState.WaitSleepJoin) != 0 && loop?.IsRunningWork != false)
        {
            Interlocked.Increment(ref _blocked);
        }
    }
}
