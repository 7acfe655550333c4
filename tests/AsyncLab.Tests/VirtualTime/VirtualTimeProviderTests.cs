using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.VirtualTime;

public class VirtualTimeProviderTests
{
    [Fact]
    public void Clock_StartsAtTheEpochAndMovesOnlyWithTimers()
    {
        var (start, utcStart, afterDelay, utcAfter, measured) = VirtualTimeLoop.Run(async time =>
        {
            TimeSpan start = time.Elapsed;
            DateTimeOffset utcStart = time.GetUtcNow();
            long timestamp = time.GetTimestamp();
            await Task.Delay(Seconds(1.5), time);
            return (start, utcStart, time.Elapsed, time.GetUtcNow(), time.GetElapsedTime(timestamp));
        });

        Assert.Equal(TimeSpan.Zero, start);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), VirtualTimeProvider.Epoch);
        Assert.Equal(VirtualTimeProvider.Epoch, utcStart);
        Assert.Equal(Seconds(1.5), afterDelay);
        Assert.Equal(VirtualTimeProvider.Epoch + Seconds(1.5), utcAfter);
        Assert.Equal(Seconds(1.5), measured);
    }

    [Fact]
    public void Clock_IsTheSameOnEveryMachine()
    {
        var (zone, frequency, text) = VirtualTimeLoop.Run(async time =>
        {
            await Task.Delay(Seconds(3), time);
            return (time.LocalTimeZone, time.TimestampFrequency, time.ToString());
        });

        Assert.Same(TimeZoneInfo.Utc, zone);
        Assert.Equal(TimeSpan.TicksPerSecond, frequency);
        Assert.Equal("virtual time 3.000 s", text);
    }

    [Fact]
    public void CreateTimer_SameDueTime_FireInCreationOrderAfterEarlierOnes()
    {
        List<string> fired = VirtualTimeLoop.Run(async time =>
        {
            var fired = new List<string>();
            using ITimer a = time.CreateTimer(_ => fired.Add("A at " + time.Elapsed), null, Seconds(1), Timeout.InfiniteTimeSpan);
            using ITimer b = time.CreateTimer(_ => fired.Add("B at " + time.Elapsed), null, Seconds(1), Timeout.InfiniteTimeSpan);
            using ITimer c = time.CreateTimer(_ => fired.Add("C at " + time.Elapsed), null, Seconds(0.5), Timeout.InfiniteTimeSpan);
            using ITimer d = time.CreateTimer(_ => fired.Add("D at " + time.Elapsed), null, Seconds(1), Timeout.InfiniteTimeSpan);
            await Task.Delay(Seconds(2), time);
            return fired;
        });

        Assert.Equal(["C at 00:00:00.5000000", "A at 00:00:01", "B at 00:00:01", "D at 00:00:01"], fired);
    }

    [Fact]
    public void CreateTimer_ZeroDueTime_FiresAfterTheWorkAlreadyQueuedWithoutMovingTheClock()
    {
        List<string> order = VirtualTimeLoop.Run(async time =>
        {
            var order = new List<string>();
            using ITimer timer = time.CreateTimer(_ => order.Add("timer at " + time.Elapsed), null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            await Task.Yield();
            order.Add("after yield");
            await Task.Delay(Seconds(1), time);
            return order;
        });

        Assert.Equal(["after yield", "timer at 00:00:00"], order);
    }

    [Fact]
    public void CreateTimer_Periodic_FiresEveryPeriodUntilDisposed()
    {
        List<TimeSpan> ticks = VirtualTimeLoop.Run(async time =>
        {
            var ticks = new List<TimeSpan>();
            ITimer timer = time.CreateTimer(_ => ticks.Add(time.Elapsed), null, Seconds(1), Seconds(0.5));
            await Task.Delay(Seconds(2.25), time);
            await timer.DisposeAsync();
            await Task.Delay(Seconds(5), time);
            return ticks;
        });

        Assert.Equal([Seconds(1), Seconds(1.5), Seconds(2)], ticks);
    }

    [Fact]
    public void Change_Reschedules_RelativeToTheCurrentVirtualTime()
    {
        var (fired, changedAfterDispose) = VirtualTimeLoop.Run(async time =>
        {
            var fired = new List<TimeSpan>();
            ITimer timer = time.CreateTimer(_ => fired.Add(time.Elapsed), null, Seconds(1), Timeout.InfiniteTimeSpan);
            await Task.Delay(Seconds(0.5), time);
            Assert.True(timer.Change(Seconds(2), Timeout.InfiniteTimeSpan));   // now due at 2.5 s
            await Task.Delay(Seconds(3), time);
            Assert.True(timer.Change(Seconds(1), Timeout.InfiniteTimeSpan));
            Assert.True(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));   // unscheduled again
            await Task.Delay(Seconds(3), time);
            timer.Dispose();
            return (fired, timer.Change(Seconds(1), Timeout.InfiniteTimeSpan));
        });

        Assert.Equal([Seconds(2.5)], fired);
        Assert.False(changedAfterDispose);
    }

    [Fact]
    public void CreateTimer_Callback_RunsOnTheLoopThreadWithoutContextInTheCreatorsExecutionContext()
    {
        int caller = Environment.CurrentManagedThreadId;
        var flowing = new AsyncLocal<string>();

        var (thread, context, value, afterwards) = VirtualTimeLoop.Run(async time =>
        {
            var seen = new TaskCompletionSource<(int, SynchronizationContext?, string?)>();
            flowing.Value = "set before CreateTimer";
            using ITimer timer = time.CreateTimer(
                _ => seen.SetResult((Environment.CurrentManagedThreadId, SynchronizationContext.Current, flowing.Value)),
                null, Seconds(1), Timeout.InfiniteTimeSpan);
            flowing.Value = "changed afterwards";
            var (thread, context, value) = await seen.Task;
            return (thread, context, value, SynchronizationContext.Current);
        });

        // Like a system timer's callback on the thread pool: no context, so only continuations that
        // captured the loop go back through it.
        Assert.Equal(caller, thread);
        Assert.Null(context);
        Assert.Equal("set before CreateTimer", value);
        Assert.IsType<VirtualTimeLoop>(afterwards);
    }

    [Fact]
    public void ConfigureAwaitFalse_AfterAVirtualWait_ContinuesOnTheLoopThreadAtTheExactTime()
    {
        int caller = Environment.CurrentManagedThreadId;

        var (thread, at, ambient, next) = VirtualTimeLoop.Run(async time =>
        {
            Task later = Task.Delay(Seconds(5), time);
            await Task.Delay(Seconds(1), time).ConfigureAwait(false);
            var result = (Environment.CurrentManagedThreadId, time.Elapsed, new TimingRecorder().TimeProvider, TimeSpan.Zero);
            await Task.Delay(Seconds(1), time).ConfigureAwait(false);
            result.Item4 = time.Elapsed;
            await later;
            return result;
        });

        Assert.Equal(caller, thread);
        Assert.Equal(Seconds(1), at);
        Assert.IsType<VirtualTimeProvider>(ambient);
        Assert.Equal(Seconds(2), next);
    }

    [Fact]
    public void CreateTimer_CallbackThrows_EndsTheRunWithTheException()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => VirtualTimeLoop.Run(async time =>
        {
            using ITimer timer = time.CreateTimer(_ => throw new InvalidOperationException("from the timer"), null, Seconds(1), Timeout.InfiniteTimeSpan);
            await Task.Delay(Seconds(2), time);
        }));

        Assert.Equal("from the timer", exception.Message);
    }

    [Fact]
    public void CreateTimer_InvalidArguments_ThrowWithParameterNamesAndValues()
    {
        VirtualTimeLoop.Run(time =>
        {
            Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => time.CreateTimer(null!, null, Seconds(1), Seconds(1))).ParamName);

            var dueTime = Assert.Throws<ArgumentOutOfRangeException>(() => time.CreateTimer(_ => { }, null, Seconds(-2), Timeout.InfiniteTimeSpan));
            Assert.Equal("dueTime", dueTime.ParamName);
            Assert.StartsWith("A timer's due time must be zero or positive and at most 49.17:02:47.2940000, or Timeout.InfiniteTimeSpan, but was -00:00:02.", dueTime.Message);

            var period = Assert.Throws<ArgumentOutOfRangeException>(() => time.CreateTimer(_ => { }, null, Seconds(1), TimeSpan.FromDays(50)));
            Assert.Equal("period", period.ParamName);
            Assert.StartsWith("A timer's period must be zero or positive", period.Message);

            using ITimer timer = time.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Assert.Equal("dueTime", Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(Seconds(-1), Timeout.InfiniteTimeSpan)).ParamName);
            Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(Seconds(1), Seconds(-1))).ParamName);
            return Task.CompletedTask;
        });
    }
}
