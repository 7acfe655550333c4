namespace AsyncLab.Tests.Pitfalls;

public sealed class HeartbeatTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_ThreadBlockedOnTheLoop_LagsByAboutTheBlock_WhileAwaitingDoesNot()
    {
        using var loop = SingleThreadLoop.Start("heartbeat test");
        var blocked = new Heartbeat(TimeSpan.FromMilliseconds(10));
        var free = new Heartbeat(TimeSpan.FromMilliseconds(10));

        await loop.RunAsync(() => Task.WhenAll(blocked.RunAsync(TimeSpan.FromMilliseconds(300)), BlockAsync())).WaitAsync(s_limit);
        await loop.RunAsync(() => Task.WhenAll(free.RunAsync(TimeSpan.FromMilliseconds(300)), Task.Delay(TimeSpan.FromMilliseconds(200)))).WaitAsync(s_limit);

        Assert.True(blocked.LongestLag >= TimeSpan.FromMilliseconds(150), blocked.ToString());
        Assert.True(blocked.Ticks.Count < free.Ticks.Count, $"blocked: {blocked}; free: {free}");

        static async Task BlockAsync()
        {
            await Task.Delay(TimeSpan.FromMilliseconds(30));
            using var never = new ManualResetEventSlim();
            never.Wait(TimeSpan.FromMilliseconds(200));
        }
    }

    [Fact]
    public async Task RunAsync_Canceled_StopsAndKeepsTheTicks()
    {
        var heartbeat = new Heartbeat(TimeSpan.FromMilliseconds(5));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await heartbeat.RunAsync(TimeSpan.FromMinutes(1), stop.Token).WaitAsync(s_limit);

        Assert.NotEmpty(heartbeat.Ticks);
        Assert.Equal(heartbeat.Ticks.Count, heartbeat.ToSeries("beat").Points.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_IntervalNotPositive_Throws(int milliseconds)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new Heartbeat(TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal("interval", exception.ParamName);
    }

    [Fact]
    public void ToString_BeforeRunning_SaysNoTicks()
    {
        Assert.Equal("0 ticks of 10 ms; longest lag 0 ms", new Heartbeat(TimeSpan.FromMilliseconds(10)).ToString());
    }
}
