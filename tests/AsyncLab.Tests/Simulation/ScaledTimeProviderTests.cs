using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Simulation;

public class ScaledTimeProviderTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void CreateTimer_HalfScale_FiresAfterHalfTheDueTime()
    {
        var clock = new ScaledTimeProvider(0.5, _time);
        int fired = 0;
        using ITimer timer = clock.CreateTimer(_ => fired++, null, Seconds(1), Timeout.InfiniteTimeSpan);

        _time.Advance(Seconds(0.4));
        Assert.Equal(0, fired);
        _time.Advance(Seconds(0.1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Change_HalfScale_ScalesTheNewDueTime()
    {
        var clock = new ScaledTimeProvider(0.5, _time);
        int fired = 0;
        using ITimer timer = clock.CreateTimer(_ => fired++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        _time.Advance(Seconds(10));
        Assert.Equal(0, fired);
        timer.Change(Seconds(2), Timeout.InfiniteTimeSpan);
        _time.Advance(Seconds(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public async Task CancellationTokenSource_OnTheScaledClock_CancelsAtTheScaledDelay()
    {
        var clock = new ScaledTimeProvider(0.25, _time);
        using var timeout = new CancellationTokenSource(Seconds(2), clock);
        Task delay = Task.Delay(Timeout.InfiniteTimeSpan, timeout.Token);

        _time.Advance(Seconds(0.5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
    }

    [Fact]
    public void GetTimestamp_AnyScale_IsTheInnerClocksUnchanged()
    {
        var clock = new ScaledTimeProvider(0.5, _time);
        long start = clock.GetTimestamp();

        _time.Advance(Seconds(1));

        Assert.Equal(Seconds(1), clock.GetElapsedTime(start));
        Assert.Equal(_time.GetUtcNow(), clock.GetUtcNow());
    }

    [Fact]
    public void Constructor_ScaleOutOfRange_ThrowsNamingTheScale()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(0));

        Assert.Equal("scale", exception.ParamName);
    }

    [Fact]
    public void Clock_OfSimulatedIO_UsesItsLatencyScaleAndRecorderClock()
    {
        var io = new SimulatedIO(new TimingRecorder(_time), new SimulatedIOOptions { LatencyScale = 0.5 });

        var clock = Assert.IsType<ScaledTimeProvider>(io.Clock);

        Assert.Equal((0.5, (TimeProvider)_time), (clock.Scale, clock.Inner));
    }
}
