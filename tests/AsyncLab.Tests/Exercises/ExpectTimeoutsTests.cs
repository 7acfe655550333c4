using AsyncLab.Tests.Support;
using static AsyncLab.Tests.Support.Recorded;

namespace AsyncLab.Tests.Exercises;

public class ExpectTimeoutsTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Canceled_OperationCanceled_IsMet()
    {
        TimingRecorder recorder = RecorderWith(("quote", OperationOutcome.Canceled));

        ExpectationOutcome outcome = Expect.Canceled("quote").Evaluate(Run(recorder));

        Assert.True(outcome.Met);
        Assert.Equal("\"quote\" is canceled by the time your code returns", outcome.Description);
        Assert.Equal("\"quote\" canceled", outcome.Measured);
    }

    [Fact]
    public void Canceled_OperationStillRunning_IsNotMet()
    {
        TimingRecorder recorder = RecorderWith(("quote", OperationOutcome.Running));

        ExpectationOutcome outcome = Expect.Canceled("quote").Evaluate(Run(recorder));

        Assert.False(outcome.Met);
        Assert.Equal("\"quote\" running", outcome.Measured);
    }

    [Fact]
    public void Canceled_OperationCompletedOrMissing_IsNotMet()
    {
        TimingRecorder recorder = RecorderWith(("A", OperationOutcome.Canceled), ("B", OperationOutcome.Completed));

        ExpectationOutcome outcome = Expect.Canceled("A", "B", "C").Evaluate(Run(recorder));

        Assert.False(outcome.Met);
        Assert.Equal("\"A\" canceled; \"B\" completed; \"C\" never started", outcome.Measured);
        Assert.True(Expect.Canceled("A").Evaluate(Run(recorder)).Met);
    }

    [Fact]
    public void Canceled_NoNames_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => Expect.Canceled());
        Assert.Equal("names", exception.ParamName);
    }

    [Fact]
    public void Canceled_BlankName_ThrowsWithItsIndex()
    {
        var exception = Assert.Throws<ArgumentException>(() => Expect.Canceled("A", " "));
        Assert.Equal("names", exception.ParamName);
        Assert.Contains("the name at index 1 was \" \"", exception.Message);
    }

    [Fact]
    public void FinishedWithin_ComparesTheWallTime()
    {
        var recorder = new TimingRecorder(_time);

        ExpectationOutcome fast = Expect.FinishedWithin(Seconds(1)).Evaluate(Run(recorder, wallTime: Seconds(0.75)));
        ExpectationOutcome slow = Expect.FinishedWithin(Seconds(1)).Evaluate(Run(recorder, wallTime: Seconds(1.25)));

        Assert.True(fast.Met);
        Assert.Equal("Returns within 1.000 s", fast.Description);
        Assert.Equal("returned after 0.750 s", fast.Measured);
        Assert.False(slow.Met);
    }

    [Fact]
    public void FinishedWithin_TimedOut_IsNotMet()
    {
        ExpectationOutcome outcome = Expect.FinishedWithin(Seconds(10)).Evaluate(Run(new TimingRecorder(_time), wallTime: Seconds(5), timedOut: true));
        Assert.False(outcome.Met);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void FinishedWithin_NotPositive_Throws(double seconds)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Expect.FinishedWithin(Seconds(seconds)));
        Assert.Equal("bound", exception.ParamName);
        Assert.Contains("must be greater than zero and at most one day", exception.Message);
    }

    private TimingRecorder RecorderWith(params (string Name, OperationOutcome Outcome)[] operations)
    {
        var recorder = new TimingRecorder(_time);
        foreach (var (name, outcome) in operations)
        {
            OperationHandle handle = recorder.Begin(name);
            _time.Advance(Seconds(0.5));
            switch (outcome)
            {
                case OperationOutcome.Completed:
                    handle.Complete();
                    break;
                case OperationOutcome.Canceled:
                    handle.Cancel();
                    break;
                case OperationOutcome.Faulted:
                    handle.Fail(new InvalidOperationException("boom"));
                    break;
            }
        }

        return recorder;
    }

    private static ExerciseRun Run(TimingRecorder recorder, TimeSpan wallTime = default, bool timedOut = false) =>
        new(recorder, result: null, exception: null, timedOut, wallTime);
}
