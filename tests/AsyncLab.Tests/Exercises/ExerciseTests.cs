using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Exercises;

/// <summary>
/// Checks run on a manual clock. The attempt runs on the thread pool, so before each Advance a test
/// waits until the attempt has scheduled the timers it is about to await (plus the check's own
/// timeout timer). Nothing sleeps.
/// </summary>
public class ExerciseTests
{
    private static readonly TimeSpan Timeout = Seconds(30);
    private readonly ManualTimeProvider _time = new();
    private readonly SimulatedIO _io;

    public ExerciseTests()
    {
        _io = new SimulatedIO(new TimingRecorder(_time), new SimulatedIOOptions { LatencyScale = 1 });
    }

    [Fact]
    public async Task CheckAsync_ConcurrentAttempt_Passes()
    {
        Task<CheckResult> checking = Exercise.CheckAsync(
            "Fetch all three at once",
            io => Task.WhenAll(io.FetchAsync("A", Seconds(1)), io.FetchAsync("B", Seconds(1)), io.FetchAsync("C", Seconds(1))),
            _io, Timeout,
            Expect.Operations(3), Expect.AllAtOnce(), Expect.TotalNearLongest(), Expect.NothingRunning());
        await _time.WaitForScheduledTimersAsync(4);
        _time.Advance(Seconds(1));

        CheckResult result = await checking;

        Assert.True(result.Passed, result.ToString());
        Assert.Null(result.Hint);
        Assert.StartsWith("✅ PASSED: Fetch all three at once", result.ToString());
        Assert.Equal(5, result.Expectations.Count);
    }

    [Fact]
    public async Task CheckAsync_SequentialAttempt_NotYetWithHintShowingTheMeasuredNumbers()
    {
        Task<CheckResult> checking = Exercise.CheckAsync(
            "Fetch all three at once",
            async io =>
            {
                await io.FetchAsync("A", Seconds(1));
                await io.FetchAsync("B", Seconds(1));
                await io.FetchAsync("C", Seconds(1));
            },
            _io, Timeout,
            Expect.TotalNearLongest(), Expect.AllAtOnce());
        for (int fetch = 0; fetch < 3; fetch++)
        {
            // The check's timeout timer, and the timer of the fetch the attempt is awaiting now.
            await _time.WaitForScheduledTimersAsync(2);
            _time.Advance(Seconds(1));
        }

        CheckResult result = await checking;

        Assert.False(result.Passed);
        Assert.StartsWith("⏳ NOT YET: Fetch all three at once", result.ToString());
        Assert.Contains("  ✘ The total time is close to the longest operation, not to the sum of all of them — elapsed 3.000 s; longest 1.000 s; sum 3.000 s", result.ToString());
        Assert.EndsWith("(measured: elapsed 3.000 s; longest 1.000 s; sum 3.000 s)", result.Hint);
        Assert.StartsWith("The elapsed time was closer to the sum of the durations", result.Hint);
    }

    [Fact]
    public async Task CheckAsync_AttemptThrows_NotYetWithoutThrowing()
    {
        CheckResult result = await Exercise.CheckAsync(
            "Fetch", io => Task.FromException(new InvalidOperationException("boom")), _io, Timeout, Expect.Operations(1));

        Assert.False(result.Passed);
        Assert.Equal(new ExpectationOutcome("Runs to the end without an exception", false, "InvalidOperationException: boom"), result.Expectations[0]);
        Assert.StartsWith("Your code threw an exception or never finished", result.Hint);
    }

    [Fact]
    public async Task CheckAsync_AttemptNotImplemented_NotYetWithoutThrowing()
    {
        CheckResult result = await Exercise.CheckAsync<int>(
            "Sum", io => throw new NotImplementedException(), _io, Timeout, Expect.Result(3));

        Assert.False(result.Passed);
        Assert.Equal("NotImplementedException: The method or operation is not implemented.", result.Expectations[0].Measured);
        Assert.Equal("returned null", result.Expectations[1].Measured);
    }

    [Fact]
    public async Task CheckAsync_AttemptHangs_TimesOutAsNotYet()
    {
        var never = new TaskCompletionSource();
        Task<CheckResult> checking = Exercise.CheckAsync(
            "Hang", async io =>
            {
                await io.FetchAsync("A", Seconds(1));
                await never.Task;
            },
            _io, Seconds(5), Expect.Operations(1));
        await _time.WaitForScheduledTimersAsync(2);
        _time.Advance(Seconds(5));

        CheckResult result = await checking;

        Assert.False(result.Passed);
        Assert.Equal("did not finish within 5.000 s", result.Expectations[0].Measured);
        Assert.True(result.Expectations[1].Met);
    }

    [Fact]
    public async Task CheckAsync_AttemptReturnsAValue_ChecksIt()
    {
        Task<CheckResult> checking = Exercise.CheckAsync(
            "Price", io => io.FetchAsync("price", Seconds(1), 42), _io, Timeout, Expect.Result(42));
        await _time.WaitForScheduledTimersAsync(2);
        _time.Advance(Seconds(1));

        CheckResult result = await checking;

        Assert.True(result.Passed, result.ToString());
        Assert.Equal("returned 42", result.Expectations[1].Measured);
    }

    [Fact]
    public async Task CheckAsync_AttemptReturnsNullTask_NotYetWithAnExplanation()
    {
        CheckResult result = await Exercise.CheckAsync("Null", io => null!, _io, Timeout);

        Assert.False(result.Passed);
        Assert.Equal("InvalidOperationException: The attempt returned null instead of a task: return the task, or mark the lambda async.", result.Expectations[0].Measured);
    }

    [Fact]
    public async Task CheckAsync_FireAndForget_NothingRunningIsNotMet()
    {
        CheckResult result = await Exercise.CheckAsync(
            "Await everything",
            io =>
            {
                _ = io.FetchAsync("forgotten", Seconds(1));
                return Task.CompletedTask;
            },
            _io, Timeout, Expect.NothingRunning());

        Assert.False(result.Passed);
        Assert.Equal("1 still running: forgotten", result.Expectations[1].Measured);
    }

    [Fact]
    public async Task CheckAsync_NoExceptionGivenExplicitly_IsCheckedOnce()
    {
        CheckResult result = await Exercise.CheckAsync("Nothing", io => Task.CompletedTask, _io, Timeout, Expect.NoException());

        Assert.Single(result.Expectations);
        Assert.True(result.Passed);
    }

    [Fact]
    public async Task CheckAsync_PublicOverload_RunsWithFreshSimulatedIO()
    {
        CheckResult result = await Exercise.CheckAsync("Instant", io => io.FetchAsync("A", TimeSpan.Zero), Expect.Operations(1));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void CheckAsync_InvalidArguments_ThrowImmediatelyWithParameterNames()
    {
        Assert.Equal("attempt", Assert.Throws<ArgumentNullException>(() => { _ = Exercise.CheckAsync("t", (Func<SimulatedIO, Task>)null!); }).ParamName);
        Assert.Equal("attempt", Assert.Throws<ArgumentNullException>(() => { _ = Exercise.CheckAsync<int>("t", null!); }).ParamName);
        Assert.Equal("title", Assert.Throws<ArgumentException>(() => { _ = Exercise.CheckAsync(" ", io => Task.CompletedTask); }).ParamName);
        Assert.Equal("expectations", Assert.Throws<ArgumentException>(() => { _ = Exercise.CheckAsync("t", io => Task.CompletedTask, Expect.Overlap(), null!); }).ParamName);
        Assert.Equal("expectations", Assert.Throws<ArgumentNullException>(() => { _ = Exercise.CheckAsync("t", io => Task.CompletedTask, null!); }).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86401)]
    public void Timeout_OutOfRange_Throws(double seconds)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Exercise.Timeout = Seconds(seconds));

        Assert.Equal("value", exception.ParamName);
        Assert.StartsWith("The exercise timeout must be greater than zero and at most one day, but was", exception.Message);
    }
}
