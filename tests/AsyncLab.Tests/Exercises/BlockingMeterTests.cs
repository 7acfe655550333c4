using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises;

/// <summary>The meter measures real time, so these tests use real waits of a fraction of a second and compare them with wide margins.</summary>
[Collection(RealClock.Name)]
public class BlockingMeterTests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task LongStretches_CodeThatAwaits_HasNone()
    {
        var meter = new BlockingMeter();

        await meter.RunAsync(async () =>
        {
            for (int i = 0; i < 3; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(150));
            }
        });

        Assert.Equal(0, (await meter.LongStretchesAsync(Threshold)).Count);
    }

    [Fact]
    public async Task LongStretches_BlockingAfterAnAwait_CountsEachBlockingCall()
    {
        var meter = new BlockingMeter();

        await meter.RunAsync(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10));
            Task.Delay(TimeSpan.FromMilliseconds(250)).Wait();
            await Task.Yield();
            Thread.Sleep(TimeSpan.FromMilliseconds(250));
        });

        var (count, longest) = await meter.LongStretchesAsync(Threshold);
        Assert.True(count == 2, $"{count} long stretches, longest {longest}; all: {string.Join(", ", meter.Stretches.Select(s => s.TotalMilliseconds))}");
        Assert.True(longest >= TimeSpan.FromMilliseconds(240), $"longest stretch {longest}");
    }

    [Fact]
    public async Task RunAsync_ContinuationsRunUnderTheMeterOnThePool_AndTheCallerResumesOutsideIt()
    {
        var meter = new BlockingMeter();
        SynchronizationContext? seen = null;

        string result = await meter.RunAsync(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10));
            seen = SynchronizationContext.Current;
            return Task.Run(async () => { await Task.Delay(TimeSpan.FromMilliseconds(10)); return "done"; }).Result;
        });

        Assert.Equal("done", result);
        Assert.Same(meter, seen);
        Assert.Null(SynchronizationContext.Current);   // the test resumed outside the meter
    }
}
