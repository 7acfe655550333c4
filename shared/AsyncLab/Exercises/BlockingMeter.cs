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
    private readonly object _gate = new();
    private readonly List<TimeSpan> _stretches = [];

    /// <summary>Calls <paramref name="start"/> on this thread under the meter, timing it, and returns what it returned.</summary>
    public T Start<T>(Func<T> start)
    {
        T result = default!;
        Run(_ => result = start(), null);
        return result;
    }

    /// <summary>How many stretches lasted <paramref name="threshold"/> or longer, and the longest of all.</summary>
    public (int Count, TimeSpan Longest) LongStretches(TimeSpan threshold)
    {
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

    private void Run(SendOrPostCallback callback, object? state)
    {
        SynchronizationContext? previous = Current;
        SetSynchronizationContext(this);
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

            SetSynchronizationContext(previous);
        }
    }
}
