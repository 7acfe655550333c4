using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Exercises;

/// <summary>
/// Checks whose timing matters run on a <see cref="VirtualTimeLoop"/>: the attempt runs on the loop, its
/// times are exact, and the check's timeout is virtual. One test runs off the loop on a manual clock,
/// where the attempt runs on the thread pool. Nothing sleeps.
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
    public void CheckAsync_ConcurrentAttempt_Passes()
    {
        CheckResult result = CheckOnTheLoop(
            "Fetch all three at once",
            io => Task.WhenAll(io.FetchAsync("A", Seconds(1)), io.FetchAsync("B", Seconds(1)), io.FetchAsync("C", Seconds(1))),
            Timeout,
            Expect.Operations(3), Expect.AllAtOnce(), Expect.TotalNearLongest(), Expect.NothingRunning());

        Assert.True(result.Passed, result.ToString());
        Assert.Null(result.Hint);
        Assert.StartsWith("✅ PASSED: Fetch all three at once", result.ToString());
        Assert.Equal(5, result.Expectations.Count);
        Assert.Equal("elapsed 1.000 s; longest 1.000 s; sum 3.000 s", result.Expectations[3].Measured);
    }

    [Fact]
    public void CheckAsync_SequentialAttempt_NotYetWithHintShowingTheMeasuredNumbers()
    {
        CheckResult result = CheckOnTheLoop(
            "Fetch all three at once",
            async io =>
            {
                await io.FetchAsync("A", Seconds(1));
                await io.FetchAsync("B", Seconds(1));
                await io.FetchAsync("C", Seconds(1));
            },
            Timeout,
            Expect.TotalNearLongest(), Expect.AllAtOnce());

        Assert.False(result.Passed);
        Assert.StartsWith("⏳ NOT YET: Fetch all three at once", result.ToString());
        Assert.Contains("  ✘ The total time is close to the longest operation, not to the sum of all of them — elapsed 3.000 s; longest 1.000 s; sum 3.000 s", result.ToString());
        Assert.EndsWith("(measured: elapsed 3.000 s; longest 1.000 s; sum 3.000 s)", result.Hint);
        Assert.StartsWith("The elapsed time was closer to the sum of the durations", result.Hint);
    }

    [Fact]
    public async Task CheckAsync_OffTheLoop_RunsTheAttemptOnThePoolWithTheRecordersClock()
    {
        int testThread = Environment.CurrentManagedThreadId;
        int attemptThread = testThread;
        Task<CheckResult> checking = Exercise.CheckAsync(
            "Fetch both at once",
            io =>
            {
                attemptThread = Environment.CurrentManagedThreadId;
                return Task.WhenAll(io.FetchAsync("A", Seconds(1)), io.FetchAsync("B", Seconds(1)));
            },
            _io, Timeout,
            Expect.Operations(2), Expect.AllAtOnce());

        // The attempt runs on the thread pool: wait until it has started its two timers (plus the check's timeout).
        await _time.WaitForScheduledTimersAsync(3);
        _time.Advance(Seconds(1));
        CheckResult result = await checking;

        Assert.True(result.Passed, result.ToString());
        Assert.NotEqual(testThread, attemptThread);
        Assert.All(_io.Recorder.Operations, o => Assert.Equal(Seconds(1), o.End));
    }

    [Fact]
    public async Task CheckAsync_AttemptThrows_NotYetWithoutThrowing()
    {
        CheckResult result = await Exercise.CheckAsync(
            "Fetch", io => Task.FromException(new InvalidOperationException("boom")), _io, Timeout, Expect.Operations(1));

        Assert.False(result.Passed);
        Assert.Equal(new ExpectationOutcome("Runs to the end without an unexpected exception", false, "InvalidOperationException: boom"), result.Expectations[0]);
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
    public void CheckAsync_AttemptHangs_TimesOutAsNotYetAtTheVirtualTimeout()
    {
        var never = new TaskCompletionSource();

        CheckResult result = CheckOnTheLoop(
            "Hang", async io =>
            {
                await io.FetchAsync("A", Seconds(1));
                await never.Task;
            },
            Seconds(5), Expect.Operations(1));

        Assert.False(result.Passed);
        Assert.Equal("did not finish within 5.000 s", result.Expectations[0].Measured);
        Assert.True(result.Expectations[1].Met);
    }

    [Fact]
    public void CheckAsync_AttemptReturnsAValue_ChecksIt()
    {
        CheckResult result = VirtualTimeLoop.Run(time => Exercise.CheckAsync(
            "Price", io => io.FetchAsync("price", Seconds(1), 42), Io(time), Timeout, Expect.Result(42)));

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

    /// <summary>Simulated I/O on <paramref name="time"/>, unscaled whatever the environment says.</summary>
    private static SimulatedIO Io(TimeProvider time) =>
        new(new TimingRecorder(time), new SimulatedIOOptions { LatencyScale = 1 });

    /// <summary>Runs the check on a virtual time loop, with the loop's clock and the given timeout.</summary>
    private static CheckResult CheckOnTheLoop(string title, Func<SimulatedIO, Task> attempt, TimeSpan timeout, params Expectation[] expectations) =>
        VirtualTimeLoop.Run(time => Exercise.CheckAsync(title, attempt, Io(time), timeout, expectations));
}
