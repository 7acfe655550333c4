namespace AsyncLab.Tests.Pitfalls;

public sealed class PoolWatchTests
{
    [Fact]
    public async Task Stop_AfterSomeSamples_KeepsThemInTimeOrder_AndStopsSampling()
    {
        using var watch = PoolWatch.Start(TimeSpan.FromMilliseconds(5));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Samples.Count < 4 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            // A busy machine may leave the sampling thread unscheduled for a while: wait for its samples, not for a time.
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        watch.Stop();
        int count = watch.Samples.Count;
        await Task.Delay(TimeSpan.FromMilliseconds(50));

        Assert.True(count >= 3, watch.ToString());
        Assert.Equal(count, watch.Samples.Count);
        Assert.True(watch.Samples.Zip(watch.Samples.Skip(1)).All(pair => pair.First.At <= pair.Second.At));
        Assert.True(watch.PeakThreads >= 1);
        Assert.True(watch.ThreadSeries("threads").Steps);
        Assert.Equal(count, watch.QueueSeries("queue").Points.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2000)]
    public void Start_IntervalOutOfRange_Throws(int milliseconds)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => PoolWatch.Start(TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal("interval", exception.ParamName);
    }
}
