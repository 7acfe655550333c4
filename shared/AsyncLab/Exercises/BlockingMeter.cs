using System.Diagnostics;

namespace AsyncLab;

/// <summary>
/// Measures how long learner code holds a thread between two awaits, in real time. While code runs under
/// the meter, every continuation of an <c>await</c> is posted to it and runs on the thread pool, timed: a
/// blocking call (<c>.Result</c>, <c>.Wait()</c>, <c>Thread.Sleep</c>) shows as one long stretch, where
/// asynchronous code runs in stretches of microseconds. Continuations run on the thread pool, so that a
/// blocking call cannot deadlock, whatever the number of cores.
/// </summary>
internal sealed class BlockingMeter : SynchronizationContext
{
    private static readonly TimeSpan s_settleLimit = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private readonly List<TimeSpan> _stretches = [];
    private int _active;

    /// <summary>Every stretch measured so far, in the order they ended.</summary>
    public IReadOnlyList<TimeSpan> Stretches
    {
        get
        {
            lock (_gate)
            {
                return [.. _stretches];
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="start"/> under the meter, timing it and every continuation of its awaits, and returns a task
    /// that ends as its task does. Code that awaits the returned task resumes outside the meter.
    /// </summary>
    public Task<T> RunAsync<T>(Func<Task<T>> start)
    {
        Task<T>? task = null;
        Run(_ => task = start(), null);
        return Detach(task!);
    }

    /// <summary>Like <see cref="RunAsync{T}(Func{Task{T}})"/>, for a task without a result.</summary>
    public Task RunAsync(Func<Task> start) => RunAsync(async () =>
    {
        await start();
        return true;
    });

    /// <summary>
    /// How many stretches lasted <paramref name="threshold"/> or longer, and the longest of all, once no callback runs
    /// under the meter any more (waiting at most two seconds for that).
    /// </summary>
    public async Task<(int Count, TimeSpan Longest)> LongStretchesAsync(TimeSpan threshold)
    {
        long started = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _active) > 0 && Stopwatch.GetElapsedTime(started) < s_settleLimit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }

        lock (_gate)
        {
            return (_stretches.Count(s => s >= threshold), _stretches.DefaultIfEmpty(TimeSpan.Zero).Max());
        }
    }

    /// <inheritdoc/>
    public override void Post(SendOrPostCallback d, object? state) =>
        ThreadPool.UnsafeQueueUserWorkItem(_ => Run(d, state), null);

    /// <inheritdoc/>
    public override void Send(SendOrPostCallback d, object? state) => Run(d, state);

    /// <inheritdoc/>
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>A task that ends as <paramref name="task"/> does, but whose awaiters resume on the thread pool, never inline inside a metered callback.</summary>
    private static Task<T> Detach<T>(Task<T> task)
    {
        var detached = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        task.RelayTo(detached);
        return detached.Task;
    }

    private void Run(SendOrPostCallback callback, object? state)
    {
        SynchronizationContext? previous = Current;
        SetSynchronizationContext(this);
        Interlocked.Increment(ref _active);
        long started = Stopwatch.GetTimestamp();
        try
        {
            callback(state);
        }
        finally
        {
            TimeSpan stretch = Stopwatch.GetElapsedTime(started);
            lock (_gate)
            {
                _stretches.Add(stretch);
            }

            Interlocked.Decrement(ref _active);
            SetSynchronizationContext(previous);
        }
    }
}
