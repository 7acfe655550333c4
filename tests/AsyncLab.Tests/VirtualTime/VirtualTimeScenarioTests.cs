using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.VirtualTime;

/// <summary>The "done means" scenarios: exact virtual timelines, reproducible, and deadlocks that end.</summary>
public class VirtualTimeScenarioTests
{
    private static readonly SimulatedIOOptions Unscaled = new() { LatencyScale = 1 };

    [Fact]
    public void WhenAll_OneTwoThreeSeconds_EndsAtExactlyThreeSecondsWithExactStartsAndEnds()
    {
        int loopThread = Environment.CurrentManagedThreadId;

        var (recorder, elapsed) = VirtualTimeLoop.Run(async time =>
        {
            var recorder = new TimingRecorder(time);
            var io = new SimulatedIO(recorder, Unscaled);
            await Task.WhenAll(
                io.FetchAsync("A", Seconds(1)),
                io.FetchAsync("B", Seconds(2)),
                io.FetchAsync("C", Seconds(3)));
            return (recorder, time.Elapsed);
        });

        Assert.Equal(Seconds(3), elapsed);
        Assert.Equal(
            [
                new OperationRecord(0, "A", TimeSpan.Zero, Seconds(1), loopThread, loopThread, OperationOutcome.Completed),
                new OperationRecord(1, "B", TimeSpan.Zero, Seconds(2), loopThread, loopThread, OperationOutcome.Completed),
                new OperationRecord(2, "C", TimeSpan.Zero, Seconds(3), loopThread, loopThread, OperationOutcome.Completed),
            ],
            recorder.Operations);
        Assert.StartsWith("3 operations in 3.000 s; sum of durations 6.000 s; peak 3 in flight", recorder.ToString());
    }

    [Fact]
    public void SemaphoreSlim_TenThousandOperationsLimitedToOneHundred_EndAtTheArithmeticTime()
    {
        const int Operations = 10_000;
        const int Limit = 100;
        TimeSpan latency = TimeSpan.FromMilliseconds(250);

        var (summary, elapsed) = VirtualTimeLoop.Run(async time =>
        {
            var recorder = new TimingRecorder(time);
            await Throttled(new SimulatedIO(recorder, Unscaled), Operations, Limit, _ => latency);
            return (recorder.Summarize(), time.Elapsed);
        });

        // ceil(10,000 / 100) waves of 250 ms each.
        TimeSpan expected = latency * Math.Ceiling((double)Operations / Limit);
        Assert.Equal(Seconds(25), expected);
        Assert.Equal(expected, elapsed);
        Assert.Equal(expected, summary.Elapsed);
        Assert.Equal(Operations, summary.Completed);
        Assert.Equal(Limit, summary.PeakConcurrency);
        Assert.Equal(latency * Operations, summary.SumOfDurations);
    }

    [Fact]
    public void Run_SameScenarioTwice_GivesIdenticalTimelines()
    {
        IReadOnlyList<OperationRecord> first = VirtualTimeLoop.Run(MixedScenario);
        IReadOnlyList<OperationRecord> second = VirtualTimeLoop.Run(MixedScenario);

        Assert.Equal(200, first.Count);
        Assert.Contains(first, o => o.Outcome == OperationOutcome.Faulted);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Run_AwaitingSomethingNothingCompletes_ThrowsDeadlockNamingTheSituation()
    {
        var never = new TaskCompletionSource();

        var exception = Assert.Throws<VirtualTimeDeadlockException>(() => VirtualTimeLoop.Run(async time =>
        {
            await Task.Delay(Seconds(2), time);
            await never.Task;
        }));

        Assert.Equal(Seconds(2), exception.Elapsed);
        Assert.Equal(
            "Deadlock at 2.000 s of virtual time: the main function is still waiting, but nothing on the loop can run, no timer is pending, "
            + "and no other thread posted work within 1.000 s of real time. Something awaits a task that nothing will ever complete, "
            + "such as a TaskCompletionSource that is never set, a SemaphoreSlim that is never released, or a Channel that nothing writes to or completes. "
            + "A wait on the real clock can cause it too: pass the virtual time provider to Task.Delay, WaitAsync and CancellationTokenSource.",
            exception.Message);
    }

    [Fact]
    public void Run_SemaphoreNeverReleased_ThrowsDeadlock()
    {
        var options = new VirtualTimeLoopOptions { DeadlockTimeout = TimeSpan.FromMilliseconds(20) };

        var exception = Assert.Throws<VirtualTimeDeadlockException>(() => VirtualTimeLoop.Run(async time =>
        {
            using var gate = new SemaphoreSlim(1);
            await gate.WaitAsync();
            await Task.Delay(Seconds(1), time);
            await gate.WaitAsync();   // forgot to release
        }, options));

        Assert.Equal(Seconds(1), exception.Elapsed);
        Assert.StartsWith("Deadlock at 1.000 s of virtual time", exception.Message);
        Assert.Contains("within 0.020 s of real time", exception.Message);
    }

    /// <summary>Runs <paramref name="count"/> fetches, at most <paramref name="limit"/> at a time.</summary>
    private static async Task Throttled(SimulatedIO io, int count, int limit, Func<int, TimeSpan> latency)
    {
        using var slots = new SemaphoreSlim(limit);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                await io.FetchAsync("op " + i, latency(i));
            }
            catch (SimulatedFailureException)
            {
                // Recorded as faulted; the scenario goes on.
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    /// <summary>Varied latencies, a seeded failure rate and a concurrency limit: many interleavings, one timeline.</summary>
    private static async Task<IReadOnlyList<OperationRecord>> MixedScenario(VirtualTimeProvider time)
    {
        var recorder = new TimingRecorder(time);
        var io = new SimulatedIO(recorder, new SimulatedIOOptions { LatencyScale = 1, FailureProbability = 0.2, Seed = 3 });
        await Throttled(io, 200, 7, i => TimeSpan.FromMilliseconds(10 + (i * 37 % 90)));
        return recorder.Operations;
    }
}
