using System.Collections.Concurrent;
using System.Threading.Channels;
using static System.FormattableString;

namespace AsyncLab;

/// <summary>
/// Measures how fast one producer can hand integers to one consumer through three kinds of queue: a
/// <see cref="Channel{T}"/>, a <see cref="Queue{T}"/> behind a <c>lock</c> (with <see cref="Monitor.Wait(object)"/>
/// and <see cref="Monitor.Pulse(object)"/>), and a <see cref="BlockingCollection{T}"/>. All three are unbounded, and the
/// producer and the consumer each run on a thread-pool thread. Each method returns the time from the first item written
/// to the last item read, on the real clock.
/// </summary>
/// <example><c>TimeSpan elapsed = await QueueThroughput.ChannelAsync(200_000);</c></example>
public static class QueueThroughput
{
    /// <summary>The consumer awaits <c>ReadAllAsync</c>; the producer calls <c>TryWrite</c> and then <c>Complete</c>.</summary>
    /// <param name="items">How many items to pass, at least 1.</param>
    /// <param name="cancellationToken">Stops the measurement.</param>
    public static async Task<TimeSpan> ChannelAsync(int items, CancellationToken cancellationToken = default)
    {
        Validate(items);
        var channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        long started = TimeProvider.System.GetTimestamp();
        Task<long> consumer = Task.Run(async () =>
        {
            long sum = 0;
            await foreach (int item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                sum += item;
            }

            return sum;
        }, cancellationToken);
        Task producer = Task.Run(() =>
        {
            for (int i = 0; i < items; i++)
            {
                channel.Writer.TryWrite(i);
            }

            channel.Writer.Complete();
        }, cancellationToken);
        await Task.WhenAll(producer, consumer);
        return Finish(started, items, await consumer);
    }

    /// <summary>The consumer waits with <c>Monitor.Wait</c> while the queue is empty; the producer enqueues and pulses under the same lock.</summary>
    /// <param name="items">How many items to pass, at least 1.</param>
    /// <param name="cancellationToken">Stops the measurement before it starts.</param>
    public static async Task<TimeSpan> LockedQueueAsync(int items, CancellationToken cancellationToken = default)
    {
        Validate(items);
        var queue = new Queue<int>();
        bool done = false;
        long started = TimeProvider.System.GetTimestamp();
        Task<long> consumer = Task.Run(() =>
        {
            long sum = 0;
            while (true)
            {
                lock (queue)
                {
                    while (queue.Count == 0 && !done)
                    {
                        Monitor.Wait(queue);
                    }

                    if (queue.Count == 0)
                    {
                        return sum;
                    }

                    while (queue.TryDequeue(out int item))
                    {
                        sum += item;
                    }
                }
            }
        }, cancellationToken);
        Task producer = Task.Run(() =>
        {
            for (int i = 0; i < items; i++)
            {
                lock (queue)
                {
                    queue.Enqueue(i);
                    Monitor.Pulse(queue);
                }
            }

            lock (queue)
            {
                done = true;
                Monitor.Pulse(queue);
            }
        }, cancellationToken);
        await Task.WhenAll(producer, consumer);
        return Finish(started, items, await consumer);
    }

    /// <summary>The consumer blocks in <c>GetConsumingEnumerable</c>; the producer calls <c>Add</c> and then <c>CompleteAdding</c>.</summary>
    /// <param name="items">How many items to pass, at least 1.</param>
    /// <param name="cancellationToken">Stops the measurement.</param>
    public static async Task<TimeSpan> BlockingCollectionAsync(int items, CancellationToken cancellationToken = default)
    {
        Validate(items);
        using var collection = new BlockingCollection<int>();
        long started = TimeProvider.System.GetTimestamp();
        Task<long> consumer = Task.Run(() =>
        {
            long sum = 0;
            foreach (int item in collection.GetConsumingEnumerable(cancellationToken))
            {
                sum += item;
            }

            return sum;
        }, cancellationToken);
        Task producer = Task.Run(() =>
        {
            for (int i = 0; i < items; i++)
            {
                collection.Add(i, cancellationToken);
            }

            collection.CompleteAdding();
        }, cancellationToken);
        await Task.WhenAll(producer, consumer);
        return Finish(started, items, await consumer);
    }

    private static void Validate(int items)
    {
        if (items < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(items), Invariant($"The number of items must be at least 1, but was {items}."));
        }
    }

    /// <summary>The elapsed time, after checking that every item arrived (the consumer's sum is 0 + 1 + ... + items - 1).</summary>
    private static TimeSpan Finish(long started, int items, long sum)
    {
        TimeSpan elapsed = TimeProvider.System.GetElapsedTime(started);
        long expected = (long)items * (items - 1) / 2;
        return sum == expected ? elapsed : throw new InvalidOperationException(Invariant($"The consumer received items summing to {sum}, but {expected} was sent."));
    }
}
