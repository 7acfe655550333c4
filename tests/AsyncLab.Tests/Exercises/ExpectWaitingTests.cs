using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Exercises;

public class ExpectWaitingTests
{
    // Started in the order slow, fast, medium; completed in the order fast, medium, slow.
    private static readonly (string, double, double?)[] Mixed = [("slow", 0, 3), ("fast", 0, 1), ("medium", 0, 2)];

    [Fact]
    public void ResultInCompletionOrder_NamesInCompletionOrder_IsMet()
    {
        ExpectationOutcome outcome = Expect.ResultInCompletionOrder().Evaluate(Run(Mixed, result: new List<string> { "fast", "medium", "slow" }));

        Assert.True(outcome.Met);
        Assert.Equal("returned [\"fast\", \"medium\", \"slow\"]; completed [\"fast\", \"medium\", \"slow\"]", outcome.Measured);
    }

    [Fact]
    public void ResultInCompletionOrder_NamesInStartOrder_IsNotMet()
    {
        ExpectationOutcome outcome = Expect.ResultInCompletionOrder().Evaluate(Run(Mixed, result: new[] { "slow", "fast", "medium" }));

        Assert.False(outcome.Met);
        Assert.Equal("returned [\"slow\", \"fast\", \"medium\"]; completed [\"fast\", \"medium\", \"slow\"]", outcome.Measured);
    }

    [Fact]
    public void ResultInCompletionOrder_MissingOrExtraNames_IsNotMet()
    {
        Assert.False(Expect.ResultInCompletionOrder().Evaluate(Run(Mixed, result: new[] { "fast", "medium" })).Met);
        Assert.False(Expect.ResultInCompletionOrder().Evaluate(Run(Mixed, result: new[] { "fast", "medium", "slow", "slow" })).Met);
    }

    [Fact]
    public void ResultInCompletionOrder_NotAList_IsNotMet()
    {
        Assert.Equal("returned null, not a list of names; completed [\"fast\", \"medium\", \"slow\"]", Expect.ResultInCompletionOrder().Evaluate(Run(Mixed, result: null)).Measured);
        Assert.False(Expect.ResultInCompletionOrder().Evaluate(Run(Mixed, result: "fast")).Met);
    }

    [Fact]
    public void ResultInCompletionOrder_NothingCompleted_IsNotMet()
    {
        Assert.False(Expect.ResultInCompletionOrder().Evaluate(Run([], result: Array.Empty<string>())).Met);
    }

    [Fact]
    public void ResultInCompletionOrder_RunningOperations_AreNotExpected()
    {
        Assert.True(Expect.ResultInCompletionOrder().Evaluate(Run([("fast", 0, 1), ("slow", 0, null)], result: new[] { "fast" })).Met);
    }

    [Fact]
    public void OnlyOneCompletes_OneCompletedAndTheRestCanceled_IsMet()
    {
        ExpectationOutcome outcome = Expect.OnlyOneCompletes().Evaluate(Run(Race(cancelLosers: true)));

        Assert.True(outcome.Met);
        Assert.Equal("1 completed, 2 canceled, 0 faulted, 0 still running", outcome.Measured);
    }

    [Fact]
    public void OnlyOneCompletes_WaitingForEveryOperation_IsNotMet()
    {
        ExpectationOutcome outcome = Expect.OnlyOneCompletes().Evaluate(Run(Mixed));

        Assert.False(outcome.Met);
        Assert.Equal("3 completed, 0 canceled, 0 faulted, 0 still running", outcome.Measured);
    }

    [Fact]
    public void OnlyOneCompletes_LosersLeftRunning_IsNotMet()
    {
        ExpectationOutcome outcome = Expect.OnlyOneCompletes().Evaluate(Run(Race(cancelLosers: false)));

        Assert.False(outcome.Met);
        Assert.Equal("1 completed, 0 canceled, 0 faulted, 2 still running", outcome.Measured);
    }

    [Fact]
    public void OnlyOneCompletes_ASingleOperation_IsNotMet()
    {
        Assert.False(Expect.OnlyOneCompletes().Evaluate(Run([("only", 0, 1)])).Met);
    }

    [Fact]
    public void WaitingExpectations_HaveHints()
    {
        Assert.Contains("Task.WhenEach", Expect.ResultInCompletionOrder().Hint, StringComparison.Ordinal);
        Assert.Contains("Task.WhenAny", Expect.OnlyOneCompletes().Hint, StringComparison.Ordinal);
    }

    /// <summary>Three operations start together; "fast" completes after 1 s; the other two are canceled then, or left running.</summary>
    private static TimingRecorder Race(bool cancelLosers)
    {
        var time = new ManualTimeProvider();
        var recorder = new TimingRecorder(time);
        OperationHandle slow = recorder.Begin("slow");
        OperationHandle fast = recorder.Begin("fast");
        OperationHandle medium = recorder.Begin("medium");
        time.Advance(Seconds(1));
        fast.Complete();
        if (cancelLosers)
        {
            slow.Cancel();
            medium.Cancel();
        }

        return recorder;
    }

    private static ExerciseRun Run((string Name, double Start, double? End)[] operations, object? result = null) =>
        new(Recorder(new ManualTimeProvider(), operations), result, exception: null, timedOut: false, Seconds(0));

    private static ExerciseRun Run(TimingRecorder recorder) =>
        new(recorder, result: null, exception: null, timedOut: false, Seconds(0));
}
