using System.Threading.Channels;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.VirtualTime;

/// <summary>The BCL's waiting primitives, given the virtual time provider, follow virtual time exactly.</summary>
public class VirtualTimeAwaitablesTests
{
    /// <summary>For work that makes a round trip through the thread pool, which a busy machine may start late.</summary>
    private static readonly VirtualTimeLoopOptions PatientWithThePool = new() { DeadlockTimeout = TimeSpan.FromMinutes(1) };

    [Fact]
    public void TaskDelay_WithTheProvider_TakesExactlyItsDelay()
    {
        TimeSpan elapsed = VirtualTimeLoop.Run(async time =>
        {
            await Task.Delay(TimeSpan.FromMinutes(90), time);
            await Task.Delay(TimeSpan.FromMilliseconds(1), time);
            return time.Elapsed;
        });

        Assert.Equal(TimeSpan.FromMinutes(90) + TimeSpan.FromMilliseconds(1), elapsed);
    }

    [Fact]
    public void WhenAll_EndsWhenTheLongestEnds()
    {
        var (values, elapsed) = VirtualTimeLoop.Run(async time =>
        {
            int[] values = await Task.WhenAll(After(time, 3, 30), After(time, 1, 10), After(time, 2, 20));
            return (values, time.Elapsed);
        });

        Assert.Equal([30, 10, 20], values);
        Assert.Equal(Seconds(3), elapsed);
    }

    [Fact]
    public void WhenAny_ReturnsTheFirstToFinishAtItsTime()
    {
        var (winner, elapsed, loserRunning) = VirtualTimeLoop.Run(async time =>
        {
            Task<int> slow = After(time, 2, 2);
            Task<int> fast = After(time, 1, 1);
            Task<int> winner = await Task.WhenAny(slow, fast);
            (int, TimeSpan, bool) result = (await winner, time.Elapsed, !slow.IsCompleted);
            await slow;
            return result;
        });

        Assert.Equal(1, winner);
        Assert.Equal(Seconds(1), elapsed);
        Assert.True(loserRunning);
    }

    [Fact]
    public void WhenEach_CompletionsAtOneInstant_YieldsThemInCompletionOrder()
    {
        // Task.WhenEach resumes its enumeration on the thread pool (ConfigureAwait(false) inside), so on the
        // loop it is exact only while no timer is pending during that hop: here, everything ends at 1 s.
        List<(int Value, TimeSpan At)> seen = VirtualTimeLoop.Run(async time =>
        {
            TaskCompletionSource<int>[] sources = [new(), new(), new()];
            _ = CompleteAtOneSecond();

            var seen = new List<(int, TimeSpan)>();
            await foreach (Task<int> done in Task.WhenEach(sources.Select(source => source.Task)))
            {
                seen.Add((await done, time.Elapsed));
            }

            return seen;

            async Task CompleteAtOneSecond()
            {
                await Task.Delay(Seconds(1), time);
                sources[1].SetResult(1);
                sources[2].SetResult(2);
                sources[0].SetResult(3);
            }
        }, PatientWithThePool);

        Assert.Equal([(1, Seconds(1)), (2, Seconds(1)), (3, Seconds(1))], seen);
    }

    [Fact]
    public void WhenAnyLoop_LikeWhenEach_YieldsEachTaskAtItsExactTime()
    {
        List<(int Value, TimeSpan At)> seen = VirtualTimeLoop.Run(async time =>
        {
            var seen = new List<(int, TimeSpan)>();
            List<Task<int>> running = [After(time, 3, 3), After(time, 1, 1), After(time, 2, 2)];
            while (running.Count > 0)
            {
                Task<int> done = await Task.WhenAny(running);
                running.Remove(done);
                seen.Add((await done, time.Elapsed));
            }

            return seen;
        });

        Assert.Equal([(1, Seconds(1)), (2, Seconds(2)), (3, Seconds(3))], seen);
    }

    [Fact]
    public void WaitAsync_TimesOutAtTheExactVirtualTimeAndTheWorkGoesOn()
    {
        var (timedOutAt, stillRunning, workEndedAt) = VirtualTimeLoop.Run(async time =>
        {
            Task<int> work = After(time, 5, 42);
            await Assert.ThrowsAsync<TimeoutException>(() => work.WaitAsync(Seconds(2), time));
            TimeSpan timedOutAt = time.Elapsed;
            bool stillRunning = !work.IsCompleted;
            await work;
            return (timedOutAt, stillRunning, time.Elapsed);
        });

        Assert.Equal(Seconds(2), timedOutAt);
        Assert.True(stillRunning);
        Assert.Equal(Seconds(5), workEndedAt);
    }

    [Fact]
    public void CancellationTokenSource_WithDelay_CancelsAtTheExactVirtualTime()
    {
        var (canceledAt, callbackAt, cancelAfterAt) = VirtualTimeLoop.Run(async time =>
        {
            TimeSpan callbackAt = TimeSpan.MinValue;
            using var cancellation = new CancellationTokenSource(Seconds(2), time);
            using CancellationTokenRegistration registration = cancellation.Token.Register(() => callbackAt = time.Elapsed);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(Seconds(10), time, cancellation.Token));
            TimeSpan canceledAt = time.Elapsed;

            using var later = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
            later.CancelAfter(Seconds(0.5));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(Seconds(10), time, later.Token));
            return (canceledAt, callbackAt, time.Elapsed);
        });

        Assert.Equal(Seconds(2), canceledAt);
        Assert.Equal(Seconds(2), callbackAt);
        Assert.Equal(Seconds(2.5), cancelAfterAt);
    }

    [Fact]
    public void SemaphoreSlim_LimitsConcurrencyAndReleasesWaitersAtExactTimes()
    {
        List<(string Name, TimeSpan Start, TimeSpan End)> runs = VirtualTimeLoop.Run(async time =>
        {
            var runs = new List<(string, TimeSpan, TimeSpan)>();
            using var slots = new SemaphoreSlim(2);
            await Task.WhenAll(new[] { "A", "B", "C", "D", "E" }.Select(async name =>
            {
                await slots.WaitAsync();
                try
                {
                    TimeSpan start = time.Elapsed;
                    await Task.Delay(Seconds(1), time);
                    runs.Add((name, start, time.Elapsed));
                }
                finally
                {
                    slots.Release();
                }
            }));
            return runs;
        });

        Assert.Equal(
            [
                ("A", Seconds(0), Seconds(1)), ("B", Seconds(0), Seconds(1)),
                ("C", Seconds(1), Seconds(2)), ("D", Seconds(1), Seconds(2)),
                ("E", Seconds(2), Seconds(3)),
            ],
            runs);
    }

    [Fact]
    public void Channel_ConsumerWaitingForAProducer_ReadsEachItemWhenItIsWritten()
    {
        List<(int Item, TimeSpan At)> read = VirtualTimeLoop.Run(async time =>
        {
            var channel = Channel.CreateUnbounded<int>();
            Task producer = Produce();
            var read = new List<(int, TimeSpan)>();
            while (await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out int item))
                {
                    read.Add((item, time.Elapsed));
                }
            }

            await producer;
            return read;

            async Task Produce()
            {
                for (int item = 1; item <= 3; item++)
                {
                    await Task.Delay(Seconds(item), time);
                    await channel.Writer.WriteAsync(item);
                }

                channel.Writer.Complete();
            }
        });

        Assert.Equal([(1, Seconds(1)), (2, Seconds(3)), (3, Seconds(6))], read);
    }

    [Fact]
    public void Channel_BoundedWithSlowConsumer_MakesTheProducerWaitForRoom()
    {
        var (read, written) = VirtualTimeLoop.Run(async time =>
        {
            var channel = Channel.CreateBounded<int>(1);
            var read = new List<(int, TimeSpan)>();
            var written = new List<(int, TimeSpan)>();
            Task producer = Produce();
            while (await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out int item))
                {
                    read.Add((item, time.Elapsed));
                    await Task.Delay(Seconds(1), time);
                }
            }

            await producer;
            return (read, written);

            async Task Produce()
            {
                for (int item = 0; item < 4; item++)
                {
                    await channel.Writer.WriteAsync(item);
                    written.Add((item, time.Elapsed));
                }

                channel.Writer.Complete();
            }
        });

        // Room for one item: each write after the first two waits until the consumer takes one, once a second.
        Assert.Equal([(0, Seconds(0)), (1, Seconds(0)), (2, Seconds(1)), (3, Seconds(2))], written);
        Assert.Equal([(0, Seconds(0)), (1, Seconds(1)), (2, Seconds(2)), (3, Seconds(3))], read);
    }

    [Fact]
    public void AsyncEnumerable_WithDelaysBetweenItems_YieldsEachAtItsTime()
    {
        List<(string Item, TimeSpan At)> items = VirtualTimeLoop.Run(async time =>
        {
            var items = new List<(string, TimeSpan)>();
            await foreach (string item in Ticks(time))
            {
                items.Add((item, time.Elapsed));
            }

            return items;
        });

        Assert.Equal([("first", Seconds(0.5)), ("second", Seconds(1.5)), ("third", Seconds(3.5))], items);

        static async IAsyncEnumerable<string> Ticks(TimeProvider time)
        {
            await Task.Delay(Seconds(0.5), time);
            yield return "first";
            await Task.Delay(Seconds(1), time);
            yield return "second";
            await Task.Delay(Seconds(2), time);
            yield return "third";
        }
    }

    [Fact]
    public void PeriodicTimer_TicksEveryPeriodEvenWhenTheWorkTakesPartOfIt()
    {
        List<TimeSpan> ticks = VirtualTimeLoop.Run(async time =>
        {
            var ticks = new List<TimeSpan>();
            using var timer = new PeriodicTimer(Seconds(1), time);
            while (ticks.Count < 3 && await timer.WaitForNextTickAsync())
            {
                ticks.Add(time.Elapsed);
                await Task.Delay(Seconds(0.25), time);
            }

            return ticks;
        });

        Assert.Equal([Seconds(1), Seconds(2), Seconds(3)], ticks);
    }

    private static async Task<int> After(TimeProvider time, double seconds, int value)
    {
        await Task.Delay(Seconds(seconds), time);
        return value;
    }
}
