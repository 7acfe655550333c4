using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Pooling;

/// <summary>The pool in virtual time: every wait, timeout and log step lands at an exact instant.</summary>
public class ResourcePoolTests
{
    [Fact]
    public void RentAsync_MoreCallersThanResources_WaitersGetResourcesInArrivalOrderAsTheyComeBack()
    {
        var (log, steps) = VirtualTimeLoop.Run(async time =>
        {
            var pool = new ResourcePool<string>(["r1", "r2"], time);
            var log = new List<string>();
            async Task UseAsync(string caller, double seconds)
            {
                await using PoolLease<string> lease = await pool.RentAsync();
                log.Add($"{caller} got {lease.Resource} at {time.Elapsed.TotalSeconds}");
                await Task.Delay(Seconds(seconds), time);
            }

            await Task.WhenAll(UseAsync("A", 1), UseAsync("B", 2), UseAsync("C", 1), UseAsync("D", 1));
            return (log, pool.Steps);
        });

        Assert.Equal(["A got r1 at 0", "B got r2 at 0", "C got r1 at 1", "D got r2 at 2"], log);
        Assert.Equal(
            [new PoolStep(TimeSpan.Zero, 2, 2), new PoolStep(Seconds(1), 2, 1), new PoolStep(Seconds(2), 1, 0), new PoolStep(Seconds(3), 0, 0)],
            steps);
    }

    [Fact]
    public void RentAsync_NoneComesBackWithinTheTimeout_ThrowsTimeoutExceptionAtTheTimeoutAndRentsNothing()
    {
        var (message, at, pool) = VirtualTimeLoop.Run(async time =>
        {
            var pool = new ResourcePool<string>(["only"], time);
            PoolLease<string> held = await pool.RentAsync();
            var exception = await Assert.ThrowsAsync<TimeoutException>(() => pool.RentAsync(Seconds(0.5)));
            TimeSpan at = time.Elapsed;
            await held.DisposeAsync();
            return (exception.Message, at, pool);
        });

        Assert.Equal(Seconds(0.5), at);
        Assert.Equal("All 1 resources of the pool were in use and none came back within 0.500 s.", message);
        Assert.Equal(1, pool.Available);
        Assert.Equal(0, pool.Waiting);
    }

    [Fact]
    public void RentAsync_OneComesBackBeforeTheTimeout_RentsItThen()
    {
        TimeSpan at = VirtualTimeLoop.Run(async time =>
        {
            var pool = new ResourcePool<string>(["only"], time);
            PoolLease<string> held = await pool.RentAsync();
            _ = ReturnLaterAsync(held, time, Seconds(0.3));
            await using PoolLease<string> lease = await pool.RentAsync(Seconds(1));
            return time.Elapsed;
        });

        Assert.Equal(Seconds(0.3), at);
    }

    [Fact]
    public void RentAsync_CallerCancelsWhileWaiting_IsCanceledNotTimedOutAndRentsNothing()
    {
        var (exception, at, pool) = VirtualTimeLoop.Run(async time =>
        {
            var pool = new ResourcePool<string>(["only"], time);
            await using PoolLease<string> held = await pool.RentAsync();
            using var cancellation = new CancellationTokenSource(Seconds(0.2), time);
            Exception exception = await Record.ExceptionAsync(() => pool.RentAsync(Seconds(1), cancellation.Token));
            return (exception, time.Elapsed, pool);
        });

        Assert.IsAssignableFrom<OperationCanceledException>(exception);
        Assert.Equal(Seconds(0.2), at);
        Assert.Equal(0, pool.InUse);
        Assert.Equal(0, pool.Waiting);
    }

    [Fact]
    public void TryRent_Exhausted_FailsAtOnceAndSucceedsAgainAfterAReturn()
    {
        var pool = new ResourcePool<string>(["only"], new ManualTimeProvider());

        Assert.True(pool.TryRent(out PoolLease<string>? first));
        Assert.False(pool.TryRent(out PoolLease<string>? none));
        Assert.Null(none);
        first.Dispose();
        Assert.True(pool.TryRent(out PoolLease<string>? again));
        Assert.Equal("only", again.Resource);
        Assert.Equal(1, pool.PeakInUse);
    }

    [Fact]
    public void DisposeAsync_Twice_ReturnsTheResourceOnce()
    {
        var pool = new ResourcePool<string>(["a", "b"], new ManualTimeProvider());
        Assert.True(pool.TryRent(out PoolLease<string>? lease));

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(2, pool.Available);
        Assert.True(lease.IsReturned);
        Assert.Throws<ObjectDisposedException>(() => lease.Resource);
        Assert.Equal("0 of 2 in use, 0 waiting", pool.ToString());
    }

    [Fact]
    public void Constructor_InvalidResources_ThrowsNamingTheProblem()
    {
        Assert.Equal("resources", Assert.Throws<ArgumentException>(() => new ResourcePool<string>([])).ParamName);
        string same = "same";
        var duplicate = Assert.Throws<ArgumentException>(() => new ResourcePool<string>([same, same]));
        Assert.Equal("resources", duplicate.ParamName);
        Assert.Contains("distinct object", duplicate.Message);
        Assert.Equal("resources", Assert.Throws<ArgumentNullException>(() => new ResourcePool<string>(null!)).ParamName);
    }

    [Fact]
    public void RentAsync_NegativeTimeout_ThrowsNamingTheValue()
    {
        var pool = new ResourcePool<string>(["a"], new ManualTimeProvider());

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = pool.RentAsync(Seconds(-1)); });

        Assert.Equal("timeout", exception.ParamName);
        Assert.Contains("-00:00:01", exception.Message);
    }

    [Fact]
    public void OccupancyChart_DrawsInUseWaitingAndSize_EachWithAColourAndAName()
    {
        PlotlyChart chart = VirtualTimeLoop.Run(async time =>
        {
            var pool = new ResourcePool<string>(["r1"], time);
            async Task UseAsync()
            {
                await using PoolLease<string> lease = await pool.RentAsync();
                await Task.Delay(Seconds(1), time);
            }

            await Task.WhenAll(UseAsync(), UseAsync());
            return pool.OccupancyChart("One resource, two callers");
        });

        var traces = Figure.Traces(chart);
        Assert.Equal(["size", "in use", "waiting"], traces.Select(t => (string?)t!["name"]));
        Assert.Equal(3, traces.Select(t => (string?)t!["line"]!["color"]).Distinct().Count());
        Assert.Equal([0.0, 1.0, 2.0], Figure.Values<double>(Figure.Trace(chart, "waiting")["x"]));
        Assert.Equal([1.0, 0.0, 0.0], Figure.Values<double>(Figure.Trace(chart, "waiting")["y"]));
        Assert.Equal([0.0, 2.0, 2.0], Figure.Values<double>(Figure.Trace(chart, "in use")["x"]));
        Assert.Equal([1.0, 0.0, 0.0], Figure.Values<double>(Figure.Trace(chart, "in use")["y"]));
    }

    private static async Task ReturnLaterAsync(PoolLease<string> lease, TimeProvider time, TimeSpan after)
    {
        await Task.Delay(after, time);
        await lease.DisposeAsync();
    }
}
