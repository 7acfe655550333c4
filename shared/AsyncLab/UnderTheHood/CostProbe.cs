using System.Diagnostics;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Measures what waiting costs: many pending tasks against many blocked threads, on the reader's machine. Every unit
/// is released and finished before a method returns, so nothing is left behind.
/// </summary>
/// <example>
/// <code>
/// UnitCost tasks = await CostProbe.PendingTasksAsync(100_000);
/// UnitCost threads = CostProbe.BlockedThreads(1_000);
/// </code>
/// </example>
public static class CostProbe
{
    private const int MaximumTasks = 1_000_000, MaximumThreads = 2_000;

    /// <summary>
    /// Starts <paramref name="count"/> calls of an async method that awaits one shared, unfinished task, measures the
    /// time and memory while all of them are pending, then lets them all finish.
    /// </summary>
    /// <param name="count">How many tasks, from 1 to 1,000,000.</param>
    public static async Task<UnitCost> PendingTasksAsync(int count)
    {
        if (count < 1 || count > MaximumTasks)
        {
            throw new ArgumentOutOfRangeException(nameof(count), Invariant($"The number of tasks must be from 1 to {MaximumTasks:N0}, but was {count}."));
        }

        var gate = new TaskCompletionSource();
        var tasks = new Task[count];
        Snapshot before = Snapshot.Take();
        long started = Stopwatch.GetTimestamp();
        for (int index = 0; index < count; index++)
        {
            tasks[index] = WaitForAsync(gate.Task);
        }

        TimeSpan startTime = Stopwatch.GetElapsedTime(started);
        Snapshot during = Snapshot.Take();
        gate.SetResult();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return during.Minus(before, "task", count, startTime);
    }

    /// <summary>
    /// Starts <paramref name="count"/> threads that each block on one shared event, measures the time until all of them
    /// run and the memory while they all wait, then releases and joins every one of them.
    /// </summary>
    /// <param name="count">How many threads, from 1 to 2,000.</param>
    public static UnitCost BlockedThreads(int count)
    {
        if (count < 1 || count > MaximumThreads)
        {
            throw new ArgumentOutOfRangeException(nameof(count), Invariant($"The number of threads must be from 1 to {MaximumThreads:N0}, but was {count}."));
        }

        using var release = new ManualResetEventSlim();
        using var running = new CountdownEvent(count);
        var threads = new List<Thread>(count);
        try
        {
            Snapshot before = Snapshot.Take();
            long started = Stopwatch.GetTimestamp();
            for (int index = 0; index < count; index++)
            {
                var thread = new Thread(() =>
                {
                    running.Signal();
                    release.Wait();
                })
                { IsBackground = true };
                thread.Start();
                threads.Add(thread);
            }

            running.Wait();
            TimeSpan startTime = Stopwatch.GetElapsedTime(started);
            return Snapshot.Take().Minus(before, "thread", count, startTime);
        }
        finally
        {
            release.Set();
            foreach (Thread thread in threads)
            {
                thread.Join();
            }
        }
    }

    private static async Task WaitForAsync(Task gate) => await gate.ConfigureAwait(false);

    private readonly record struct Snapshot(long Managed, long WorkingSet, long Private, long AddressSpace)
    {
        public static Snapshot Take()
        {
            long managed = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            return new Snapshot(managed, process.WorkingSet64, process.PrivateMemorySize64, process.VirtualMemorySize64);
        }

        public UnitCost Minus(Snapshot before, string kind, int count, TimeSpan startTime) =>
            new(kind, count, startTime, Managed - before.Managed, WorkingSet - before.WorkingSet, Private - before.Private, AddressSpace - before.AddressSpace);
    }
}
