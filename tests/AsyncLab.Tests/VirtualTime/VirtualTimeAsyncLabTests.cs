using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.VirtualTime;

/// <summary>AsyncLab's recorder, simulated I/O, checks and charts work unchanged inside the loop.</summary>
public class VirtualTimeAsyncLabTests
{
    private static readonly SimulatedIOOptions Unscaled = new() { LatencyScale = 1 };

    [Fact]
    public void TimingRecorder_CreatedInsideTheLoopWithoutAClock_UsesTheVirtualClock()
    {
        var (recorder, time) = VirtualTimeLoop.Run(async time =>
        {
            var recorder = new TimingRecorder();
            await new SimulatedIO(recorder, Unscaled).FetchAsync("A", Seconds(2));
            return (recorder, time);
        });

        Assert.Same(time, recorder.TimeProvider);
        Assert.Equal(Seconds(2), Assert.Single(recorder.Operations).Duration);
        Assert.Same(TimeProvider.System, new TimingRecorder().TimeProvider);
    }

    [Fact]
    public void SimulatedIO_CanceledAndFailing_RecordExactVirtualTimes()
    {
        IReadOnlyList<OperationRecord> operations = VirtualTimeLoop.Run(async time =>
        {
            var recorder = new TimingRecorder(time);
            var io = new SimulatedIO(recorder, Unscaled);
            using var cancellation = new CancellationTokenSource(Seconds(0.5), time);
            Task canceled = io.FetchAsync("canceled", Seconds(2), cancellation.Token);
            Task failed = io.FailAsync("failed", Seconds(1), "server busy");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
            await Assert.ThrowsAsync<SimulatedFailureException>(() => failed);
            return recorder.Operations;
        });

        Assert.Equal(
            [("canceled", OperationOutcome.Canceled, Seconds(0.5)), ("failed", OperationOutcome.Faulted, Seconds(1))],
            operations.Select(o => (o.Name, o.Outcome, o.End!.Value)));
    }

    [Fact]
    public void Timeline_OfAVirtualRun_ShowsExactTimes()
    {
        PlotlyChart chart = VirtualTimeLoop.Run(async time =>
        {
            var recorder = new TimingRecorder(time);
            var io = new SimulatedIO(recorder, Unscaled);
            await io.FetchAsync("first", Seconds(1));
            await io.FetchAsync("second", Seconds(2));
            return recorder.Timeline("Sequential");
        });

        string text = chart.ToString();
        Assert.Contains("Sequential — 3.000 s", text);
        Assert.Contains("0.000–1.000 s", text);
        Assert.Contains("1.000–3.000 s", text);
    }

    [Fact]
    public void ExerciseCheck_InsideTheLoop_RunsTheAttemptOnTheLoopWithTheVirtualClock()
    {
        int loopThread = Environment.CurrentManagedThreadId;
        ExerciseRun? captured = null;
        var capture = new Expectation("captures the run", run =>
        {
            captured = run;
            return (true, "captured");
        }, "never shown");

        var (result, time) = VirtualTimeLoop.Run(async time =>
        {
            CheckResult result = await Exercise.CheckAsync(
                "Fetch both at once",
                io => Task.WhenAll(io.FetchAsync("A", Seconds(1)), io.FetchAsync("B", Seconds(1))),
                Expect.Operations(2), Expect.AllAtOnce(), capture);
            return (result, time);
        });

        Assert.True(result.Passed, result.ToString());
        Assert.NotNull(captured);
        Assert.Same(time, captured.Recorder.TimeProvider);
        Assert.All(captured.Operations, o => Assert.Equal((loopThread, loopThread), (o.StartThreadId, o.EndThreadId)));
    }

    [Fact]
    public void ExerciseCheck_HangingAttemptInsideTheLoop_TimesOutInVirtualTimeAtOnce()
    {
        var never = new TaskCompletionSource();

        CheckResult result = VirtualTimeLoop.Run(_ => Exercise.CheckAsync("Hang", io => never.Task, Expect.Operations(0)));

        Assert.False(result.Passed);
        Assert.Equal("did not finish within 30.000 s", result.Expectations[0].Measured);
    }

    [Fact]
    public void ExerciseCheck_FireAndForgetInsideTheLoop_NotYetAndTheLoopReportsTheForgottenTimer()
    {
        Expectation[] expectations = [Expect.NothingRunning()];
        Task<CheckResult> Check(VirtualTimeProvider time) => Exercise.CheckAsync(
            "Await everything",
            io =>
            {
                _ = io.FetchAsync("forgotten", Seconds(1));
                return Task.CompletedTask;
            },
            expectations);

        var escape = Assert.Throws<VirtualTimeEscapeException>(() => VirtualTimeLoop.Run(Check));
        CheckResult result = VirtualTimeLoop.Run(Check, new VirtualTimeLoopOptions { AllowPendingTimers = true });

        Assert.Contains("1 timer is still pending: Task.Delay due at ", escape.Message);
        Assert.False(result.Passed);
        Assert.Equal("1 still running: forgotten", result.Expectations[1].Measured);
    }
}
