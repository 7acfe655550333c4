using System.Diagnostics;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Samples the thread pool's thread count and queue length at a fixed interval, on a thread of its own (not a timer,
/// whose callbacks would need the very pool it watches): the numbers <c>dotnet-counters</c> shows as
/// <c>threadpool-thread-count</c> and <c>threadpool-queue-length</c>, inside a notebook.
/// </summary>
/// <example>
/// <code>
/// using (var watch = PoolWatch.Start(TimeSpan.FromMilliseconds(20))) { await WorkAsync(); watch.Stop(); Console.WriteLine(watch); }
/// </code>
/// </example>
public sealed class PoolWatch : IDisposable
{
    private readonly object _gate = new();
    private readonly List<(TimeSpan At, int Threads, long Queued)> _samples = [];
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private readonly TimeSpan _interval;
    private readonly long _started = Stopwatch.GetTimestamp();

    private PoolWatch(TimeSpan interval)
    {
        _interval = interval;
        _thread = new Thread(static watch => ((PoolWatch)watch!).Sample()) { IsBackground = true, Name = "pool watch" };
    }

    /// <summary>Every sample so far: when (since the start), how many pool threads existed, and how many items waited in its queues.</summary>
    public IReadOnlyList<(TimeSpan At, int Threads, long Queued)> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>The most pool threads seen in one sample.</summary>
    public int PeakThreads => Samples.Select(s => s.Threads).DefaultIfEmpty(0).Max();

    /// <summary>Starts sampling every <paramref name="interval"/> (real time).</summary>
    /// <param name="interval">The time between two samples, from one millisecond to one second.</param>
    public static PoolWatch Start(TimeSpan interval)
    {
        if (interval < TimeSpan.FromMilliseconds(1) || interval > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), Invariant($"The sampling interval must be from 1 ms to 1 s, but was {interval}."));
        }

        var watch = new PoolWatch(interval);
        watch.TakeSample();
        watch._thread.Start(watch);
        return watch;
    }

    /// <summary>Takes a last sample and stops; the samples stay. Calling it again does nothing.</summary>
    public void Stop()
    {
        if (_stop.IsSet)
        {
            return;
        }

        _stop.Set();
        _thread.Join();
        TakeSample();
    }

    /// <summary>Stops the sampling.</summary>
    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    /// <summary>The thread count over time, as a step series (seconds against threads).</summary>
    /// <param name="name">The series' name in the legend.</param>
    public ChartSeries ThreadSeries(string name) => new(name, Samples.Select(s => (s.At.TotalSeconds, (double)s.Threads))) { Steps = true };

    /// <summary>The queue length over time, as a step series (seconds against queued items).</summary>
    /// <param name="name">The series' name in the legend.</param>
    public ChartSeries QueueSeries(string name) => new(name, Samples.Select(s => (s.At.TotalSeconds, (double)s.Queued))) { Steps = true };

    /// <inheritdoc/>
    public override string ToString()
    {
        IReadOnlyList<(TimeSpan At, int Threads, long Queued)> samples = Samples;
        return samples.Count == 0
            ? "no samples"
            : Invariant($"{TextFormat.Count(samples.Count, "sample")} over {TextFormat.Seconds(samples[^1].At)}: {samples[0].Threads} → peak {PeakThreads} pool threads; longest queue {samples.Max(s => s.Queued)}");
    }

    private void Sample()
    {
        while (!_stop.Wait(_interval))
        {
            TakeSample();
        }
    }

    private void TakeSample()
    {
        lock (_gate)
        {
            _samples.Add((Stopwatch.GetElapsedTime(_started), ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount));
        }
    }
}
