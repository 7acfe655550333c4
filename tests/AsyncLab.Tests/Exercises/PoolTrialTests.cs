using AsyncLab.Tests.Support;

namespace AsyncLab.Tests.Exercises;

/// <summary>
/// The chapter 08 pool exercise's check against the wrong solutions a learner plausibly writes (each must be
/// "not yet", for the right reason) and against correct ones, including an unusual one. The trial runs on the
/// real clock (blocking is measured in real time) at latency scale 0.5, about 1.5 s per check.
/// </summary>
[Collection(RealClock.Name)]
public class PoolTrialTests
{
    private static readonly SimulatedIOOptions HalfScale = new() { LatencyScale = 0.5 };

    [Fact]
    public async Task Check_AwaitUsingWithRentTimeout_Passes()
    {
        CheckResult result = await CheckAsync(async (pool, query, maxWait, cancellationToken) =>
        {
            PoolLease<SimulatedConnection> lease;
            try
            {
                lease = await pool.RentAsync(maxWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                return PoolTrial.Busy;
            }

            await using (lease)
            {
                return await query(lease.Resource, cancellationToken);
            }
        });

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task Check_TryRentFirstThenWaitAndFinallyDispose_Passes()
    {
        CheckResult result = await CheckAsync(async (pool, query, maxWait, cancellationToken) =>
        {
            if (!pool.TryRent(out PoolLease<SimulatedConnection>? lease))
            {
                try
                {
                    lease = await pool.RentAsync(maxWait, cancellationToken);
                }
                catch (TimeoutException)
                {
                    return PoolTrial.Busy;
                }
            }

            try
            {
                return await query(lease.Resource, cancellationToken);
            }
            finally
            {
                lease.Dispose();
            }
        });

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task Check_WaitsForeverAndReturnsOnlyOnSuccess_IsNotYet()
    {
        CheckResult result = await CheckAsync(async (pool, query, maxWait, cancellationToken) =>
        {
            PoolLease<SimulatedConnection> lease = await pool.RentAsync(cancellationToken);
            string result = await query(lease.Resource, cancellationToken);
            await lease.DisposeAsync();
            return result;
        });

        AssertNotYet(result, "Each caller ends as it should");
        AssertNotYet(result, "Every connection comes back");
    }

    [Fact]
    public async Task Check_AwaitUsingWithoutTimeout_IsNotYetBecauseDNeverGivesUp()
    {
        CheckResult result = await CheckAsync(async (pool, query, maxWait, cancellationToken) =>
        {
            await using PoolLease<SimulatedConnection> lease = await pool.RentAsync(cancellationToken);
            return await query(lease.Resource, cancellationToken);
        });

        AssertNotYet(result, "A caller that gets no connection says \"busy\"");
        Assert.True(Outcome(result, "Every connection comes back").Met);
    }

    [Fact]
    public async Task Check_FailsAtOnceWithTryRent_IsNotYetBecauseCWouldHaveGotOne()
    {
        CheckResult result = await CheckAsync(async (pool, query, maxWait, cancellationToken) =>
        {
            if (!pool.TryRent(out PoolLease<SimulatedConnection>? lease))
            {
                return PoolTrial.Busy;
            }

            await using (lease)
            {
                return await query(lease.Resource, cancellationToken);
            }
        });

        AssertNotYet(result, "Each caller ends as it should");
        AssertNotYet(result, "A caller that gets no connection says \"busy\"");
    }

    [Fact]
    public async Task Check_TimeoutWithWaitAsync_IsNotYetBecauseTheAbandonedRentKeepsAConnection()
    {
        CheckResult result = await CheckAsync(async (pool, query, maxWait, cancellationToken) =>
        {
            PoolLease<SimulatedConnection> lease;
            try
            {
                lease = await pool.RentAsync(cancellationToken).WaitAsync(maxWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                return PoolTrial.Busy;
            }

            await using (lease)
            {
                return await query(lease.Resource, cancellationToken);
            }
        });

        AssertNotYet(result, "Every connection comes back");
    }

    [Fact]
    public async Task Check_SwallowsEveryException_IsNotYet()
    {
        CheckResult result = await CheckAsync(async (pool, query, maxWait, cancellationToken) =>
        {
            try
            {
                await using PoolLease<SimulatedConnection> lease = await pool.RentAsync(maxWait, cancellationToken);
                return await query(lease.Resource, cancellationToken);
            }
            catch (Exception)
            {
                return PoolTrial.Busy;
            }
        });

        AssertNotYet(result, "Each caller ends as it should");
        Assert.True(Outcome(result, "Every connection comes back").Met);
    }

    [Fact]
    public async Task Check_QueryWithoutTheToken_IsNotYetBecauseTheCanceledQueryRunsOn()
    {
        CheckResult result = await CheckAsync(async (pool, query, maxWait, cancellationToken) =>
        {
            try
            {
                await using PoolLease<SimulatedConnection> lease = await pool.RentAsync(maxWait, cancellationToken);
                return await query(lease.Resource, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                return PoolTrial.Busy;
            }
        });

        AssertNotYet(result, "Canceling a caller's token stops its query");
    }

    [Fact]
    public async Task Check_BlocksOnRent_IsNotYetBecauseItBlocks()
    {
        CheckResult result = await CheckAsync(async (pool, query, maxWait, cancellationToken) =>
        {
            PoolLease<SimulatedConnection> lease;
            try
            {
                lease = pool.RentAsync(maxWait, cancellationToken).Result;
            }
            catch (AggregateException exception) when (exception.InnerException is TimeoutException)
            {
                return PoolTrial.Busy;
            }

            await using (lease)
            {
                return await query(lease.Resource, cancellationToken);
            }
        });

        AssertNotYet(result, "Never blocks a thread");
    }

    [Fact]
    public async Task Check_OneCallerAtATime_IsNotYetBecauseConnectionsStayIdle()
    {
        var oneAtATime = new SemaphoreSlim(1, 1);
        CheckResult result = await CheckAsync(async (pool, query, maxWait, cancellationToken) =>
        {
            await oneAtATime.WaitAsync(cancellationToken);
            try
            {
                await using PoolLease<SimulatedConnection> lease = await pool.RentAsync(maxWait, cancellationToken);
                return await query(lease.Resource, cancellationToken);
            }
            catch (TimeoutException)
            {
                return PoolTrial.Busy;
            }
            finally
            {
                oneAtATime.Release();
            }
        });

        AssertNotYet(result, "Callers use every connection at once");
    }

    [Fact]
    public async Task Check_HardCodesTheMaximumWait_IsNotYet()
    {
        CheckResult result = await CheckAsync(async (pool, query, maxWait, cancellationToken) =>
        {
            try
            {
                await using PoolLease<SimulatedConnection> lease = await pool.RentAsync(TimeSpan.FromSeconds(0.25), cancellationToken);
                return await query(lease.Resource, cancellationToken);
            }
            catch (TimeoutException)
            {
                return PoolTrial.Busy;
            }
        });

        AssertNotYet(result, "Each caller ends as it should");
    }

    [Fact]
    public async Task Check_NotImplemented_IsNotYetWithoutThrowing()
    {
        CheckResult result = await CheckAsync((pool, query, maxWait, cancellationToken) => throw new NotImplementedException());

        AssertNotYet(result, "Each caller ends as it should");
        Assert.Contains("threw NotImplementedException", Outcome(result, "Each caller ends as it should").Measured);
    }

    private static Task<CheckResult> CheckAsync(Func<ResourcePool<SimulatedConnection>, Func<SimulatedConnection, CancellationToken, Task<string>>, TimeSpan, CancellationToken, Task<string>> method) =>
        Exercise.CheckAsync(
            "Every connection comes back",
            PoolTrial.Of(method),
            new SimulatedIO(new TimingRecorder(), HalfScale),
            TimeSpan.FromSeconds(30),
            PoolTrial.EachCallerGetsItsOutcome(), PoolTrial.GivesUpAfterMaxWait(), PoolTrial.ConnectionsAlwaysComeBack(), PoolTrial.CancelStopsTheQuery(), PoolTrial.UsesEveryConnection(), PoolTrial.NeverBlocks());

    private static ExpectationOutcome Outcome(CheckResult result, string description) =>
        result.Expectations.Single(e => e.Description.StartsWith(description, StringComparison.Ordinal));

    private static void AssertNotYet(CheckResult result, string unmet)
    {
        Assert.False(result.Passed, result.ToString());
        Assert.False(Outcome(result, unmet).Met, result.ToString());
    }
}
